"""Tagged A4 PDFs of the pack templates (meeting packs, review trackers), made with
WeasyPrint and the pack stylesheet."""

import gc
import logging
from contextlib import contextmanager
from functools import cache

from django.contrib.staticfiles import finders

PACK_CSS = "css/pack.css"

# WeasyPrint logs each layout step at INFO: a dozen lines per PDF that say nothing useful.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _refuse_fetch(url: str, *args, **kwargs):
    """Packs load nothing from elsewhere: the stylesheet is given, fonts are the system's."""
    raise ValueError(f"A pack may not load {url}")


@cache
def _pdf_style():
    """The pack stylesheet and font set, parsed once per process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    path = finders.find(PACK_CSS)
    css = CSS(filename=path, font_config=fonts, url_fetcher=_refuse_fetch)
    return css, fonts


@contextmanager
def _cyclic_gc_paused():
    """WeasyPrint makes millions of short-lived objects: collecting cycles while it works
    costs a tenth of the time and frees little, so the collector waits until it is done.
    (Restored only by whoever paused it, so overlapping PDFs in threads stay safe.)"""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def html_to_pdf(html: str, *, base_url: str) -> bytes:
    """A4 PDF of a pack template's HTML with the pack stylesheet: tagged PDF/UA-1, with the
    title, author and language the HTML states. Links stay relative to ``base_url``."""
    from weasyprint import HTML

    css, fonts = _pdf_style()
    document = HTML(string=html, base_url=base_url, url_fetcher=_refuse_fetch)
    with _cyclic_gc_paused():
        return document.write_pdf(stylesheets=[css], font_config=fonts, pdf_variant="pdf/ua-1")

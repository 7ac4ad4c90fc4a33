"""Tagged A4 PDFs of the pack templates (meeting packs, review trackers), made with
WeasyPrint and the pack stylesheet, each rendered once per distinct HTML and kept in the
shared cache (settings.CACHES)."""

import atexit
import gc
import hashlib
import logging
import re
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.cache import caches

PACK_CSS = "css/pack.css"

# WeasyPrint logs each layout step at INFO: a dozen lines per PDF that say nothing useful.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@cache
def _fetcher():
    """Packs load nothing but the project's own fonts (static/fonts, beside the stylesheet):
    the stylesheet is given, and a link or image in what people wrote is never fetched."""
    from weasyprint.urls import URLFetcher

    fonts = Path(finders.find(PACK_CSS)).parent.parent.joinpath("fonts").as_uri() + "/"

    class OwnFontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith(fonts) or ".." in url:
                raise ValueError(f"A pack may not load {url}")
            return super().fetch(url, headers)

    return OwnFontsOnly(allowed_protocols={"file"})


@cache
def _pdf_style():
    """The pack stylesheet and font set, parsed once per process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    path = finders.find(PACK_CSS)
    css = CSS(filename=path, font_config=fonts, url_fetcher=_fetcher())
    return css, fonts


# The font set copies the fonts into a temporary folder that it removes when it goes: let
# it go before the interpreter starts tearing modules down, or it cannot.
atexit.register(_pdf_style.cache_clear)


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


# A run of text with no space this long is no word anyone reads (a pasted string, a long
# address): it is given a place to break every BREAK_EVERY characters.
LONG_RUN = 64
BREAK_EVERY = 32
ZERO_WIDTH_SPACE = "\u200b"
_TEXT = re.compile(r"(<(style|script|title)\b.*?</\2>)|>([^<]+)<", re.S | re.I)
_LONG_RUN = re.compile(rf"[^\s&<>\u200b]{{{LONG_RUN},}}")


def _break_run(match: re.Match) -> str:
    run = match.group(0)
    return ZERO_WIDTH_SPACE.join(run[i : i + BREAK_EVERY] for i in range(0, len(run), BREAK_EVERY))


def breakable(html: str) -> str:
    """``html`` with a zero-width space every ``BREAK_EVERY`` characters of each run of
    text at least ``LONG_RUN`` characters long with no space (never inside a tag, an entity,
    a style sheet, a script or the title).

    WeasyPrint breaks an unbroken word (``overflow-wrap: anywhere``) in time that grows with
    the square of its length: a 15,000-character word made a pack take 15 s, 20,000 a
    tracker 36 s. Broken into short runs it costs what ordinary words cost."""

    def text(match: re.Match) -> str:
        if match.group(1):
            return match.group(1)
        return ">" + _LONG_RUN.sub(_break_run, match.group(3)) + "<"

    return _TEXT.sub(text, html)


def html_to_pdf(html: str, *, base_url: str) -> bytes:
    """A4 PDF of a pack template's HTML with the pack stylesheet: tagged PDF/UA-1, with the
    title, author and language the HTML states. Links stay relative to ``base_url``; long
    unbroken text may break anywhere (``breakable``)."""
    from weasyprint import HTML

    css, fonts = _pdf_style()
    document = HTML(string=breakable(html), base_url=base_url, url_fetcher=_fetcher())
    with _cyclic_gc_paused():
        return document.write_pdf(stylesheets=[css], font_config=fonts, pdf_variant="pdf/ua-1")


# A rendered PDF is kept a week: its key changes with anything it shows, so an entry never
# goes stale, it only stops being asked for (and the cache culls it).
PDF_CACHE_SECONDS = 7 * 24 * 60 * 60
# Bump to drop every kept PDF when html_to_pdf changes how it renders.
PDF_FORMAT = "2"

logger = logging.getLogger(__name__)


@cache
def _render_version() -> str:
    """What else decides the PDF besides its HTML: the stylesheet's text, WeasyPrint's
    version and this module's format."""
    import weasyprint

    with open(finders.find(PACK_CSS), "rb") as sheet:
        css = hashlib.sha256(sheet.read()).hexdigest()
    return f"{PDF_FORMAT}:{weasyprint.__version__}:{css}"


def pdf_cache_key(html: str, *, base_url: str) -> str:
    """The shared cache's key of the PDF of ``html``: a hash of the HTML (which states the
    pack's kind, language and every word and date it shows), the base of its links and the
    render version, so any change to what the PDF shows is a new key."""
    digest = hashlib.sha256()
    for part in (_render_version(), base_url, html):
        digest.update(part.encode())
        digest.update(b"\0")
    return f"pdf:{digest.hexdigest()}"


def cached_html_to_pdf(
    html: str, *, base_url: str, turn: Callable[[], AbstractContextManager] | None = None
) -> tuple[bytes, bool]:
    """``html_to_pdf`` made once per distinct HTML and kept in the shared cache (every node
    sees it); with whether it came from the cache. Each render is logged.

    ``turn``, when given, is held while rendering (one of a few slots: it may raise, or
    wait); the cache is read again once it is held, since whoever held it before may have
    rendered this same PDF."""
    key = pdf_cache_key(html, base_url=base_url)
    pdf = caches["default"].get(key)
    if pdf is not None:
        return pdf, True
    with turn() if turn is not None else nullcontext():
        if turn is not None and (pdf := caches["default"].get(key)) is not None:
            return pdf, True
        start = time.perf_counter()
        pdf = html_to_pdf(html, base_url=base_url)
    logger.info("Rendered a PDF (%d KiB) in %.2f s", len(pdf) // 1024, time.perf_counter() - start)
    caches["default"].set(key, pdf, PDF_CACHE_SECONDS)
    return pdf, False

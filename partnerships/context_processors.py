"""The page's language for ``<html lang>`` and the English/Cymraeg switch in the header."""

from __future__ import annotations

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

# BCP 47 tags for lang and hreflang: Django's "en-gb" is written "en-GB".
HTML_LANG = {"en-gb": "en-GB", "cy": "cy"}


def _unprefixed(path: str) -> str:
    """``path`` without a leading language prefix (/cy/…); English has none."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def page_in(request, code: str) -> str:
    """The page being read, query string kept, in the language ``code``.

    A page Django can resolve is reversed in that language (translate_url keeps the query
    string); one it cannot (a 404) keeps its path with the language prefix swapped.
    """
    full_path = request.get_full_path()
    translated = translate_url(full_path, code)
    if translated != full_path or code == get_language():
        return translated
    path = _unprefixed(full_path)
    if code == settings.LANGUAGE_CODE:
        return path
    return f"/{code}{path}"


def language(request):
    """``html_lang`` for the page, and ``language_switch``: one link per language, named in
    that language, with the current one marked."""
    current = get_language()
    links = []
    # settings.LANGUAGES names each language in itself ("Cymraeg"), untranslated on purpose.
    for code, name in settings.LANGUAGES:
        links.append(
            {
                "code": code,
                "lang": HTML_LANG.get(code, code),
                "name": name,
                "href": page_in(request, code),
                "current": code == current,
            }
        )
    return {"html_lang": HTML_LANG.get(current, current), "language_switch": links}

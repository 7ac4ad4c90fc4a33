"""What every page's template is given: the council's and the service's names, the header
navigation, the page's language for ``<html lang>`` and the English/Cymraeg switch."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from scrutiny.common.bilingual import welsh_chosen

# BCP 47 tags for lang and hreflang: Django's "en-gb" is written "en-GB".
HTML_LANG = {"en-gb": "en-GB", "cy": "cy"}


def _unprefixed(path: str) -> str:
    """``path`` without a leading language prefix (/cy/…); English has none."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def _on_this_site(path: str) -> str:
    """``path`` with any run of leading slashes or backslashes made one slash: "//host/…"
    (or "/\\host/…", as browsers read it) would be another site's address."""
    return "/" + path.lstrip("/\\")


def page_in(request, code: str) -> str:
    """The page being read, query string kept, in the language ``code``: always a path on
    this site (a 404 for /cy//evil.example/ must not link to evil.example).

    A page Django can resolve is reversed in that language (translate_url keeps the query
    string); one it cannot (a 404) keeps its path with the language prefix swapped.
    """
    full_path = request.get_full_path()
    translated = translate_url(full_path, code)
    if translated != full_path or code == get_language():
        return _on_this_site(translated)
    path = _on_this_site(_unprefixed(full_path))
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


NAVIGATION = [
    (_("Home"), "scrutiny:home"),
    (_("Committees"), "scrutiny:committee-list"),
    (_("Reviews"), "scrutiny:review-list"),
    (_("Recommendations"), "recommendations:recommendation-list"),
    (_("Organisations"), "partnerships:organisation-list"),
]

# settings.SERVICE_NAME's default: an interface string, so said in the reader's language.
DEFAULT_SERVICE_NAME = "Scrutiny recommendation tracker"


def service_name() -> str:
    """The service's name: on a Welsh page the Welsh name the council set, if any; else
    the default name in the reader's language; a name the council set is shown as set."""
    if welsh_chosen() and settings.SERVICE_NAME_CY:
        return settings.SERVICE_NAME_CY
    name = settings.SERVICE_NAME
    return gettext("Scrutiny recommendation tracker") if name == DEFAULT_SERVICE_NAME else name


def council_name() -> str:
    """The council's name, in Welsh on a Welsh page when the council gave one."""
    if welsh_chosen() and settings.COUNCIL_NAME_CY:
        return settings.COUNCIL_NAME_CY
    return settings.COUNCIL_NAME


def council(request):
    """The council's and the service's names, and the header navigation with the section
    the current page belongs to marked (by URL prefix)."""
    items = []
    for label, name in NAVIGATION:
        href = reverse(name)
        current = request.path == href
        active = current or (href != "/" and request.path.startswith(href))
        items.append({"label": label, "href": href, "active": active, "current": current})
    return {
        "council_name": council_name(),
        "service_name": service_name(),
        "nav_items": items,
    }

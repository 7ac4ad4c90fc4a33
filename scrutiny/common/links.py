"""A detail page's address from its URL name and a primary key, without ``reverse``'s
matching on each call.

``reverse`` checks every candidate pattern and its converters each time (about 0.07 ms):
on a page of a thousand rows, each linking to its recommendation, that was a tenth of the
render (issue 17). The address of a URL whose only argument is a whole number differs
between primary keys only in that number, so it is reversed once for a marker number (per
URL configuration, script prefix and language: the Welsh pages are under /cy/) and the
marker replaced.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# Long enough that no address of this site holds it apart from where the key goes.
_MARKER = "918273645546372819"


@lru_cache(maxsize=512)
def _address(name: str, urlconf: str, prefix: str, language: str | None) -> tuple[str, str]:
    before, _, after = reverse(name, urlconf=urlconf, args=[int(_MARKER)]).partition(_MARKER)
    return before, after


def pk_url(name: str, pk: int) -> str:
    """The address ``reverse(name, args=[pk])`` gives, for a URL taking one whole number."""
    before, after = _address(
        name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language()
    )
    return f"{before}{int(pk)}{after}"

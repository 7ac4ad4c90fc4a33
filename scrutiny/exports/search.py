"""Search results as rows of a file: every result the reader may see (of one kind, when
the search names one), up to ``MAX_COUNTED`` of each kind, as the search page ranks them."""

from __future__ import annotations

import html

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from scrutiny.exports.tables import Column, Sheet
from scrutiny.selectors.search import KINDS, MAX_COUNTED, Query, candidates

SEARCH_COLUMNS = [
    Column(_("Kind"), 20),
    Column(_("Title"), 40),
    Column(_("Where"), 30),
    Column(_("Text"), 60),
    Column(_("Address"), 40),
]


def _plain(markup) -> str:
    """A hit's escaped text as the words it escaped."""
    return html.unescape(strip_tags(str(markup)))


def search_rows(user, text: str, *, kind: str | None, absolute) -> list[list]:
    """The rows of the results for ``text`` that ``user`` may see (two or three queries a
    kind, whatever the size); ``absolute`` makes a page's address a full one."""
    query, rows = Query.parse(text), []
    for each in KINDS:
        if kind and each.key != kind:
            continue
        among = list(candidates(each.found(user, query)))[:MAX_COUNTED]
        if not among:
            continue
        for found in each.find(user, query, among):
            hit = each.hit(found, None)
            rows.append(
                [
                    str(each.label),
                    _plain(hit.title),
                    hit.meta,
                    _plain(hit.snippet),
                    absolute(hit.url),
                ]
            )
    return rows


def search_sheet(title: str, rows: list[list]) -> Sheet:
    return Sheet(title, SEARCH_COLUMNS, rows)

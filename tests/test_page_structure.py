"""What every page's markup must say to people who cannot see its layout or its colours, for
every role, on every page of the crawl of the two-council world (``tests.support.world``): exactly
one h1, headings that never skip a level on the way down (an h1 then an h3), and status
tags that carry words (a coloured tag with nothing in it says nothing without sight of the
colour). Read from the HTML the test client gets: no browser needed."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.support.crawl import crawl
from tests.support.world import ROLES, client_for

PAGES_PER_VIEW = 1
PAGE_LIMIT = 200


def leave_out(url: str) -> bool:
    """Not pages (PDFs, spreadsheets), the Django admin's own, and the Welsh copies of the
    same templates (checked by the Welsh tests)."""
    path = urlsplit(url).path
    return (
        path.endswith((".pdf", ".xlsx", ".csv", ".css"))
        or path.startswith("/admin/")
        or path.startswith("/cy/")
    )


class _Structure(HTMLParser):
    """The page's headings in order, and the words inside each GOV.UK tag."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.tags: list[str] = []
        self._heading: list | None = None
        self._tag_depth = 0  # nesting inside an open .govuk-tag element
        self._tag_words: list[str] = []
        self._tag_name: str | None = None

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        classes = (dict(attrs).get("class") or "").split()
        if self._tag_depth:
            if tag == self._tag_name:
                self._tag_depth += 1
        elif "govuk-tag" in classes:
            self._tag_depth, self._tag_name, self._tag_words = 1, tag, []

    def handle_endtag(self, tag):
        if self._heading is not None and re.fullmatch(r"h[1-6]", tag):
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None
        if self._tag_depth and tag == self._tag_name:
            self._tag_depth -= 1
            if not self._tag_depth:
                self.tags.append(" ".join("".join(self._tag_words).split()))

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data
        if self._tag_depth:
            self._tag_words.append(data)


def structure_problems(html: str) -> list[str]:
    reader = _Structure()
    reader.feed(html)
    problems = []
    h1s = [words for level, words in reader.headings if level == 1]
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} h1 headings: {h1s}")
    # A page may open with a banner's h2 before its h1; going down, no level is skipped.
    previous = 1
    for level, words in reader.headings:
        if level > previous + 1:
            problems.append(f"h{level} {words!r} follows an h{previous}")
        previous = level
    problems += [f"a status tag with no words, among {reader.tags}" for t in reader.tags if not t]
    return problems


@pytest.fixture(scope="module")
def pages_by_role(world, django_db_blocker):
    from django.test import Client

    found = {}
    with django_db_blocker.unblock():
        for role in ROLES:
            client = client_for(Client(), world.user(role))
            found[role] = crawl(client, limit=PAGE_LIMIT, per_view=PAGES_PER_VIEW, skip=leave_out)
    return found


@pytest.mark.parametrize("role", ROLES)
def test_one_h1_headings_in_order_and_status_in_words(pages_by_role, db, role):
    pages = pages_by_role[role]

    assert len(pages) < PAGE_LIMIT, "raise the limit: some views were never reached"
    html = [p for p in pages if p.is_html]
    assert len(html) >= 12
    problems = {p.url: structure_problems(p.html) for p in html}
    assert {url: found for url, found in problems.items() if found} == {}


def test_status_tags_are_checked_where_they_are(pages_by_role, db):
    """The check above reads real status tags: the pages carry some, each with words."""
    tags = []
    for page in pages_by_role["councillor"]:
        if page.is_html:
            reader = _Structure()
            reader.feed(page.html)
            tags += reader.tags
    assert "On track" in tags, tags
    assert all(tags)


def test_the_structure_check_finds_what_it_looks_for():
    bad = "<h1>A</h1><h3>C</h3><h1>Again</h1><strong class='govuk-tag govuk-tag--red'> </strong>"

    problems = structure_problems(bad)

    assert "2 h1 headings: ['A', 'Again']" in problems
    assert "h3 'C' follows an h1" in problems
    assert any("status tag with no words" in p for p in problems)

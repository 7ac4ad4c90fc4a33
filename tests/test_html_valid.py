"""Every page's HTML is valid: the W3C Nu HTML validator (npm ``vnu-jar``) finds no error in
any page the app draws. The pages are those each role reaches by following links from the
home page and from every URL of the permission matrix (tests.support.world: two councils, draft and
exempt business, someone in every role), each form sent empty (its error summary and
messages), each edit form sent with an old version (the edit conflict page), the HTML
meeting pack, and the 400, 403 (refused, and a failed CSRF check), 404 and 500 pages.

The validator refuses localhost addresses, so the pages are saved as files and checked by
one Java process. A deliberately broken page is checked with them, and must be the one file
with errors beyond the pages': so the test shows the validator ran and can fail.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests.checkers import validate, vnu_jar  # noqa: F401 (a fixture)
from tests.support.crawl import crawl
from tests.support.forms import page_form
from tests.support.world import ROLES, World, client_for
from tests.test_permission_matrix import MATRIX, OK, PROJECT_NAMES

# A view's first few pages show all its markup: further recommendations or updates draw the
# same template with other words. Enough to reach every view for each role, with room.
PAGES_PER_VIEW = 3
PAGES_PER_ROLE = 400

# The Welsh pages (under /cy/, reached by the language switch) draw the same templates with
# other words: the public's and democratic services' (who see every form) are checked in
# Welsh too, which keeps the run to about half what every role in both languages takes.
WELSH_ROLES = {"anonymous", "democratic"}

# Who sends each form empty: the first of these the matrix lets post it.
POSTERS = ["democratic", "admin", "officer", "partner", "councillor", "anonymous"]

# Checked with the pages: a <p> holding a <div> and a stray </p>, which the validator must
# report as errors (so the test can fail).
BROKEN = (
    '<!DOCTYPE html><html lang="en"><head><title>Broken</title></head>'
    "<body><p><div></div></p></body></html>"
)


@dataclass
class Drawn:
    url: str
    role: str
    how: str  # "GET", "POST empty", "POST with an old version", ...
    status: int
    html: str

    def label(self) -> str:
        return f"{self.how} {self.url} as {self.role} ({self.status})"


def _not_html_page(url: str) -> bool:
    """PDFs, spreadsheets, open data files, calendars, the JSON API and the theme's CSS are
    not HTML (and PDFs are slow to draw). The crawl itself keeps out of the admin beyond its
    index: Django's markup, not the app's."""
    path = url.split("?")[0]
    return (
        path.endswith(("/pdf/", ".pdf", "/xlsx/", ".xlsx", ".css", ".csv", ".json", ".ics"))
        or "/pdf" in path
        or "/xlsx" in path
        or path.startswith("/api/")  # JSON, and a redirect to the API's docs page
    )


def _not_html_or_welsh(url: str) -> bool:
    return _not_html_page(url) or url.startswith("/cy/")


def _matrix_urls(w: World) -> dict[str, str]:
    """Each URL of the permission matrix (a URL still missing from it fails that test)."""
    return {
        name: reverse(name, kwargs=MATRIX[name].kwargs(w)) + MATRIX[name].query
        for name in PROJECT_NAMES
        if name in MATRIX
    }


def _extra_pages() -> list[str]:
    """Pages no link leads to: a search (a form in the header) with and without results,
    and the recommendation list filtered, with a filter it refuses too."""
    pages = [
        reverse("recommendations:recommendation-list") + "?status=nonsense&page=2",
        reverse("recommendations:recommendation-list") + "?status=achieved",
        # A committee chosen (its reviews offered) and a keyset page (or, for a reader who
        # may not see recommendation 1, the first page).
        reverse("recommendations:recommendation-list") + "?committee=1",
        reverse("recommendations:recommendation-list") + "?after=1",
        # The council chooser with the error of a council that is none, and with no match.
        reverse("scrutiny:home") + "?council=nonsense",
        reverse("scrutiny:home-council-list") + "?q=Qnothingzy",
    ]
    with contextlib.suppress(Resolver404):
        resolve("/search/")
        pages += ["/search/?q=recommendation", "/search/?q=Qnothingzy", "/search/?q="]
    return pages


def _crawled(client, w: World) -> list[Drawn]:
    """Every page each role reaches from the home page, the matrix's URLs and the extra
    pages."""
    start = [
        "/",
        *(url for url in _matrix_urls(w).values() if not _not_html_page(url)),
        *_extra_pages(),
    ]
    drawn = []
    for role in ROLES:
        client_for(client, w.user(role))
        pages = crawl(
            client,
            start=start,
            limit=PAGES_PER_ROLE,
            per_view=PAGES_PER_VIEW,
            skip=_not_html_page if role in WELSH_ROLES else _not_html_or_welsh,
        )
        assert len(pages) < PAGES_PER_ROLE, f"raise PAGES_PER_ROLE: {role} did not see all"
        # Redirects and 405s are HTML by their header but have no body to check.
        drawn += [Drawn(p.url, role, "GET", p.status, p.html) for p in pages if p.html.strip()]
    return drawn


def _forms_sent(client, w: World) -> list[Drawn]:
    """Each form sent empty, by the first role allowed to send it, and each edit form that
    carries a version sent back with an old one: pages with errors and conflict pages.
    Each POST is rolled back, so the next meets the world as it was."""
    drawn = []
    for name, url in _matrix_urls(w).items():
        rule = MATRIX[name]
        role = next((r for r in POSTERS if rule.post.get(r) == OK), None)
        if role is None or name == "logout":
            continue
        client_for(client, w.user(role))
        with transaction.atomic():
            response = client.post(url, {})
            transaction.set_rollback(True)
        if response.status_code == 200:
            drawn.append(Drawn(url, role, "POST empty", 200, response.content.decode()))
        if rule.get.get(role) != OK:
            continue
        form_page = client.get(url)
        form = page_form(form_page) if form_page.status_code == 200 else None
        if form is None or "version" not in form.names:
            continue
        with transaction.atomic():
            response = client.post(url, form.body(version="0"))
            transaction.set_rollback(True)
        # A new record's form carries a version too, but has nothing to conflict with.
        if response.status_code == 409:
            drawn.append(
                Drawn(url, role, "POST with an old version", 409, response.content.decode())
            )
    return drawn


def _error_pages(client, w: World) -> list[Drawn]:
    """The 400, 403, 404 and 500 pages, signed out and in, and a failed CSRF check."""
    drawn = []
    client.raise_request_exception = False
    for role in ("anonymous", "councillor"):
        client_for(client, w.user(role))
        for url in (
            "/no-such-page/",
            "/reviews/999999/",
            "/test-only/refused/",
            "/test-only/bad-request/",
            "/test-only/fails/",
        ):
            response = client.get(url)
            drawn.append(Drawn(url, role, "GET", response.status_code, response.content.decode()))
    strict = Client(enforce_csrf_checks=True)
    url = reverse("login")
    response = strict.post(url, {"username": "someone", "password": "wrong"})
    assert response.status_code == 403
    drawn.append(
        Drawn(url, "anonymous", "POST without a CSRF token", 403, response.content.decode())
    )
    return drawn


@pytest.mark.urls("tests.error_urls")
def test_every_page_is_valid_html(client, world, db, settings, vnu_jar, tmp_path, monkeypatch):  # noqa: F811
    settings.DEBUG = False
    # Short pages, so that the crawl reaches the list's keyset pages and their pagination.
    monkeypatch.setattr("recommendations.views.recommendations.PAGE_SIZE", 2)
    drawn = _crawled(client, world) + _forms_sent(client, world) + _error_pages(client, world)

    # Everything the issue names is among them.
    urls = {d.url for d in drawn}
    assert reverse("scrutiny:meeting-pack", kwargs={"pk": world.meeting_a.pk}) in urls
    assert {reverse("scrutiny:open-data"), reverse("scrutiny:api-docs")} <= urls
    assert reverse("scrutiny:update-owed-list") in urls  # with its calendar subscription
    assert {d.status for d in drawn} >= {200, 400, 403, 404, 409, 500}
    assert {d.role for d in drawn if d.url.startswith("/cy/")} == WELSH_ROLES
    assert any(d.how == "POST empty" and "govuk-error-summary" in d.html for d in drawn)
    assert any("after=" in d.url and 'rel="prev"' in d.html for d in drawn)

    files: dict[Path, Drawn] = {}
    for number, page in enumerate(drawn):
        path = tmp_path / f"page-{number:04d}.html"
        path.write_text(page.html, encoding="utf-8")
        files[path] = page
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN, encoding="utf-8")

    java, jar = vnu_jar
    started = time.monotonic()
    findings = validate(java, jar, [broken, *files])
    took = time.monotonic() - started

    assert any(f.path == broken for f in findings), "the validator missed a broken page"
    errors = [f for f in findings if f.path != broken]
    report = "\n".join(
        f"{f.path.name} ← {files[f.path].label() if f.path in files else '?'}\n"
        f"    line {f.line}: {f.message}\n    {f.extract!r}"
        for f in errors
    )
    print(f"\nThe Nu validator checked {len(files)} pages in {took:.1f} s: {len(errors)} errors.")
    assert not errors, f"{len(errors)} HTML errors in {len(files)} pages:\n{report}"

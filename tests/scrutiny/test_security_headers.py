"""Every page carries the security headers, for every kind of visitor: the demo data is
loaded and every page reachable by links from the home page is visited, over https, by an
anonymous visitor and by each demo account. No page may fail with a 500."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse

from partnerships.models import User
from scrutiny.demo import demo_load
from scrutiny.models import Meeting, Review
from tests.support.crawl import Page, crawl

# The headers come from middleware, the same for every page of a view: a few pages of each
# view (each recommendation, each meeting...) stand for the rest, and the cap on pages is
# above what the demo then offers any visitor.
PAGES_PER_VIEW = 2
PAGES_PER_VISITOR = 300
VISITORS = ["anonymous", "councillor", "officer", "partner", "democratic", "admin"]
YEAR = 31_536_000


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo data, loaded once for the module inside a transaction rolled back after it;
    each test runs in a savepoint of it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_load()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


class _ScriptReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def scripts(html: str) -> list[dict]:
    reader = _ScriptReader()
    reader.feed(html)
    return reader.scripts


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def slow(url: str) -> bool:
    """PDFs take WeasyPrint a second or more each; one of each kind is checked below."""
    return urlsplit(url).path.endswith(".pdf")


def problems_with(page: Page) -> list[str]:
    """What is wrong with one page's security headers and cookies (empty: nothing)."""
    response = page.response
    found = []
    if page.status >= 500:
        found.append(f"status {page.status}")
    if response.get("X-Content-Type-Options") != "nosniff":
        found.append("no X-Content-Type-Options: nosniff")
    if response.get("Referrer-Policy") not in ("same-origin", "strict-origin-when-cross-origin"):
        found.append(f"Referrer-Policy {response.get('Referrer-Policy')!r}")
    hsts = response.get("Strict-Transport-Security", "")
    age = re.search(r"max-age=(\d+)", hsts)
    if not age or int(age.group(1)) < YEAR or "includeSubDomains" not in hsts:
        found.append(f"Strict-Transport-Security {hsts!r}")
    for name, morsel in response.cookies.items():
        if not morsel["secure"]:
            found.append(f"cookie {name} not Secure")
        if morsel["samesite"] != "Lax":
            found.append(f"cookie {name} SameSite {morsel['samesite']!r}")
        if name == settings.SESSION_COOKIE_NAME and not morsel["httponly"]:
            found.append("session cookie not HttpOnly")
    if not page.is_html:
        return found
    policy = directives(response.get("Content-Security-Policy", ""))
    script_src = policy.get("script-src", [])
    nonces = {word[len("'nonce-") : -1] for word in script_src if word.startswith("'nonce-")}
    if "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src:
        found.append(f"script-src {script_src}")
    for directive in ("object-src", "base-uri", "frame-ancestors"):
        if policy.get(directive) != ["'none'"]:
            found.append(f"{directive} {policy.get(directive)}")
    if policy.get("default-src") != ["'self'"]:
        found.append(f"default-src {policy.get('default-src')}")
    for script in scripts(page.html):
        if "nonce" not in script:
            found.append(f"a <script> without a nonce: {script}")
        elif script["nonce"] not in nonces or len(nonces) != 1:
            found.append(f"a <script> nonce {script['nonce']!r} not the header's {nonces}")
    if re.search(r"<style|\sstyle=", page.html):
        found.append("an inline style (style-src has no 'unsafe-inline')")
    return found


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_page_has_the_security_headers(demo_data, db, client, visitor):
    if visitor != "anonymous":
        client.force_login(User.objects.get(username=visitor))
    start = ["/", "/admin/"] if visitor == "admin" else ["/"]

    pages = crawl(
        client,
        start=start,
        limit=PAGES_PER_VISITOR,
        per_view=PAGES_PER_VIEW,
        skip=slow,
        secure=True,
    )

    assert len(pages) < PAGES_PER_VISITOR, "raise the cap: some views were never reached"
    assert sum(p.is_html for p in pages) >= 15, [p.url for p in pages]
    if visitor != "anonymous":
        # Signed in all along: the crawl never signed out (the last page may be Welsh: the
        # crawl follows the language switch, so look for the line, not its English words).
        assert 'class="govuk-body-s app-signed-in"' in pages[-1].html or not pages[-1].is_html
    problems = {p.url: problems_with(p) for p in pages}
    assert {url: found for url, found in problems.items() if found} == {}


def test_a_pdf_a_spreadsheet_and_the_theme_have_the_headers_too(demo_data, db, client):
    meeting = Meeting.objects.order_by("date").first()
    review = Review.objects.visible_to(AnonymousUser()).order_by("pk").first()

    for url, kind in [
        (reverse("scrutiny:meeting-pack-pdf", args=[meeting.pk]), "application/pdf"),
        (reverse("scrutiny:review-tracker-pdf", args=[review.pk]), "application/pdf"),
        (
            reverse("scrutiny:review-tracker-xlsx", args=[review.pk]),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("/theme.css", "text/css"),
    ]:
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith(kind), url
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "max-age=31536000" in response["Strict-Transport-Security"]


def test_the_admin_index_keeps_to_the_policy(demo_data, db, client):
    client.force_login(User.objects.get(username="admin"))

    [page] = crawl(client, start=["/admin/"], limit=1, secure=True)

    assert page.status == 200
    assert problems_with(page) == []
    assert len(scripts(page.html)) >= 1

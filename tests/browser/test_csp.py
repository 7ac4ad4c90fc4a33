"""In a real browser the Content Security Policy blocks nothing of ours: the pages' scripts
run (GOV.UK Frontend marks the body) and the browser reports no violation, signed out and
signed in, on reading pages, the two-factor set-up's QR code, a form with its error summary
and a meeting pack."""

import re

import pytest
from playwright.sync_api import expect

from scrutiny.demo import demo_load
from scrutiny.models import Meeting, Review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def complaints(page):
    """What the browser says about the page: CSP violations are console errors."""
    said = []
    page.on("console", lambda message: said.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: said.append(f"pageerror: {error}"))
    return said


def visit(page, url):
    page.goto(url)
    body = page.locator("body")
    # js-enabled.js and init.mjs both ran: the nonce and 'self' let them.
    expect(body).to_have_class(re.compile(r"\bjs-enabled\b"))
    expect(body).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))


def test_the_policy_blocks_none_of_our_own_pages(live_server, page, complaints):
    demo_load()
    review = Review.objects.order_by("pk").first()
    meeting = Meeting.objects.order_by("date").first()

    visit(page, live_server.url + "/")
    visit(page, live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("democratic")
    page.get_by_label("Password").fill("scrutiny-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in as")).to_be_visible()
    for path in [
        "/",
        review.get_absolute_url(),
        meeting.get_absolute_url(),
        f"/meetings/{meeting.pk}/pack/",
        # The QR code is an inline SVG, drawn with attributes only (no inline style).
        "/accounts/two-factor/set-up/",
        "/committees/new/",
    ]:
        visit(page, live_server.url + path)
    # A form sent empty: the error summary, which GOV.UK Frontend's script focuses.
    page.get_by_role("button", name=re.compile("Save|Add")).first.click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()

    violations = [c for c in complaints if "Content Security Policy" in c or "pageerror" in c]
    assert violations == []

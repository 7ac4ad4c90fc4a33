"""In a real browser: democratic services add a review's recommendations by the report's
own references, R1, R2, R10 and 3a, through the screens, and find them in natural order
on the review's tracker and in its spreadsheet; a reference typed again in another case
is refused in the error summary."""

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from partnerships.models import Role
from tests.factories import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in(live_server, page, leicester, leicester_review):
    user_with_role(Role.DEMOCRATIC_SERVICES, leicester, username="democratic.services")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("democratic.services")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    return page


def add(page, review_url: str, reference: str, text: str):
    page.goto(review_url)
    page.get_by_role("button", name="Add a recommendation").click()
    box = page.get_by_label("Reference")
    box.fill(reference)
    page.get_by_label("Recommendation", exact=True).fill(text)
    page.get_by_role("button", name="Save recommendation").click()


def test_references_as_the_report_gives_them(live_server, signed_in, leicester_review, tmp_path):
    page = signed_in
    review_url = live_server.url + leicester_review.get_absolute_url()
    for reference in ["R1", "R2", "R10", "3a"]:
        add(page, review_url, reference, f"That point {reference} is acted on.")
        expect(page.get_by_role("alert")).to_contain_text(f"Recommendation {reference} added")
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"{reference}. ")

    page.goto(review_url)
    cells = page.locator("table.app-tracker tbody td.app-tracker__number")
    expect(cells).to_have_text(["3a", "R1", "R2", "R10"])

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("spreadsheet|XLSX", re.I)).first.click()
    # openpyxl goes by the file's name: the download's temporary file has none.
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    sheet = load_workbook(saved).active
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["3a", "R1", "R2", "R10"]

    # The box shows the longest references whole, and a clash in another case is refused.
    page.goto(review_url)
    page.get_by_role("button", name="Add a recommendation").click()
    box = page.get_by_label("Reference")
    box.fill("OSC (24/25) 07")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
    add(page, review_url, " r10 ", "Typed again.")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(
        "This review already has a recommendation R10: give another reference"
    )
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Reference")).to_be_focused()

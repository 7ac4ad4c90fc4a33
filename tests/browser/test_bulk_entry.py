"""In a real browser: democratic services paste a report's numbered list of
recommendations, see it split into rows, are told what to correct, correct one row, save,
and find the recommendations on the review's tracker. The rows page, with its errors,
passes axe."""

import pytest
from axe_playwright_python.base import AXE_FILE_PATH
from playwright.sync_api import expect

from partnerships.models import Role
from recommendations.models import Recommendation
from tests.browser.test_accessibility import axe_failures, report
from tests.factories import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASTED = """The Commission recommends:

1. That the Council works with the Leicester/shire Social Care Development Group
(LSCDG) to develop a career pathway for care workers.

2) That retention rates are reported by provider twice a year.
R3 That accredited leadership training is funded for registered managers.
"""


@pytest.fixture
def signed_in(live_server, page, leicester, leicester_review):
    user_with_role(Role.DEMOCRATIC_SERVICES, leicester, username="democratic.services")
    # axe in every page, as the accessibility tests load it (the CSP allows no other way).
    page.context.add_init_script(path=AXE_FILE_PATH)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("democratic.services")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    return page


def test_paste_correct_and_save_a_reports_list(live_server, signed_in, leicester_review):
    page = signed_in
    page.goto(live_server.url + leicester_review.get_absolute_url())
    page.get_by_role("button", name="Add several recommendations").click()
    page.get_by_label("Paste the report's numbered list of recommendations").fill(PASTED)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check the recommendations")
    expect(page.get_by_label("Reference, row 2")).to_have_value("1")
    expect(page.get_by_label("Recommendation, row 2")).to_have_value(
        "That the Council works with the Leicester/shire Social Care Development Group "
        "(LSCDG) to develop a career pathway for care workers."
    )
    expect(page.get_by_label("Reference, row 4")).to_have_value("R3")

    # Saved as split, the lead-in line has no reference: nothing is saved, and the
    # summary leads to the box to correct.
    page.get_by_role("button", name="Save recommendations").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Row 1: enter the reference")
    failures = axe_failures(page, "the rows found in a pasted list, with an error")
    assert not failures, report(failures)
    summary.get_by_role("link", name="Row 1: enter the reference").click()
    expect(page.get_by_label("Reference, row 1")).to_be_focused()
    assert not Recommendation.objects.exists()
    # What was typed is all still there.
    expect(page.get_by_label("Reference, row 4")).to_have_value("R3")

    # Correct: leave the lead-in out, and give the third its reference as the report's 3.
    page.get_by_label("Recommendation, row 1").fill("")
    page.get_by_label("Reference, row 4").fill("3")
    page.get_by_role("button", name="Save recommendations").click()

    expect(page.get_by_role("alert")).to_contain_text("3 recommendations added: 1, 2 and 3")
    expect(page.get_by_role("heading", level=1)).to_contain_text(leicester_review.title)
    cells = page.locator("table.app-tracker tbody td.app-tracker__number")
    expect(cells).to_have_text(["1", "2", "3"])
    expect(page.locator("table.app-tracker")).to_contain_text("retention rates are reported")

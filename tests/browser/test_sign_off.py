"""In a real browser: an officer logs an update proposing that a recommendation is
achieved, with evidence; the recommendation shows it proposed for sign-off; democratic
services sign it off on the meeting record screen in one step, and the recommendation is
achieved as at the meeting."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from partnerships.models import Role
from tests.factories import AgendaItemFactory, MeetingFactory, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EVIDENCE = "The careers pathway launched in April; forty people have joined it."


@pytest.fixture
def may_meeting(leicester, lscdg, leicester_review, leicester_recs):
    review = leicester_review
    for rec in leicester_recs.values():
        rec.responsible_bodies.add(lscdg)
    meeting = MeetingFactory(committee=review.committee, date=datetime.date(2021, 5, 25))
    AgendaItemFactory(
        meeting=meeting, number=7, title="Social Care External Workforce", review=review
    )
    for role, username in (
        (Role.OFFICER, "strategic.director"),
        (Role.DEMOCRATIC_SERVICES, "democratic.services"),
    ):
        user_with_role(role, leicester, username=username, job_title="Strategic Director")
    return meeting


def _sign_in(page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(url)


def test_an_officer_proposes_closure_and_the_committee_signs_it_off(
    live_server, page, may_meeting, leicester_review, leicester_recs
):
    rec = leicester_recs[4]
    _sign_in(
        page, f"{live_server.url}/reviews/{leicester_review.pk}/updates/new/", "strategic.director"
    )
    page.locator("#id_given_on_0").fill("1")
    page.locator("#id_given_on_1").fill("5")
    page.locator("#id_given_on_2").fill("2021")
    four = page.get_by_role("group", name="Recommendation 4: Quality of care")
    four.get_by_role("textbox", name="What was reported on recommendation 4").fill(
        "The careers pathway is running."
    )
    four.get_by_label("Propose closure for the committee's sign-off (optional)").select_option(
        label="Achieved"
    )
    four.get_by_role("textbox", name="Evidence for closure on recommendation 4").fill(EVIDENCE)
    page.get_by_role("button", name="Save update").click()
    expect(page).to_have_url(re.compile(r"/updates/\d+/$"))

    page.goto(f"{live_server.url}/recommendations/{rec.pk}/")
    sign_off = page.locator(".govuk-summary-list__row", has_text="Sign-off")
    expect(sign_off).to_contain_text("Proposed for sign-off")
    expect(sign_off).to_contain_text("as achieved, by Strategic Director")
    expect(sign_off).to_contain_text(EVIDENCE)
    status = page.locator(".govuk-summary-list__row", has_text="Status now")
    expect(status).to_contain_text("Not started")

    record = f"{live_server.url}/meetings/{may_meeting.pk}/record/"
    _sign_in(page, record, "democratic.services")
    item = page.locator("#item-7")
    proposal = item.locator(".app-entry", has_text="Proposed for sign-off")
    expect(proposal).to_contain_text(EVIDENCE)
    proposal.get_by_label("Signed off as Achieved").check()
    page.screenshot(path="/tmp/sign-off-record.png", full_page=True)
    page.get_by_role("button", name="Save the record").click()
    expect(page.get_by_role("alert")).to_contain_text("Recorded 1 signed off")

    page.goto(f"{live_server.url}/recommendations/{rec.pk}/")
    status = page.locator(".govuk-summary-list__row", has_text="Status now")
    expect(status).to_contain_text("Achieved")
    expect(status).to_contain_text("Since 25 May 2021")
    expect(page.locator(".govuk-summary-list__row", has_text="Closure agreed at")).to_contain_text(
        "25 May 2021"
    )
    expect(page.locator("main")).to_contain_text("Signed off by the committee as achieved")

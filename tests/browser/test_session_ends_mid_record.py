"""In a real browser: democratic services type a meeting's record, their session ends
before they press save (its cookie is gone, as after 30 minutes without a request), they
sign in again and find everything they typed still in the form; saving it then records
it, once."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from partnerships.models import Role
from recommendations.models import ProgressUpdate
from tests.factories import AgendaItemFactory, MeetingFactory, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAID_ON_4 = "LSDG had received a report on career pathways today."


@pytest.fixture
def may_meeting(leicester, lscdg, leicester_review, leicester_recs):
    for rec in leicester_recs.values():
        rec.responsible_bodies.add(lscdg)
    meeting = MeetingFactory(committee=leicester_review.committee, date=datetime.date(2021, 5, 25))
    AgendaItemFactory(
        meeting=meeting, number=7, title="Social Care External Workforce", review=leicester_review
    )
    user_with_role(Role.DEMOCRATIC_SERVICES, leicester, username="democratic.services")
    return meeting


def sign_in(page):
    page.get_by_label("Username").fill("democratic.services")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()


def test_what_was_typed_survives_the_session_ending(live_server, page, may_meeting):
    record_path = f"/meetings/{may_meeting.pk}/record/"
    page.goto(live_server.url + record_path)
    sign_in(page)
    expect(page).to_have_url(live_server.url + record_path)
    item = page.locator("#item-7")
    item.get_by_label("Given by (role)").fill("Representative")
    item.get_by_label("Which organisation was it given for?").select_option(
        label="Leicester/shire Social Care Development Group (LSCDG)"
    )
    item.get_by_label("Verbal update").check()
    four = item.get_by_role("group", name="Recommendation 4: Quality of care")
    four.get_by_label("What was reported").fill(SAID_ON_4)

    page.context.clear_cookies(name="sessionid")
    page.get_by_role("button", name="Save the record").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    assert not ProgressUpdate.objects.exists()
    sign_in(page)

    expect(page).to_have_url(live_server.url + record_path)
    expect(page.locator(".govuk-notification-banner, [role=alert]").first).to_contain_text(
        "We kept what you typed while you signed in again"
    )
    item = page.locator("#item-7")
    four = item.get_by_role("group", name="Recommendation 4: Quality of care")
    expect(four.get_by_label("What was reported")).to_have_value(SAID_ON_4)
    expect(item.get_by_label("Given by (role)")).to_have_value("Representative")
    expect(item.get_by_label("Verbal update")).to_be_checked()
    assert not ProgressUpdate.objects.exists()

    page.get_by_role("button", name="Save the record").click()

    expect(page).to_have_url(live_server.url + may_meeting.get_absolute_url())
    expect(page.locator("#item-7")).to_contain_text(SAID_ON_4)
    assert ProgressUpdate.objects.count() == 1

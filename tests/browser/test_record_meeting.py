"""In a real browser: democratic services open a meeting's record screen, record the update
given at an item on two recommendations and what the committee agreed, and find it all on
the meeting page; then send the screen with a mistake and find the error summary, with
everything typed still there."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from partnerships.models import Role
from scrutiny.models import AgreedAction
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    user_with_role,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FURTHER_REPORT = "That a detailed update report be brought to a future meeting."


@pytest.fixture
def may_meeting(leicester, lscdg, leicester_review, leicester_recs):
    review = leicester_review
    for rec in leicester_recs.values():
        rec.responsible_bodies.add(lscdg)
    meeting = MeetingFactory(committee=review.committee, date=datetime.date(2021, 5, 25))
    AgendaItemFactory(meeting=meeting, number=1, title="Apologies for absence")
    AgendaItemFactory(
        meeting=meeting, number=7, title="Social Care External Workforce", review=review
    )
    user_with_role(
        Role.DEMOCRATIC_SERVICES,
        leicester,
        username="democratic.services",
        first_name="Sam",
        last_name="Okafor",
    )
    return meeting


def test_democratic_services_record_what_happened_at_a_meeting(live_server, page, may_meeting):
    record_path = f"/meetings/{may_meeting.pk}/record/"
    page.goto(live_server.url + record_path)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Username").fill("democratic.services")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + record_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Record what happened")

    item = page.locator("#item-7")
    item.get_by_label("Given by (role)").fill("Representative")
    item.get_by_label("Which organisation was it given for?").select_option(
        label="Leicester/shire Social Care Development Group (LSCDG)"
    )
    item.get_by_label("Verbal update").check()
    four = item.get_by_role("group", name="Recommendation 4: Quality of care")
    four.get_by_label("What was reported").fill(
        "LSDG had received a report on career pathways today."
    )
    four.get_by_label("New status").select_option(label="On track")
    five = item.get_by_role("group", name="Recommendation 5: Finding community")
    five.get_by_label("What was reported").fill(
        "The sub regional workforce group was due to meet in June."
    )
    action = item.get_by_role("group", name="Agreed action 1")
    action.get_by_label("What the committee agreed").fill(FURTHER_REPORT)
    action.get_by_label("At a future meeting (no date set)").check()
    page.screenshot(path="/tmp/record-meeting.png", full_page=True)
    page.get_by_role("button", name="Save the record").click()

    expect(page).to_have_url(live_server.url + may_meeting.get_absolute_url())
    expect(page.get_by_role("alert")).to_contain_text(
        "Recorded 1 update covering 2 recommendations, 1 agreed action"
    )
    agenda_item = page.locator("#item-7")
    expect(agenda_item).to_contain_text("LSDG had received a report on career pathways today.")
    expect(agenda_item).to_contain_text("The sub regional workforce group was due to meet in June.")
    expect(agenda_item).to_contain_text("Verbal update by Representative (LSCDG)")
    expect(page.locator("#action-" + str(AgreedAction.objects.get().pk))).to_contain_text(
        FURTHER_REPORT
    )
    page.screenshot(path="/tmp/record-meeting-saved.png", full_page=True)

    # A second sitting with a mistake: nothing is saved and what was typed stays.
    page.get_by_role("button", name=re.compile("Record what happened")).click()
    item = page.locator("#item-7")
    expect(item).to_contain_text("Already recorded at this item")
    item.get_by_label("Given by (role)").fill("Director of Adult Social Care and Commissioning")
    item.get_by_label("Which organisation was it given for?").select_option(
        label="Leicester City Council (Leicester)"
    )
    item.get_by_label("Written update").check()
    eight = item.get_by_role("group", name="Recommendation 8: Attracting younger people")
    eight.get_by_label("What was reported").fill("Inspire to Care workshops have been delayed.")
    eight.get_by_label("New status").select_option(label="Slipped")
    page.locator("#item-1").get_by_text("Add an agreed action").click()
    page.locator("#item-1").get_by_role("group", name="Agreed action 1").get_by_label(
        "What the committee agreed"
    ).fill("That the apologies be noted.")
    page.get_by_role("button", name="Save the record").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(
        "Item 7, recommendation 8: enter the revised target date when it has slipped"
    )
    expect(summary).to_contain_text("Item 7, recommendation 8: give the reason it slipped")
    item = page.locator("#item-7")
    expect(item.get_by_label("Given by (role)")).to_have_value(
        "Director of Adult Social Care and Commissioning"
    )
    expect(item.get_by_label("Written update")).to_be_checked()
    eight = item.get_by_role("group", name="Recommendation 8: Attracting younger people")
    expect(eight.get_by_label("What was reported")).to_have_value(
        "Inspire to Care workshops have been delayed."
    )
    expect(eight.get_by_label("New status")).to_have_value("slipped")
    expect(
        page.locator("#item-1")
        .get_by_role("group", name="Agreed action 1")
        .get_by_label("What the committee agreed")
    ).to_have_value("That the apologies be noted.")
    page.screenshot(path="/tmp/record-meeting-error.png", full_page=True)

    # The summary's link leads to the date boxes, revealed.
    summary.get_by_role("link", name=re.compile("enter the revised target date")).click()
    expect(eight.get_by_label("Day")).to_be_visible()
    assert AgreedAction.objects.count() == 1

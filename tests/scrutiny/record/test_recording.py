"""Recording a meeting on the record screen: the LSCDG's verbal update of May 2021 in one
submission (who gave it, how, what was said of each recommendation, new statuses) with the
action agreed, its delivery at a later meeting, every status offered and closing with an
outcome, actions due by a date or at a chosen meeting, and every item shown in order."""

import datetime

import pytest

from recommendations.models import ProgressUpdate, Status, UpdateEntry, UpdateKind
from scrutiny.models import AgreedAction
from tests.factories import MeetingFactory
from tests.scrutiny.committee_people import date_fields, error_summary, section, text_of
from tests.scrutiny.record.helpers import (
    FURTHER_REPORT,
    MAY,
    NOVEMBER,
    SAID,
    page_words,
    record_url,
    verbal_update,
)

pytestmark = pytest.mark.django_db


def test_the_leicester_verbal_update_is_recorded_in_one_submission(client, people, leicester):
    client.force_login(people.democratic_services)
    response = client.post(record_url(leicester["may"]), verbal_update(leicester), follow=True)

    assert response.redirect_chain == [(leicester["may"].get_absolute_url(), 302)]
    assert "Recorded 1 update covering 8 recommendations, 1 agreed action" in text_of(response)

    update = ProgressUpdate.objects.get()
    assert update.item == leicester["item7"]
    assert update.given_on == MAY
    assert update.kind == UpdateKind.VERBAL
    assert update.organisation == leicester["lscdg"]
    assert update.given_by_role == "Representative"
    assert update.recorded_by == people.democratic_services
    entries = {
        int(e.recommendation.reference): e for e in update.entries.select_related("recommendation")
    }
    assert sorted(entries) == [4, 5, 8, 10, 11, 12, 13, 15]
    assert {n: e.text for n, e in entries.items()} == SAID
    assert entries[4].new_status == Status.ON_TRACK
    assert all(e.new_status == "" for n, e in entries.items() if n != 4)

    action = AgreedAction.objects.get()
    assert action.text == FURTHER_REPORT
    assert (action.meeting, action.item, action.review) == (
        leicester["may"],
        leicester["item7"],
        leicester["review"],
    )
    assert action.due_on is None and action.due_meeting is None
    assert action.due_label == "at a future meeting"
    assert action.delivered_on is None

    # The meeting page shows both.
    words = text_of(response)
    assert SAID[11] in words
    assert FURTHER_REPORT in words


def test_a_later_meeting_records_the_action_delivered(client, people, leicester):
    client.force_login(people.democratic_services)
    client.post(record_url(leicester["may"]), verbal_update(leicester))
    action = AgreedAction.objects.get()
    november = leicester["november"]

    screen = client.get(record_url(november))
    assert FURTHER_REPORT in page_words(screen)
    assert "Due at this meeting" in page_words(screen)

    response = client.post(
        record_url(november),
        {"item-5-delivered-delivered": f"{action.pk}:{action.version}"},
        follow=True,
    )
    assert response.redirect_chain == [(november.get_absolute_url(), 302)]
    assert "Recorded 1 action delivered" in text_of(response)
    action.refresh_from_db()
    assert action.delivered_on == NOVEMBER
    assert action.delivered_meeting == november

    delivered = section(response, "delivered")
    assert FURTHER_REPORT in delivered
    assert "at this meeting" in delivered

    # Where it was agreed, it is delivered, with a link to where.
    may_page = client.get(leicester["may"].get_absolute_url())
    agreed = section(may_page, "agreed")
    assert "Delivered" in agreed
    assert f'href="{november.get_absolute_url()}"' in agreed

    # Delivered, it is no longer offered to the meeting after.
    later = MeetingFactory(committee=november.committee, date=datetime.date(2022, 1, 18))
    assert FURTHER_REPORT not in page_words(client.get(record_url(later)))


def test_every_status_is_offered_and_closing_needs_an_outcome(client, people, leicester):
    client.force_login(people.democratic_services)
    rec = leicester["recs"][15]
    screen = page_words(client.get(record_url(leicester["may"])))
    for status in Status:
        assert f'value="{status.value}"' in screen

    data = {
        "item-7-update-given_by_role": "Director of Adult Social Care and Commissioning",
        "item-7-update-organisation": str(leicester["may"].committee.council_id),
        "item-7-update-kind": UpdateKind.WRITTEN,
        f"item-7-rec-{rec.pk}-text": "The work is done.",
        f"item-7-rec-{rec.pk}-new_status": Status.ACHIEVED,
    }
    response = client.post(record_url(leicester["may"]), data)
    assert response.status_code == 200
    assert "Item 7, recommendation 15: give the outcome when you close it" in error_summary(
        response
    )
    data[f"item-7-rec-{rec.pk}-reason"] = "Agreed as achieved by the commission."
    response = client.post(record_url(leicester["may"]), data)
    assert response.status_code == 302
    entry = UpdateEntry.objects.get()
    assert entry.new_status == Status.ACHIEVED
    assert entry.update.kind == UpdateKind.WRITTEN


def test_an_action_due_by_a_date_or_at_a_chosen_meeting(client, people, leicester):
    client.force_login(people.democratic_services)
    november = leicester["november"]
    data = {
        "item-1-action-1-text": "That the Chair write to the Minister.",
        "item-1-action-1-falls_to": "Chair",
        "item-1-action-1-falls_to_organisation": str(leicester["may"].committee.council_id),
        "item-1-action-1-due": "date",
        **date_fields("item-1-action-1-due_on", 30, 9, 2021),
        "item-7-action-2-text": FURTHER_REPORT,
        "item-7-action-2-due": "meeting",
        "item-7-action-2-due_meeting": str(november.pk),
        # A date typed and then hidden by choosing a meeting is ignored.
        **date_fields("item-7-action-2-due_on", 31, 2, 2021),
    }
    response = client.post(record_url(leicester["may"]), data, follow=True)
    assert "Recorded 2 agreed actions" in text_of(response)
    by_date, at_meeting = AgreedAction.objects.order_by("id")
    assert by_date.due_on == datetime.date(2021, 9, 30)
    assert by_date.falls_to == "Chair"
    assert by_date.item.number == 1 and by_date.review is None
    assert at_meeting.due_meeting == november and at_meeting.due_on is None
    assert at_meeting.item == leicester["item7"]


def test_the_screen_shows_every_item_in_order_exempt_ones_marked(client, people, leicester):
    client.force_login(people.democratic_services)
    response = client.get(record_url(leicester["may"]))
    assert response.status_code == 200
    words = text_of(response)
    assert (
        words.index("Item 1: Apologies")
        < words.index("Item 7: Social Care")
        < words.index("Item 8: Care home fees negotiation Exempt")
    )
    assert "Not open to the public: Schedule 12A, paragraph 3" in words
    # Only the item with a review asks about an update; every item can agree actions.
    html = response.content.decode()
    assert 'name="item-7-update-given_by_role"' in html
    assert 'name="item-1-update-given_by_role"' not in html
    assert 'name="item-8-action-1-text"' in html
    assert "One update per item" in words or "one update per item" in words.lower()

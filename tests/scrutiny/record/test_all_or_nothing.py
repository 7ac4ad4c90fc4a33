"""A record is saved whole or not at all: an error at one item saves nothing and keeps
everything typed, a rule broken after an item was written rolls every item back, and the
submissions refused outright (empty, an update without who gave it, one action delivered
twice, a meeting to come or cancelled)."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from recommendations.models import ProgressUpdate, Status, UpdateKind
from recommendations.services import EntryInput
from scrutiny.models import AgreedAction
from scrutiny.services import ActionRecord, ItemRecord, UpdateRecord, meeting_record
from tests.factories import AgendaItemFactory, AgreedActionFactory, MeetingFactory
from tests.scrutiny.committee_people import date_fields, error_summary, text_of
from tests.scrutiny.record.helpers import (
    FURTHER_REPORT,
    delivered_state,
    model_counts,
    page_words,
    record_url,
)

pytestmark = pytest.mark.django_db


def test_an_error_at_one_item_saves_nothing_and_keeps_every_value(
    client, people, leicester, three_items
):
    meeting, carers = three_items
    earlier = AgreedActionFactory(meeting=leicester["may"], text="That the Chair visit the LSCDG.")
    client.force_login(people.democratic_services)
    four = leicester["recs"][4]
    data = {
        "item-1-action-1-text": "That the minutes be agreed as a correct record.",
        "item-1-action-1-due": "future",
        "item-2-update-given_by_role": "Head of Workforce Development",
        "item-2-update-given_by_name": "Jo Bloggs",
        "item-2-update-organisation": str(leicester["lscdg"].pk),
        "item-2-update-kind": UpdateKind.WRITTEN,
        "item-2-update-summary": "A written report on the workforce.",
        f"item-2-rec-{four.pk}-text": "Career pathways published.",
        f"item-2-rec-{four.pk}-new_status": Status.PAUSED,
        f"item-2-rec-{four.pk}-reason": "Waiting for funding.",
        "item-2-delivered-delivered": f"{earlier.pk}:{earlier.version}",
        "item-3-update-given_by_role": "Carers Lead",
        "item-3-update-organisation": str(meeting.committee.council_id),
        "item-3-update-kind": UpdateKind.VERBAL,
        f"item-3-rec-{carers[2].pk}-text": "Respite places cut back.",
        f"item-3-rec-{carers[2].pk}-new_status": Status.SLIPPED,
        f"item-3-rec-{carers[2].pk}-reason": "Budget pressures.",
        "item-3-action-2-text": "That the Carers Lead report back in January.",
        "item-3-action-2-due": "date",
        **date_fields("item-3-action-2-due_on", 31, 1, 2022),
    }
    before, delivered_before = model_counts(), delivered_state()
    response = client.post(record_url(meeting), data)

    assert response.status_code == 200
    assert model_counts() == before
    assert delivered_state() == delivered_before
    summary = error_summary(response)
    assert "Item 3, recommendation 2: enter the revised target date when it has slipped" in (
        summary
    )
    assert f'href="#id_item-3-rec-{carers[2].pk}-revised_target_date"' in summary
    assert "(error)" in response.content.decode().split("</title>")[0]

    page = page_words(response)
    for key, value in data.items():
        if key.endswith(("-organisation", "-kind", "-due", "-new_status", "-delivered")):
            assert re.search(rf'name="{key}"[^>]*value="{value}"[^>]*checked', page) or (
                re.search(rf'value="{value}"[^>]*selected', page)
            ), key
        elif re.search(r"_\d$", key):
            assert f'name="{key}" value="{value}"' in page, key
        else:
            assert value in page, key
    # The other action rows at item 3 are open so that what was typed shows.
    item3 = page[page.index('id="item-3"') :]
    assert "<details" in item3 and " open>" in item3


def test_a_rule_broken_after_an_item_was_saved_rolls_every_item_back(
    people, leicester, three_items
):
    """Item 2's update is written before item 3's fails its rules in ``update_create``:
    the outer transaction takes item 2's back too."""
    meeting, carers = three_items
    items = {i.number: i for i in meeting.items.all()}
    four = leicester["recs"][4]
    good = ItemRecord(
        item=items[2],
        updates=[
            UpdateRecord(
                kind=UpdateKind.VERBAL,
                organisation=leicester["lscdg"],
                given_by_role="Representative",
                entries=[EntryInput(recommendation=four, text="Under way.")],
            )
        ],
        actions=[ActionRecord(text=FURTHER_REPORT)],
    )
    bad = ItemRecord(
        item=items[3],
        updates=[
            UpdateRecord(
                kind=UpdateKind.VERBAL,
                organisation=leicester["lscdg"],
                given_by_role="Representative",
                entries=[
                    EntryInput(recommendation=carers[2], text="Late.", new_status=Status.SLIPPED)
                ],
            )
        ],
    )
    before = model_counts()
    with pytest.raises(ValidationError) as error:
        meeting_record(meeting=meeting, actor=people.democratic_services, items=[good, bad])
    assert model_counts() == before
    assert error.value.message_dict["item-3"] == [
        "Item 3, recommendation 2: enter the revised target date when it has slipped",
        "Item 3, recommendation 2: give the reason it slipped",
    ]

    result = meeting_record(meeting=meeting, actor=people.democratic_services, items=[good])
    assert result.summary() == "Recorded 1 update covering 1 recommendation, 1 agreed action"


def test_an_empty_submission_is_an_error(client, people, leicester):
    client.force_login(people.democratic_services)
    before = model_counts()
    response = client.post(
        record_url(leicester["may"]),
        {"item-7-update-kind": UpdateKind.VERBAL, "item-7-action-1-due": "future"},
    )
    assert response.status_code == 200
    assert "Nothing to record:" in error_summary(response)
    # It leads to the first field the screen shows, the role of item 7's update.
    assert 'href="#id_item-7-update-given_by_role"' in error_summary(response)
    assert model_counts() == before
    with pytest.raises(ValidationError, match="Nothing to record"):
        meeting_record(meeting=leicester["may"], actor=people.democratic_services, items=[])


def test_an_update_needs_who_gave_it_and_words_need_a_recommendation(client, people, leicester):
    client.force_login(people.democratic_services)
    rec = leicester["recs"][5]
    response = client.post(
        record_url(leicester["may"]), {f"item-7-rec-{rec.pk}-text": "Meeting in June."}
    )
    summary = error_summary(response)
    assert "Item 7: enter the role of the person who gave the update" in summary
    assert "Item 7: select the organisation the update was given for" in summary
    assert "Item 7: select whether the update was verbal or written" in summary

    response = client.post(
        record_url(leicester["may"]),
        {"item-7-update-given_by_role": "Representative", "item-7-update-kind": "verbal"},
    )
    assert "Item 7: say what was reported on at least one recommendation" in error_summary(response)
    assert not ProgressUpdate.objects.exists()


def test_the_same_action_cannot_be_delivered_at_two_items(client, people, leicester):
    client.force_login(people.democratic_services)
    action = AgreedActionFactory(meeting=leicester["may"], text=FURTHER_REPORT)
    AgendaItemFactory(meeting=leicester["november"], number=6, title="Any other business")
    response = client.post(
        record_url(leicester["november"]),
        {
            "item-5-delivered-delivered": f"{action.pk}:{action.version}",
            "item-6-delivered-delivered": f"{action.pk}:{action.version}",
        },
    )
    assert "Item 6: an action ticked here is also ticked at item 5" in error_summary(response)
    action.refresh_from_db()
    assert action.delivered_on is None


def test_a_meeting_to_come_or_cancelled_records_nothing(client, people, committee, leicester):
    client.force_login(people.democratic_services)
    future = MeetingFactory(committee=committee, date=datetime.date.today().replace(year=2999))
    AgendaItemFactory(meeting=future, number=1, title="Work programme")
    response = client.get(record_url(future))
    assert "once it has taken place" in text_of(response)
    assert "Save the record" not in text_of(response)
    response = client.post(record_url(future), {"item-1-action-1-text": "Something"})
    assert "has not taken place yet" in error_summary(response)
    assert not AgreedAction.objects.exists()

    cancelled = MeetingFactory(committee=committee, date=datetime.date(2021, 6, 1), cancelled=True)
    AgendaItemFactory(meeting=cancelled, number=1, title="Work programme")
    response = client.post(record_url(cancelled), {"item-1-action-1-text": "Something"})
    assert "was cancelled" in error_summary(response)
    assert not AgreedAction.objects.exists()

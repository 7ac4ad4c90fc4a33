"""Forged ids in a record are refused, by the screen and by the service: words on another
review's recommendation, delivering another committee's action or one already delivered
or not yet agreed, actions at an item of another meeting or due before this one."""

import pytest
from django.core.exceptions import ValidationError

from recommendations.models import UpdateKind
from recommendations.services import EntryInput
from scrutiny.services import ActionRecord, ItemRecord, UpdateRecord, meeting_record
from tests.factories import AgreedActionFactory, CommitteeFactory, MeetingFactory
from tests.scrutiny.committee_people import error_summary
from tests.scrutiny.record.helpers import (
    FURTHER_REPORT,
    MAY,
    delivered_state,
    model_counts,
    record_url,
    verbal_update,
)

pytestmark = pytest.mark.django_db


def test_words_on_a_recommendation_of_another_review_are_refused(
    client, people, leicester, three_items
):
    _, carers = three_items
    client.force_login(people.democratic_services)
    data = verbal_update(leicester)
    data[f"item-7-rec-{carers[1].pk}-text"] = "Smuggled in."
    before = model_counts()
    assert client.post(record_url(leicester["may"]), data).status_code == 403
    assert model_counts() == before


def test_an_action_of_another_committee_cannot_be_delivered(client, people, leicester):
    elsewhere = CommitteeFactory(council=leicester["may"].committee.council, name="Cabinet")
    foreign = AgreedActionFactory(
        meeting=MeetingFactory(committee=elsewhere, date=MAY), text="Cabinet's own action"
    )
    # November offers the commission's own outstanding action, never another committee's.
    AgreedActionFactory(meeting=leicester["may"], text=FURTHER_REPORT)
    client.force_login(people.democratic_services)
    before = model_counts()
    response = client.post(
        record_url(leicester["november"]),
        {"item-5-delivered-delivered": str(foreign.pk)},
    )
    assert response.status_code == 200
    assert "Item 5: select a valid choice" in error_summary(response)
    assert model_counts() == before
    foreign.refresh_from_db()
    assert foreign.delivered_on is None


def test_the_service_refuses_forged_records(people, leicester, three_items):
    meeting, carers = three_items
    user = people.democratic_services
    items = {i.number: i for i in meeting.items.all()}
    elsewhere = CommitteeFactory(council=meeting.committee.council, name="Cabinet")
    foreign = AgreedActionFactory(meeting=MeetingFactory(committee=elsewhere, date=MAY))
    delivered = AgreedActionFactory(
        meeting=leicester["may"], delivered_on=MAY, delivered_meeting=leicester["may"]
    )
    later = AgreedActionFactory(meeting=leicester["november"])
    update_elsewhere = UpdateRecord(
        kind=UpdateKind.VERBAL,
        organisation=leicester["lscdg"],
        given_by_role="Representative",
        entries=[EntryInput(recommendation=carers[1], text="Not this review's.")],
    )
    before, delivered_before = model_counts(), delivered_state()
    cases = [
        (ItemRecord(item=items[2], updates=[update_elsewhere]), "is not one of the review"),
        (ItemRecord(item=items[2], delivered=[foreign]), "not one of this committee's"),
        (ItemRecord(item=items[2], delivered=[delivered]), "has already been delivered"),
        (ItemRecord(item=items[2], delivered=[later]), "was not agreed before this meeting"),
        (
            ItemRecord(item=leicester["item7"], actions=[ActionRecord(text="x")]),
            "is not on this meeting's agenda",
        ),
        (
            ItemRecord(
                item=items[1],
                actions=[ActionRecord(text="x", due_meeting=leicester["may"])],
            ),
            "choose a later meeting of the committee",
        ),
        (
            ItemRecord(item=items[1], actions=[ActionRecord(text="x", due_on=MAY)]),
            "the due date must be on or after the meeting",
        ),
    ]
    for record, message in cases:
        with pytest.raises(ValidationError, match=message):
            meeting_record(
                meeting=meeting,
                actor=user,
                items=[ItemRecord(item=items[1], actions=[ActionRecord(text="Fine.")]), record],
            )
    assert model_counts() == before
    assert delivered_state() == delivered_before

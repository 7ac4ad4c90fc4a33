"""When an agreed action is due and delivered: never before the meeting that agreed it, at
a later meeting of the same committee, and with a date when delivered at a meeting."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from scrutiny.models import AgreedAction
from tests.factories import AgreedActionFactory, MeetingFactory
from tests.rules.helpers import admin_change, full_clean_errors, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def action():
    meeting = MeetingFactory(date=datetime.date(2022, 3, 1))
    return AgreedActionFactory(meeting=meeting)


def test_an_action_due_before_its_own_meeting_is_refused(admin_client, action):
    message = "The due date must be on or after the meeting that agreed it"
    assert refused(admin_change(admin_client, action, due_on="2022-02-28"), message)
    action.due_on = datetime.date(2022, 2, 28)
    assert full_clean_errors(action) == {"due_on": [message]}

    assert admin_change(admin_client, action, due_on="2022-03-01").status_code == 302
    assert AgreedAction.objects.get(pk=action.pk).due_on == datetime.date(2022, 3, 1)


def test_an_action_delivered_before_its_own_meeting_is_refused(admin_client, action):
    message = "The delivery date must be on or after the meeting that agreed it"
    assert refused(admin_change(admin_client, action, delivered_on="2022-02-01"), message)
    action.delivered_on = datetime.date(2022, 2, 1)
    assert full_clean_errors(action) == {"delivered_on": [message]}

    assert admin_change(admin_client, action, delivered_on="2022-04-01").status_code == 302


def test_an_action_due_at_an_earlier_or_another_committees_meeting_is_refused(admin_client, action):
    message = "Choose a later meeting of the committee"
    earlier = MeetingFactory(committee=action.meeting.committee, date=datetime.date(2022, 1, 1))
    elsewhere = MeetingFactory(date=datetime.date(2022, 6, 1))
    for meeting in (earlier, elsewhere):
        assert refused(admin_change(admin_client, action, due_meeting=meeting.pk), message)
        action.due_meeting = meeting
        assert full_clean_errors(action) == {"due_meeting": [message]}

    later = MeetingFactory(committee=action.meeting.committee, date=datetime.date(2022, 6, 1))
    assert admin_change(admin_client, action, due_meeting=later.pk).status_code == 302


def test_an_action_delivered_at_a_meeting_without_a_date_is_refused(admin_client, action):
    message = "Enter the date it was delivered, or leave the meeting it was delivered at empty"
    later = MeetingFactory(committee=action.meeting.committee, date=datetime.date(2022, 6, 1))
    response = admin_change(admin_client, action, delivered_meeting=later.pk, delivered_on=None)
    assert refused(response, message)
    action.delivered_meeting, action.delivered_on = later, None
    assert full_clean_errors(action) == {"delivered_on": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreedAction.objects.filter(pk=action.pk).update(delivered_meeting=later)

    response = admin_change(
        admin_client, action, delivered_meeting=later.pk, delivered_on="2022-06-01"
    )
    assert response.status_code == 302
    saved = AgreedAction.objects.get(pk=action.pk)
    assert (saved.delivered_meeting, saved.delivered_on) == (later, datetime.date(2022, 6, 1))

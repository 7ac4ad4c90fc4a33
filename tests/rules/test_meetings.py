"""Meetings and their agenda items: a committee meets once at a date and time, item numbers
start at 1 and are used once per meeting, and an exempt item says why."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from scrutiny.models import AgendaItem, Meeting
from tests.factories import AgendaItemFactory, CommitteeFactory, MeetingFactory
from tests.rules.helpers import admin_change, full_clean_errors, refused

pytestmark = pytest.mark.django_db


def test_a_committee_meeting_twice_at_one_date_and_time_is_refused(admin_client):
    first = MeetingFactory(date=datetime.date(2021, 4, 20), start_time=datetime.time(17, 30))
    other = MeetingFactory(committee=first.committee, date=datetime.date(2021, 5, 20))
    message = f"{first.committee} already has a meeting on this date at this time"

    assert refused(admin_change(admin_client, other, date="2021-04-20"), message)
    other.date = first.date
    assert full_clean_errors(other) == {"date": [message]}

    assert (
        admin_change(admin_client, other, date="2021-04-20", start_time="10:00").status_code == 302
    )
    assert Meeting.objects.get(pk=other.pk).start_time == datetime.time(10, 0)


def test_a_committee_meeting_twice_on_one_date_with_no_time_is_refused(admin_client):
    first = MeetingFactory(date=datetime.date(2021, 4, 20), start_time=None)
    other = MeetingFactory(committee=first.committee, date=datetime.date(2021, 5, 20))
    message = f"{first.committee} already has a meeting on this date with no start time"

    assert refused(admin_change(admin_client, other, date="2021-04-20", start_time=None), message)
    other.date, other.start_time = first.date, None
    assert full_clean_errors(other) == {"date": [message]}
    # Another committee may meet then.
    MeetingFactory.build(
        committee=CommitteeFactory(), date=first.date, start_time=None
    ).full_clean()


def test_an_agenda_item_number_taken_or_below_one_is_refused(admin_client):
    taken = AgendaItemFactory(number=3)
    item = AgendaItemFactory(meeting=taken.meeting, number=4)
    for number, message in (
        (3, "Item 3 is already on this meeting's agenda"),
        (0, "Item numbers start at 1"),
    ):
        assert refused(admin_change(admin_client, item, number=number), message)
        item.number = number
        assert full_clean_errors(item) == {"number": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.filter(pk=item.pk).update(number=0)

    assert admin_change(admin_client, item, number=5).status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).number == 5
    AgendaItemFactory.build(meeting=MeetingFactory(), number=3).full_clean()  # elsewhere


def test_an_exempt_item_without_a_reason_is_refused(admin_client):
    item = AgendaItemFactory()
    message = "Say why the item is exempt, for example Schedule 12A, paragraph 3"
    assert refused(admin_change(admin_client, item, exempt="on", exempt_reason=""), message)
    item.exempt, item.exempt_reason = True, ""
    assert full_clean_errors(item) == {"exempt_reason": [message]}

    response = admin_change(admin_client, item, exempt="on", exempt_reason="Paragraph 3")
    assert response.status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).exempt

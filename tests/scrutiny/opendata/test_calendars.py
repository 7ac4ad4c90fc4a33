"""iCalendar feeds, read back with icalendar: a committee's meetings (cancelled ones marked
so) and the progress updates a user owes, found by the secret token in its address."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from partnerships.models import User
from scrutiny.common.feed_tokens import feed_token
from scrutiny.selectors.owed import updates_owed
from tests.factories import MeetingFactory
from tests.support.world import client_for

pytestmark = pytest.mark.django_db


def _events(response) -> dict[str, object]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_a_committees_meetings_with_their_times_places_and_cancellations(world, client):
    committee = world.committee_a
    cancelled = MeetingFactory(
        committee=committee, date=datetime.date(2022, 3, 1), start_time=None, cancelled=True
    )
    url = reverse("scrutiny:committee-meetings-ics", kwargs={"pk": committee.pk})
    events = _events(client.get(url))
    meetings = list(committee.meetings.all())
    assert len(events) == len(meetings) == 3
    held = events[f"meeting-{world.meeting_a.pk}@testserver"]
    assert held.decoded("dtstart") == datetime.datetime(
        2021, 5, 25, 17, 30, tzinfo=ZoneInfo("Europe/London")
    )
    assert str(held["summary"]) == committee.name
    assert str(held["location"]) == "Meeting Room G.01, City Hall"
    assert str(held["status"]) == "CONFIRMED"
    assert str(held["url"]).endswith(f"/meetings/{world.meeting_a.pk}/")
    off = events[f"meeting-{cancelled.pk}@testserver"]
    assert off.decoded("dtstart") == datetime.date(2022, 3, 1)  # all day: no time given
    assert str(off["status"]) == "CANCELLED"
    # Fetched again, the same events: a calendar app updates rather than duplicates.
    assert set(_events(client.get(url))) == set(events)


def test_another_committees_meetings_are_not_in_the_feed(world, client):
    url = reverse("scrutiny:committee-meetings-ics", kwargs={"pk": world.committee_a.pk})
    events = _events(client.get(url))
    assert f"meeting-{world.meeting_b.pk}@testserver" not in events
    assert client.get(url.replace(str(world.committee_a.pk), "999999")).status_code == 404


def test_the_updates_a_user_owes_each_on_the_day_it_falls_due(world, client):
    officer = world.officer
    owed = {rec.pk: rec for rec in updates_owed(officer)}
    assert owed  # the world's officer owes some
    url = reverse("scrutiny:update-owed-ics", kwargs={"token": feed_token(officer)})
    # No sign-in: calendar apps cannot; the token says whose feed it is.
    events = _events(client_for(client, None).get(url))
    assert set(events) == {f"update-due-{pk}@testserver" for pk in owed}
    for pk, rec in owed.items():
        event = events[f"update-due-{pk}@testserver"]
        assert event.decoded("dtstart") == rec.next_due
        assert rec.review.title in str(event["summary"])
        assert f"recommendation {rec.reference}" in str(event["summary"])
    assert set(_events(client.get(url))) == set(events)


def test_a_partner_sees_only_what_their_body_carries(world, client):
    partner = world.partner
    url = reverse("scrutiny:update-owed-ics", kwargs={"token": feed_token(partner)})
    events = _events(client.get(url))
    assert set(events) == {f"update-due-{rec.pk}@testserver" for rec in updates_owed(partner)}
    assert f"update-due-{world.rec_a2.pk}@testserver" not in events  # not carried by them


def test_a_bad_or_old_token_is_not_found(world, client):
    officer = User.objects.get(pk=world.officer.pk)  # changed here: not the world's own
    token = feed_token(officer)
    for bad in (token[:-1] + ("0" if token[-1] != "0" else "1"), "abc", f"{officer.pk}-", "-x"):
        url = reverse("scrutiny:update-owed-ics", kwargs={"token": bad})
        assert client.get(url).status_code == 404, bad
    # Another user's id with this user's signature.
    forged = f"{world.democratic.pk}-{token.partition('-')[2]}"
    url = reverse("scrutiny:update-owed-ics", kwargs={"token": forged})
    assert client.get(url).status_code == 404
    # A new password ends the old address.
    officer.set_password("a new password 123")
    officer.save()
    url = reverse("scrutiny:update-owed-ics", kwargs={"token": token})
    assert client.get(url).status_code == 404
    officer.refresh_from_db()
    url = reverse("scrutiny:update-owed-ics", kwargs={"token": feed_token(officer)})
    assert client.get(url).status_code == 200


def test_an_inactive_users_feed_is_not_found(world, client):
    officer = User.objects.get(pk=world.officer.pk)
    url = reverse("scrutiny:update-owed-ics", kwargs={"token": feed_token(officer)})
    officer.is_active = False
    officer.save()
    assert client.get(url).status_code == 404


def test_the_updates_owed_page_offers_the_subscription(world, client):
    client_for(client, world.officer)
    response = client.get(reverse("scrutiny:update-owed-list"))
    assert response.status_code == 200, response
    page = response.content.decode()
    assert "Subscribe in your calendar" in page
    assert f"/updates-owed/calendar/{feed_token(world.officer)}.ics" in page


def test_the_subscription_in_welsh(world, client):
    client_for(client, world.officer)
    page = client.get("/cy" + reverse("scrutiny:update-owed-list")).content.decode()
    assert "Tanysgrifio yn eich calendr" in page
    assert "Subscribe in your calendar" not in page

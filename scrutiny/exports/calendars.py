"""iCalendar feeds (icalendar): a committee's meetings, and the progress updates a user owes.

Each event's UID names what it is of (a meeting, a recommendation) and the site, so that a
calendar app that fetches the feed again updates its events instead of adding new ones.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event

CONTENT_TYPE = "text/calendar; charset=utf-8"
MEETING_HOURS = 2  # how long an event shows a meeting with a start time as lasting


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Scrutiny recommendation tracker//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def meetings_calendar(committee, meetings, host: str, url_of) -> bytes:
    """Each meeting of ``committee`` as an event: at its time (an hour count of
    ``MEETING_HOURS``) or all day, at its venue, cancelled ones as STATUS:CANCELLED."""
    calendar = _calendar(committee.name)
    zone = ZoneInfo(settings.TIME_ZONE)
    stamp = timezone.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("sequence", meeting.version)
        if meeting.start_time:
            start = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + datetime.timedelta(hours=MEETING_HOURS))
        else:
            event.add("dtstart", meeting.date)
        event.add("summary", committee.name)
        if meeting.venue:
            event.add("location", meeting.venue)
        event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
        event.add("url", url_of(meeting))
        calendar.add_component(event)
    return calendar.to_ical()


def owed_calendar(owed, host: str, url_of) -> bytes:
    """Each progress update owed (``updates_owed``'s recommendations) as an all-day event on
    the date it falls due, saying which committee meeting expects it."""
    calendar = _calendar(gettext("Progress updates you owe"))
    stamp = timezone.now()
    for rec in owed:
        event = Event()
        event.add("uid", f"update-due-{rec.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", rec.next_due)
        event.add(
            "summary",
            gettext("Progress update due: %(review)s, recommendation %(reference)s")
            % {"review": rec.review.title, "reference": rec.reference},
        )
        if rec.due_meeting_date:
            event.add(
                "description",
                gettext("Expected by the %(committee)s meeting of %(date)s.")
                % {"committee": rec.review.committee.name, "date": rec.due_meeting_date},
            )
        event.add("url", url_of(rec))
        calendar.add_component(event)
    return calendar.to_ical()

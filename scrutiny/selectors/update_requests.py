"""The reads behind update requests: which meetings' progress updates a person owes and
should now be asked for (their committee's lead time reached), and which recommendations a
request's link reaches."""

from __future__ import annotations

import datetime
from collections import defaultdict

from recommendations.models import Recommendation
from scrutiny.models import Meeting
from scrutiny.selectors.due import recommendations_due
from scrutiny.selectors.owed import loggable, updates_owed


def requests_due(user, today: datetime.date) -> list[tuple[Meeting, list[Recommendation]]]:
    """Each coming meeting (not cancelled) whose papers ``user`` should now be asked to
    give updates for: the updates they owe (``updates_owed``) that are due by their
    committee's next meeting, once that meeting is within the committee's
    ``update_request_days``; with the recommendations owed there."""
    scope = loggable(user)
    if scope is None:
        return []
    owed = updates_owed(user, today, scope).filter(due_meeting_date__isnull=False)
    found: dict[tuple[int, datetime.date], list[Recommendation]] = defaultdict(list)
    for rec in owed:
        committee = rec.review.committee
        if rec.due_meeting_date - datetime.timedelta(days=committee.update_request_days) <= today:
            found[(committee.pk, rec.due_meeting_date)].append(rec)
    if not found:
        return []
    meetings = {
        (m.committee_id, m.date): m
        for m in Meeting.objects.filter(
            committee_id__in={c for c, _d in found}, date__in={d for _c, d in found}
        )
        .exclude(cancelled=True)
        .select_related("committee__council")
        .order_by("-start_time")
    }
    return [(meetings[key], recs) for key, recs in found.items() if key in meetings]


def requested_recommendations(user, meeting: Meeting):
    """The recommendations a request to ``user`` for ``meeting`` reaches: those of the
    meeting's committee whose update is due by it (``recommendations_due``) and that
    ``user`` may log updates on; ordered by review and reference."""
    scope = loggable(user)
    if scope is None:
        return Recommendation.objects.none()
    return (
        recommendations_due(meeting, user)
        .filter(pk__in=scope[0].values("pk"))
        .select_related("review")
        .order_by("review__title", "review_id", "sort_key")
    )

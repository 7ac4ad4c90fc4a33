"""Reads for the committee pages."""

import datetime
from collections import Counter

from django.db.models import F, Min, Q

from recommendations.models import Recommendation
from scrutiny.models import AgreedAction, Committee, ExecutiveDecision, Review
from scrutiny.selectors.common import (
    count_statuses,
    counted_status_rows,
    hide_unseen_reviews,
)


def committees_with_next_meeting(today: datetime.date):
    """Every committee, grouped by council, each with ``next_meeting`` (a date, or None)."""
    # Meta.ordering does not apply to a query that aggregates: order explicitly.
    return (
        Committee.objects.select_related("council")
        .annotate(
            next_meeting=Min(
                "meetings__date", filter=Q(meetings__date__gte=today, meetings__cancelled=False)
            )
        )
        .order_by("council__name", "name")
    )


def committee_page(committee: Committee, user, today: datetime.date) -> dict:
    """A committee's meetings, the reviews and decisions ``user`` may see with their status
    counts, and its outstanding agreed actions flagged when overdue."""
    meetings = list(committee.meetings.order_by("date", "start_time"))
    reviews = list(
        Review.objects.visible_to(user)
        .filter(committee=committee)
        .order_by("-report_agreed_on", "title")
    )
    count_statuses(reviews, user)
    # The committee's chart adds up its reviews' counts: no query of its own.
    committee_counts = Counter()
    for review in reviews:
        committee_counts.update({row["value"]: row["count"] for row in review.status_rows})
    outstanding = outstanding_actions(committee, user, today)
    decisions = (
        ExecutiveDecision.objects.visible_to(user)
        .filter(referred_to=committee)
        .select_related("decided_by", "referred_to_item__meeting")
    )
    return {
        "upcoming": [m for m in meetings if m.date >= today],
        "past": [m for m in reversed(meetings) if m.date < today],
        "reviews": reviews,
        "status_rows": counted_status_rows(committee_counts),
        "status_total": sum(committee_counts.values()),
        "decisions": decisions,
        "outstanding": outstanding,
        "overdue_count": sum(1 for a in outstanding if a.overdue),
    }


def outstanding_actions(committee: Committee, user, today: datetime.date) -> list:
    """The actions ``committee`` agreed that are not yet delivered, as ``user`` may see them
    (none agreed at an exempt item they may not see; a draft review they may not see is not
    named), oldest meeting first, each flagged ``overdue`` as at ``today``."""
    outstanding = list(
        AgreedAction.objects.visible_to(user)
        .filter(meeting__committee=committee)
        .outstanding()
        .with_flags(today)
        .select_related(
            "meeting__committee__council", "item", "review", "falls_to_organisation", "due_meeting"
        )
        .order_by("meeting__date", "id")
    )
    hide_unseen_reviews(outstanding, user)
    return outstanding


def committee_recommendations(committee: Committee, user):
    """The recommendations of ``committee``'s reviews that ``user`` may see (as its page
    lists the reviews: newest report first, then by title), each review's by reference."""
    return (
        Recommendation.objects.visible_to(user)
        .filter(review__committee=committee)
        .order_by(
            F("review__report_agreed_on").desc(nulls_last=True),
            "review__title",
            "review_id",
            "sort_key",
            "pk",
        )
    )

"""Reads for the review pages."""

import datetime
from collections import Counter

from django.db.models import F

from recommendations.models import Status
from recommendations.permissions import can_log_any_update, loggable_filter
from scrutiny.models import AgendaItem, AgreedAction, Review
from scrutiny.selectors.common import (
    count_statuses,
    counted_response_rows,
    counted_status_rows,
    hide_unseen_reviews,
)


def review_rows(reviews, user, today: datetime.date) -> list[Review]:
    """The (filtered) reviews in the list's order, grouped by committee, each with its status
    counts and whether its executive response is ``overdue``."""
    rows = list(
        reviews.with_flags(today)
        .select_related("committee__council", "response_meeting")
        .order_by(
            "committee__council__name",
            "committee__name",
            F("report_agreed_on").desc(nulls_first=True),
            "title",
        )
    )
    count_statuses(rows, user)
    return rows


def _can_log_on(review: Review, recommendations: list, user) -> bool:
    """Whether ``user`` may log an update on some recommendation of the review."""
    allowed = loggable_filter(user)
    return (
        can_log_any_update(user)
        and allowed is not None
        and bool(recommendations)
        and review.recommendations.filter(allowed).exists()
    )


def review_page(review: Review, user, today: datetime.date) -> dict:
    """A review's tracker (statuses now), where it was discussed, what meetings agreed about
    it (flagged when overdue), and when the committee next wants progress on each open
    recommendation."""
    recommendations = list(
        review.recommendations.with_status(user=user)
        .with_proposal(user=user)
        .prefetch_related("responsible_bodies")
        .order_by("sort_key")
    )
    # Every item that took the review, as its main review or one it also reported on.
    items = (
        AgendaItem.objects.taking(review)
        .visible_to(user)
        .select_related("meeting__committee")
        .order_by("meeting__date", "number")
    )
    # About the review, or agreed at an item on it: two indexed look-ups in a union. (The
    # OR of the two, across the join, read every action and agenda item: issue 17.)
    about = AgreedAction.objects.filter(review=review).values("pk")
    at_its_items = AgreedAction.objects.filter(item__review=review).values("pk")
    actions = list(
        AgreedAction.objects.visible_to(user)
        .filter(pk__in=about.union(at_its_items))
        .with_flags(today)
        .select_related(
            "meeting", "item", "review", "due_meeting", "delivered_meeting", "falls_to_organisation"
        )
        .order_by("meeting__date", "id")
    )
    # An action agreed at this review's item may be about another review still in draft.
    hide_unseen_reviews(actions, user)
    next_updates = [rec for rec in recommendations if rec.status not in Status.closing()]
    for rec in next_updates:
        rec.next_due = rec.next_update_due()
        rec.update_is_due = rec.next_due is not None and rec.next_due <= today
    return {
        "recommendations": recommendations,
        "status_rows": counted_status_rows(Counter(rec.status for rec in recommendations)),
        "response_rows": counted_response_rows(Counter(rec.response for rec in recommendations)),
        "response_overdue": review.response_overdue(today),
        "items": items,
        "actions": actions,
        "next_updates": next_updates,
        "can_log": _can_log_on(review, recommendations, user),
    }

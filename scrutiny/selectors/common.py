"""Reads several pages share: status counts, hidden draft reviews."""

import datetime
from collections.abc import Iterable

from django.db.models import Count

from recommendations.models import Recommendation, Response, Status
from scrutiny.models import AgreedAction, Review

# The earliest date a database can hold: "as at" this, every recommendation was not started.
BEFORE_EVERYTHING = datetime.date(1, 1, 1)


def status_rows(counts: dict[str, int]) -> list[dict]:
    """Every status in the tracker's order, with how many recommendations have it."""
    return [
        {"value": value, "label": label, "count": counts.get(value, 0), "param": "status"}
        for value, label in Status.choices
    ]


def counted_response_rows(counts: dict[str, int]) -> list[dict]:
    """The executive responses some recommendation has, with how many, in the form's
    order (accepted first, awaiting last)."""
    order = [*Response.values[1:], Response.AWAITING]
    labels = dict(Response.choices)
    return [
        {"value": value, "label": labels[value], "count": counts[value], "param": "response"}
        for value in order
        if counts.get(value)
    ]


def counted_status_rows(counts: dict[str, int]) -> list[dict]:
    """The statuses some recommendation has, with how many, in the tracker's order."""
    return [r for r in status_rows(counts) if r["count"]]


def count_statuses(reviews: list[Review], user) -> None:
    """Give each review ``status_rows`` (the statuses its recommendations stand at now, with
    how many, in the tracker's order) and ``total``, in one query for them all."""
    rows = (
        Recommendation.objects.filter(review__in=[r.pk for r in reviews])
        .with_status(user=user)
        .order_by()
        .values("review_id", "status")
        .annotate(n=Count("pk"))
        .values_list("review_id", "status", "n")
    )
    counts: dict[int, dict[str, int]] = {}
    for review_id, status, n in rows:
        counts.setdefault(review_id, {})[status] = n
    for review in reviews:
        review_counts = counts.get(review.pk, {})
        review.status_rows = counted_status_rows(review_counts)
        review.total = sum(review_counts.values())


def hide_unseen_reviews(actions: Iterable[AgreedAction], user) -> None:
    """Drop the link to a draft review the user may not see, keeping the action itself.
    (Actions should have ``review`` selected: published ones need no further query.)"""
    actions = list(actions)
    review_ids = {a.review_id for a in actions if a.review_id and not a.review.published}
    if not review_ids:
        return
    seen = set(
        Review.objects.visible_to(user).filter(pk__in=review_ids).values_list("pk", flat=True)
    )
    for action in actions:
        if action.review_id and action.review_id not in seen:
            action.review = None

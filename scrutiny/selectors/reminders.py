"""The reads behind the reminders of the daily chase: who owes progress updates (the
officers and partner representatives behind /updates-owed/), which of theirs are overdue or
past their target date, and which executive responses are near their deadline or late."""

from __future__ import annotations

import datetime

from django.db.models import Q

from partnerships.models import Role, User
from recommendations.models import Recommendation
from scrutiny.models import Review
from scrutiny.selectors.owed import loggable, updates_owed


def owers() -> list[User]:
    """The active officers and partner representatives with an email address (each with
    their groups read, so that their roles cost no query each)."""
    return list(
        User.objects.filter(
            is_active=True, groups__name__in=[Role.OFFICER.value, Role.PARTNER.value]
        )
        .exclude(email="")
        .prefetch_related("groups")
        .order_by("pk")
        .distinct()
    )


def overdue_updates(user: User, today: datetime.date) -> list[Recommendation]:
    """The updates ``user`` owes (``updates_owed``) that are overdue: due before ``today``;
    each with its review and committee read, in queries fixed in their number."""
    scope = loggable(user)
    if scope is None:
        return []
    return list(updates_owed(user, today, scope).filter(next_due__lt=today))


def targets_passed(user: User, today: datetime.date) -> list[Recommendation]:
    """The open recommendations ``user`` may log updates on whose (revised) target date
    passed yesterday or earlier; each with its review and committee read, in queries fixed
    in their number."""
    scope = loggable(user)
    if scope is None:
        return []
    recommendations, council_id = scope
    return list(
        recommendations.visible_to(user)
        .with_status(as_at=today, user=user, council_id=council_id)
        .overdue(today)
        .select_related("review__committee")
        .order_by("review__title", "review_id", "sort_key")
    )


def responses_due(today: datetime.date, days: dict[int, int]) -> list[Review]:
    """Reviews of the councils in ``days`` (council id: days of warning) whose executive
    response is not yet received and is due within that council's days of ``today`` or is
    late; each with its committee and its recommendations' decision-makers read."""
    near = Q(pk__in=[])
    for council_id, warning in days.items():
        near |= Q(
            committee__council_id=council_id,
            response_due_on__lte=today + datetime.timedelta(days=warning),
        )
    reviews = list(
        Review.objects.filter(near, response_received_on__isnull=True)
        .exclude(response_due_on__isnull=True)
        .select_related("committee")
        .order_by("response_due_on", "title", "pk")
    )
    makers: dict[int, set[str]] = {}
    rows = (
        Recommendation.objects.filter(review__in=[r.pk for r in reviews])
        .exclude(decision_maker="")
        .values_list("review_id", "decision_maker")
    )
    for review_id, maker in rows:
        makers.setdefault(review_id, set()).add(maker)
    for review in reviews:
        review.decision_makers = sorted(makers.get(review.pk, ()))
    return reviews

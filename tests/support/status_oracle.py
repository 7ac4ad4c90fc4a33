"""The status of each recommendation worked out afresh from its update entries: what the
kept timeline (``StatusPeriod``) must say, read the slow way, for tests to compare with
``RecommendationQuerySet.with_status``.

Each value is the latest entry's on or before the date (given on, then the update's creation,
then the entry's id), counting only the updates the reader may see.
"""

from __future__ import annotations

import datetime

from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from recommendations.models import ProgressUpdate, Recommendation, Status, UpdateEntry

NEWEST_FIRST = ("-update__given_on", "-update__created_at", "-pk")


def statuses_from_entries(as_at: datetime.date | None, user) -> dict[int, tuple]:
    """Every recommendation's (status, status since, reason, revised target date, current
    target date, last update) as at ``as_at`` for ``user`` (None: counting every update)."""
    entries = UpdateEntry.objects.filter(recommendation=OuterRef("pk"))
    if as_at is not None:
        entries = entries.filter(update__given_on__lte=as_at)
    if user is not None:
        entries = entries.filter(update__in=ProgressUpdate.objects.visible_to(user))
    setting = entries.exclude(new_status="").order_by(*NEWEST_FIRST)
    revising = entries.filter(revised_target_date__isnull=False).order_by(*NEWEST_FIRST)
    revised = Subquery(revising.values("revised_target_date")[:1])
    rows = Recommendation.all_objects.annotate(
        o_status=Coalesce(
            Subquery(setting.values("new_status")[:1]), Value(Status.NOT_STARTED.value)
        ),
        o_since=Subquery(setting.values("update__given_on")[:1]),
        o_reason=Subquery(setting.values("reason")[:1]),
        o_revised=revised,
        o_target=Coalesce(revised, F("target_date")),
        o_last=Subquery(entries.order_by(*NEWEST_FIRST).values("update__given_on")[:1]),
    ).values_list("pk", "o_status", "o_since", "o_reason", "o_revised", "o_target", "o_last")
    return {pk: (status, since, reason or None, *rest) for pk, status, since, reason, *rest in rows}

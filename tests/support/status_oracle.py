"""The status of each recommendation worked out afresh from its update entries and the
committee's sign-offs: what the kept timeline (``StatusPeriod``) must say, read the slow
way, for tests to compare with ``RecommendationQuerySet.with_status``.

Each value is the latest entry's on or before the date (given on, then the update's creation,
then the entry's id), counting only the updates the reader may see. A signed-off closure
counts as one more entry given on its meeting's date, after that date's updates recorded
before it (by when it was decided), counting only where the reader may see both its item
and the update that proposed it.
"""

from __future__ import annotations

import datetime

from recommendations.models import (
    ClosureProposal,
    ProgressUpdate,
    ProposalState,
    Recommendation,
    Status,
    UpdateEntry,
)
from scrutiny.visibility import exempt_filter


def _events(as_at: datetime.date | None, user) -> dict[int, list[tuple]]:
    """Every recommendation's events as (given on, recorded at, kind, id, status, reason,
    revised target date), oldest first."""
    entries = UpdateEntry.objects.all()
    if user is not None:
        entries = entries.filter(update__in=ProgressUpdate.objects.visible_to(user))
    sign_offs = ClosureProposal.objects.live().filter(state=ProposalState.SIGNED_OFF)
    if user is not None:
        council = "recommendation__review__committee__council_id"
        sign_offs = sign_offs.filter(
            exempt_filter(user, council, "item__exempt"),
            exempt_filter(user, council, "entry__update__item__exempt"),
        )
    events: dict[int, list[tuple]] = {}
    for rec, on, at, pk, status, reason, revised in entries.values_list(
        "recommendation_id",
        "update__given_on",
        "update__created_at",
        "pk",
        "new_status",
        "reason",
        "revised_target_date",
    ):
        events.setdefault(rec, []).append((on, at, 0, pk, status, reason, revised))
    for rec, on, at, pk, status, evidence in sign_offs.values_list(
        "recommendation_id", "item__meeting__date", "decided_at", "pk", "status", "evidence"
    ):
        events.setdefault(rec, []).append((on, at, 1, pk, status, evidence, None))
    for rec in events:
        events[rec] = sorted(e for e in events[rec] if as_at is None or e[0] <= as_at)
    return events


def statuses_from_entries(as_at: datetime.date | None, user) -> dict[int, tuple]:
    """Every recommendation's (status, status since, reason, revised target date, current
    target date, last update) as at ``as_at`` for ``user`` (None: counting every update)."""
    events = _events(as_at, user)
    said = {}
    for pk, target in Recommendation.all_objects.values_list("pk", "target_date"):
        status, since, reason, revised, last = Status.NOT_STARTED.value, None, None, None, None
        for on, _at, _kind, _id, new_status, why, new_target in events.get(pk, []):
            last = on
            if new_status:
                status, since, reason = new_status, on, why or None
            if new_target is not None:
                revised = new_target
        said[pk] = (status, since, reason, revised, revised or target, last)
    return said

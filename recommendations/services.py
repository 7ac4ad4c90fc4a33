"""Writes that check rules or touch several models: logging a progress update."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from recommendations.models import ProgressUpdate, Recommendation, Status, UpdateEntry
from recommendations.permissions import can_close, loggable_filter


@dataclass(frozen=True)
class EntryInput:
    """What an update says about one recommendation."""

    recommendation: Recommendation
    text: str
    new_status: str = ""
    revised_target_date: datetime.date | None = None
    reason: str = ""


def update_create(
    *,
    recorded_by,
    given_on: datetime.date,
    kind: str,
    organisation,
    given_by_role: str,
    given_by_name: str = "",
    item=None,
    summary: str = "",
    entries: list[EntryInput],
) -> ProgressUpdate:
    """Record one progress update covering one or more recommendations, all or nothing.

    Rules: at least one recommendation; each at most once; the user may log on every one;
    an update given at an agenda item takes the meeting's date; a slipped status needs a
    revised target date and a reason; a closing status needs an outcome, must be recorded at
    a meeting (the meeting that agreed it) and only by democratic services.
    """
    if not entries:
        raise ValidationError("Say what was reported on at least one recommendation.")
    ids = [e.recommendation.pk for e in entries]
    if len(set(ids)) != len(ids):
        raise ValidationError("Each recommendation can appear only once in an update.")
    allowed = loggable_filter(recorded_by)
    if allowed is None or Recommendation.objects.filter(
        allowed, pk__in=ids
    ).distinct().count() != len(ids):
        raise PermissionDenied("You cannot log updates on one or more of these recommendations.")
    if item is not None:
        given_on = item.meeting.date
    errors = []
    for e in entries:
        label = f"Recommendation {e.recommendation.number}"
        if e.new_status == Status.SLIPPED and not (e.revised_target_date and e.reason.strip()):
            errors.append(f"{label}: give a revised target date and a reason when it has slipped.")
        if e.new_status in Status.closing():
            if not e.reason.strip():
                errors.append(f"{label}: give the outcome when you close it.")
            if item is None:
                errors.append(f"{label}: only a meeting can agree to close it; choose the item.")
            if not can_close(recorded_by, e.recommendation):
                raise PermissionDenied("Only democratic services can record a closing status.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        update = ProgressUpdate.objects.create(
            recorded_by=recorded_by,
            given_on=given_on,
            kind=kind,
            organisation=organisation,
            given_by_role=given_by_role,
            given_by_name=given_by_name,
            item=item,
            summary=summary,
        )
        bulk_create_with_history(
            [
                UpdateEntry(
                    update=update,
                    recommendation=e.recommendation,
                    text=e.text,
                    new_status=e.new_status,
                    revised_target_date=e.revised_target_date,
                    reason=e.reason,
                )
                for e in entries
            ],
            UpdateEntry,
            default_user=recorded_by,
        )
    return update

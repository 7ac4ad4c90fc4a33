"""Writes of the scrutiny process that check rules or touch several models, each all or
nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from scrutiny.models import DecisionPoint, ExecutiveDecision

# --- Executive decisions (reviews-and-decisions helper) ------------------------------------


@dataclass(frozen=True)
class PointInput:
    """One numbered resolution or reason as typed."""

    number: int
    text: str


def _check_points(points: Sequence[PointInput], kind_label: str) -> list[str]:
    errors = []
    numbers = [p.number for p in points]
    for number in sorted({n for n in numbers if numbers.count(n) > 1}):
        errors.append(f"{kind_label} ({number}) is used more than once")
    for p in points:
        if p.number is None or p.number < 1:
            errors.append(f"Each {kind_label.lower()} needs a number from 1")
        if not p.text.strip():
            errors.append(f"Enter the text of {kind_label.lower()} ({p.number})")
    return errors


def decision_save(
    *,
    decision: ExecutiveDecision,
    resolutions: Sequence[PointInput],
    reasons: Sequence[PointInput],
    saved_by,
) -> ExecutiveDecision:
    """Create or update an executive decision with its numbered resolutions and reasons, all
    or nothing.

    Rules: only democratic services of the deciding committee's council (and of the council
    of the committee it is referred to), or administrators, may save it; the agenda item it
    was referred to belongs to that committee; there is at least one resolution; numbers
    are unique within the resolutions and within the reasons; the minute number is unique
    for the deciding committee. The points given replace the decision's previous ones, so
    renumbering (swapping 1 and 2) never trips over the unique numbers part-way.
    """
    council_ids = {decision.decided_by.council_id}
    if decision.referred_to_id:
        council_ids.add(decision.referred_to.council_id)
    if not saved_by.is_authenticated or not all(saved_by.manages_council(c) for c in council_ids):
        raise PermissionDenied("Only democratic services of the council can record decisions.")
    errors = []
    if decision.referred_to_item_id and (
        decision.referred_to_item.meeting.committee_id != decision.referred_to_id
    ):
        errors.append("The agenda item must be one of the committee the decision was referred to.")
    if not resolutions:
        errors.append("Enter at least one resolution.")
    errors += _check_points(resolutions, "Resolution")
    errors += _check_points(reasons, "Reason")
    if errors:
        raise ValidationError(errors)
    adding = decision.pk is None
    try:
        with transaction.atomic():
            decision.save()
            DecisionPoint.objects.filter(decision=decision).delete()
            DecisionPoint.objects.bulk_create(
                DecisionPoint(decision=decision, kind=kind, number=p.number, text=p.text.strip())
                for kind, points in (
                    (DecisionPoint.Kind.RESOLUTION, resolutions),
                    (DecisionPoint.Kind.REASON, reasons),
                )
                for p in points
            )
    except IntegrityError:
        if adding:  # the insert was rolled back: the page may try again as a new decision
            decision.pk = None
            decision._state.adding = True
        # Someone saved the same minute number between the form's check and this save.
        raise ValidationError(
            {"minute_number": f"{decision.decided_by} already has a decision with this minute"}
        ) from None
    return decision

"""Saving executive decisions with their numbered resolutions and reasons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from scrutiny.common.locking import save_if_current
from scrutiny.models import (
    DecisionPoint,
    ExecutiveDecision,
)
from scrutiny.permissions import can_manage_council


@dataclass(frozen=True)
class PointInput:
    """One numbered resolution or reason as typed."""

    number: int
    text: str


def _check_points(points: Sequence[PointInput], kind_label: str) -> list[str]:
    errors = []
    kind = kind_label.lower()
    numbers = [p.number for p in points]
    for number in sorted({n for n in numbers if numbers.count(n) > 1}):
        errors.append(
            gettext("%(kind)s (%(number)s) is used more than once")
            % {"kind": kind_label, "number": number}
        )
    for p in points:
        if p.number is None or p.number < 1:
            errors.append(gettext("Each %(kind)s needs a number from 1") % {"kind": kind})
        if not p.text.strip():
            errors.append(
                gettext("Enter the text of %(kind)s (%(number)s)")
                % {"kind": kind, "number": p.number}
            )
    return errors


def _points_replace(decision: ExecutiveDecision, points: dict[tuple[str, int], str], *, by) -> None:
    """Make ``decision``'s points exactly ``points`` ((kind, number) → text), writing only
    what differs, each write in the history as ``by``'s: a point no longer given is deleted,
    one whose text changed is saved, a new one is created. Keyed by kind and number, so
    renumbering (swapping 1 and 2) changes two texts and never trips over unique numbers."""
    existing = {(p.kind, p.number): p for p in DecisionPoint.objects.filter(decision=decision)}
    for key, point in existing.items():
        point._history_user = by
        if key not in points:
            point.delete()
        elif point.text != points[key]:
            point.text = points[key]
            point.save(update_fields=["text"])
    bulk_create_with_history(
        [
            DecisionPoint(decision=decision, kind=kind, number=number, text=text)
            for (kind, number), text in points.items()
            if (kind, number) not in existing
        ],
        DecisionPoint,
        default_user=by,
    )


def decision_save(
    *,
    decision: ExecutiveDecision,
    resolutions: Sequence[PointInput],
    reasons: Sequence[PointInput],
    saved_by,
    version: int | None = None,
) -> ExecutiveDecision:
    """Create or update an executive decision with its numbered resolutions and reasons, all
    or nothing.

    Rules: only democratic services of the deciding committee's council (and of the council
    of the committee it is referred to), or administrators, may save it; the decision's own
    (``ExecutiveDecision.clean``: the agenda item it was referred to is one of that
    committee, at a meeting on or after the decision); there is at least one resolution; numbers
    are unique within the resolutions and within the reasons; the minute number is unique
    for the deciding committee. The points given replace the decision's previous ones, so
    renumbering (swapping 1 and 2) never trips over the unique numbers part-way. Changing
    a saved decision needs the ``version`` the user loaded: when someone else saved it
    since, ``scrutiny.common.locking.EditConflict`` is raised and nothing is written.
    """
    council_ids = {decision.decided_by.council_id}
    if decision.referred_to_id:
        council_ids.add(decision.referred_to.council_id)
    if not all(can_manage_council(saved_by, c) for c in council_ids):
        raise PermissionDenied(
            gettext("Only democratic services of the council can record decisions.")
        )
    errors = []
    try:
        # The decision's own rules. Not full_clean(): the database checks what needs no
        # words (an item deleted meanwhile), and a minute number taken meanwhile is
        # reported below, when the database refuses it.
        decision.clean()
    except ValidationError as error:
        errors += error.messages
    if not resolutions:
        errors.append(gettext("Enter at least one resolution."))
    errors += _check_points(resolutions, str(DecisionPoint.Kind.RESOLUTION.label))
    errors += _check_points(reasons, str(DecisionPoint.Kind.REASON.label))
    if errors:
        raise ValidationError(errors)
    adding = decision.pk is None
    try:
        with transaction.atomic():
            if adding:
                decision.save()
            else:
                save_if_current(decision, version)
            _points_replace(
                decision,
                {
                    (kind, p.number): p.text.strip()
                    for kind, points in (
                        (DecisionPoint.Kind.RESOLUTION, resolutions),
                        (DecisionPoint.Kind.REASON, reasons),
                    )
                    for p in points
                },
                by=saved_by,
            )
    except IntegrityError:
        if adding:  # the insert was rolled back: the page may try again as a new decision
            decision.pk = None
            decision._state.adding = True
        taken = ExecutiveDecision.objects.filter(
            decided_by_id=decision.decided_by_id, minute_number__iexact=decision.minute_number
        ).exclude(pk=decision.pk)
        if not taken.exists():
            raise  # another broken rule: nothing was written, and it is not the user's to fix
        # Someone saved the same minute number between the form's check and this save.
        raise ValidationError(
            {
                "minute_number": gettext("%(committee)s already has a decision with this minute")
                % {"committee": decision.decided_by}
            }
        ) from None
    return decision

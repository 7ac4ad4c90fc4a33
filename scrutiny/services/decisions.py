"""Saving executive decisions with their numbered resolutions and reasons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from partnerships.models import User
from scrutiny.common.locking import save_if_current
from scrutiny.models import (
    DecisionPoint,
    ExecutiveDecision,
    decision_points_errors,
)
from scrutiny.permissions import can_manage_council


@dataclass(frozen=True)
class PointInput:
    """One numbered resolution or reason as typed."""

    number: int
    text: str


def _check_points(resolutions: Sequence[PointInput], reasons: Sequence[PointInput]) -> list[str]:
    """The points' own rules (DecisionPoint's constraints) and theirs together
    (decision_points_errors), each message once."""
    rows = [
        (kind, point)
        for kind, points in (
            (DecisionPoint.Kind.RESOLUTION, resolutions),
            (DecisionPoint.Kind.REASON, reasons),
        )
        for point in points
    ]
    errors = list(decision_points_errors([(kind, p.number) for kind, p in rows]).values())
    for kind, p in rows:
        try:
            # Its decision may not be saved yet: decision_points_errors checks the numbers.
            DecisionPoint(kind=kind, number=p.number, text=p.text.strip()).full_clean(
                exclude=["decision"]
            )
        except ValidationError as error:
            errors += error.messages
    return list(dict.fromkeys(errors))


def _points_replace(
    decision: ExecutiveDecision, points: dict[tuple[str, int], str], *, actor: User
) -> None:
    """Make ``decision``'s points exactly ``points`` ((kind, number) → text), writing only
    what differs, each write in the history as ``actor``'s: a point no longer given is deleted,
    one whose text changed is saved, a new one is created. Keyed by kind and number, so
    renumbering (swapping 1 and 2) changes two texts and never trips over unique numbers."""
    existing = {(p.kind, p.number): p for p in DecisionPoint.objects.filter(decision=decision)}
    for key, point in existing.items():
        point._history_user = actor
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
        default_user=actor,
    )


def decision_save(
    *,
    decision: ExecutiveDecision,
    resolutions: Sequence[PointInput],
    reasons: Sequence[PointInput],
    actor: User,
    version: int | None = None,
) -> ExecutiveDecision:
    """Create or update an executive decision with its numbered resolutions and reasons, all
    or nothing.

    Rules: only democratic services of the deciding committee's council (and of the council
    of the committee it is referred to), or administrators, may save it; the decision's own
    (``ExecutiveDecision.clean``: the agenda item it was referred to is one of that
    committee, at a meeting on or after the decision); its points' (DecisionPoint's
    constraints and ``decision_points_errors``: at least one resolution, numbers from 1 used
    once per kind, each with its text); the minute number is unique for the deciding
    committee. The points given replace the decision's previous ones, so renumbering
    (swapping 1 and 2) never trips over the unique numbers part-way. Changing
    a saved decision needs the ``version`` the actor loaded: when someone else saved it
    since, ``scrutiny.common.locking.EditConflict`` is raised and nothing is written.
    """
    council_ids = {decision.decided_by.council_id}
    if decision.referred_to_id:
        council_ids.add(decision.referred_to.council_id)
    if not all(can_manage_council(actor, c) for c in council_ids):
        raise PermissionDenied(
            gettext("Only democratic services of the council can record decisions.")
        )
    errors = []
    try:
        # The decision's own rules. Not full_clean(): its words for a referred item deleted
        # meanwhile are Django's ("instance with id 1 is not a valid choice"); the database
        # refuses that, and a minute number taken meanwhile is reported below in the rule's
        # own words.
        decision.clean()
    except ValidationError as error:
        errors += error.messages
    errors += _check_points(resolutions, reasons)
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
                actor=actor,
            )
    except IntegrityError:
        if adding:  # the insert was rolled back: the page may try again as a new decision
            decision.pk = None
            decision._state.adding = True
        # Someone saved the same minute number between the check above and this save: the
        # rule's own words, on its field. Any other refusal is not the user's to fix.
        decision.validate_constraints()
        raise
    return decision

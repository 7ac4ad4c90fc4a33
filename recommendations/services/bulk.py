"""Writes of many recommendations at once: a review's recommendations entered from its
report's list, and the executive's responses to a whole review. Each is all or nothing,
checks every row before writing any, and says what is wrong row by row (``RowErrors``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Lower, Trim
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from partnerships.models import User
from recommendations.models import Recommendation, Response
from recommendations.permissions import can_edit_review_responses, can_manage_review
from recommendations.services import change_reason
from scrutiny.models import Review
from scrutiny.services.responses import review_response_received, review_response_received_check

# The fields of a recommendation the checks leave to the caller (the review is given) or to
# one query for all rows (the reference rule), so that checking costs the same for 3 rows
# as for 30.
_CHECKED_ONCE = ["review", "agreed_by", "responsible_bodies"]
NEEDS_REASONS = (Response.PARTLY_ACCEPTED, Response.NOT_ACCEPTED)


class RowErrors(ValidationError):
    """What is wrong, row by row: ``rows`` maps a row's index to its fields' messages
    (field None: the row as a whole); ``general`` holds what concerns no one row."""

    def __init__(self, rows: dict[int, dict[str | None, list[str]]], general: list[str]):
        self.rows = rows
        self.general = general
        messages = [*general, *(m for row in rows.values() for ms in row.values() for m in ms)]
        super().__init__(messages)


def _add(rows: dict, index: int, field: str | None, message: str) -> None:
    rows.setdefault(index, {}).setdefault(field, []).append(message)


@dataclass(frozen=True)
class RecommendationRow:
    """One recommendation to add: its reference as the report gives it, and its text."""

    reference: str
    text: str


def _taken_references(review: Review) -> dict[str, Recommendation]:
    """The review's references as the rule compares them (case folded, trimmed), deleted
    recommendations' included: a deleted one keeps its reference so that restoring it
    never clashes."""
    taken = (
        Recommendation.all_objects.filter(review=review)
        .annotate(folded=Lower(Trim("reference")))
        .only("pk", "reference", "deleted_at")
    )
    return {r.folded: r for r in taken}


def _reference_errors(review: Review, rows: list[RecommendationRow]) -> dict:
    """The reference rule (unique in the review whatever the case and surrounding spaces),
    checked for every row in one query, each clash said on its row."""
    errors: dict = {}
    taken = _taken_references(review)
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        folded = row.reference.strip().lower()
        if not folded:
            continue  # no reference: the row's own check says so
        clash = taken.get(folded)
        words = {"row": index + 1, "reference": row.reference.strip()}
        if clash is not None and clash.deleted_at is not None:
            message = gettext(
                "Row %(row)s: recommendation %(reference)s was deleted: restore it from "
                "Deleted items or give another reference"
            )
        elif clash is not None:
            message = gettext(
                "Row %(row)s: this review already has a recommendation %(reference)s: give "
                "another reference"
            )
        elif folded in seen:
            words["other"] = seen[folded] + 1
            message = gettext(
                "Row %(row)s: reference %(reference)s is also given in row %(other)s: give "
                "each recommendation its own reference"
            )
        else:
            seen[folded] = index
            continue
        _add(errors, index, "reference", message % words)
    return errors


def recommendation_references_check(*, review: Review, rows: list[RecommendationRow]) -> None:
    """Raise ``RowErrors`` for each row whose reference the review has already, or another
    row gives too (rows without a reference are left to their own check): what a page shows
    beside the rows' other errors, so that all are said at once."""
    errors = _reference_errors(review, rows)
    if errors:
        raise RowErrors(errors, [])


def recommendations_create_many(
    *, review: Review, actor: User, rows: list[RecommendationRow]
) -> list[Recommendation]:
    """Add ``rows`` to ``review`` as new recommendations, all or nothing, each recorded in
    its history as made by ``actor``.

    Rules: only those who may add the review's recommendations (``can_manage_review``); at
    least one row; each row's reference unique in the review and among the rows, whatever
    the case and surrounding spaces; each row valid as a recommendation (``full_clean``).
    Any broken rule is a ``RowErrors`` naming its rows, and nothing is saved.
    """
    if not can_manage_review(actor, review):
        raise PermissionDenied(gettext("Only the council's democratic services can add these."))
    if not rows:
        raise RowErrors({}, [gettext("Give at least one recommendation to add")])
    errors = _reference_errors(review, rows)
    made = []
    for index, row in enumerate(rows):
        recommendation = Recommendation(review=review, reference=row.reference, text=row.text)
        try:
            recommendation.full_clean(exclude=_CHECKED_ONCE, validate_constraints=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    words = {"row": index + 1, "message": message}
                    _add(errors, index, field, gettext("Row %(row)s: %(message)s") % words)
        made.append(recommendation)
    if errors:
        raise RowErrors(errors, [])
    # History keeps its reasons in English, as every service writes them.
    reason = change_reason(f"Added from the report's list of {len(made)}")
    with transaction.atomic():
        # The database keeps the reference rule too: a clash made meanwhile by someone else
        # fails the insert, and the whole list with it.
        return bulk_create_with_history(
            made, Recommendation, default_user=actor, default_change_reason=reason
        )


@dataclass(frozen=True)
class ResponseRow:
    """The executive's response to one recommendation, the version of the recommendation
    the page showed (``version``), and whether the user changed what the page showed
    (``touched``: a row left alone is never written, even where someone else has changed
    the recommendation since)."""

    recommendation: Recommendation
    response: str
    response_text: str
    version: int | None
    touched: bool = True


def _changed(row: ResponseRow) -> bool:
    """The user changed the row, to something other than what is stored."""
    rec = row.recommendation
    stored = (rec.response, rec.response_text.strip())
    return row.touched and (row.response, row.response_text.strip()) != stored


def _response_errors(rows: list[ResponseRow]) -> dict:
    errors: dict = {}
    for index, row in enumerate(rows):
        if row.response in NEEDS_REASONS and not row.response_text.strip():
            message = gettext(
                "Recommendation %(number)s: give the executive's reasons when it is not fully "
                "accepted"
            )
            _add(errors, index, "response_text", message % {"number": row.recommendation.reference})
    return errors


def _move_versions_on(rows: list[ResponseRow]) -> list[int]:
    """Move on the stored version of each row's recommendation, if every one is still the
    version the page showed; else return the indexes of the rows someone else saved since
    (then nothing may be written). Two statements however many rows: the versions read
    (locked, where the database can), then moved on by a conditional UPDATE, which on
    SQLite, which cannot lock a row, is what stops a race (as
    ``scrutiny.common.locking.save_if_current`` does for one record)."""
    if not rows:
        return []
    ids = [row.recommendation.pk for row in rows]
    stored = dict(
        Recommendation.all_objects.select_for_update()
        .filter(pk__in=ids)
        .values_list("pk", "version")
    )
    stale = [
        index
        for index, row in enumerate(rows)
        if row.version is None or stored.get(row.recommendation.pk) != row.version
    ]
    if stale:
        return stale
    seen = Q(pk__in=[])
    for row in rows:
        seen |= Q(pk=row.recommendation.pk, version=row.version)
    moved = Recommendation.all_objects.filter(seen).update(version=F("version") + 1)
    # Saved by someone else in the instant between the two: which is not known, so all.
    return [] if moved == len(rows) else list(range(len(rows)))


class ResponsesConflict(Exception):
    """Someone else saved some of the recommendations after the page showed them: nothing
    was written. ``rows`` are the indexes of those rows, ``current`` the recommendations
    as stored now, by id."""

    def __init__(self, rows: list[int], current: dict[int, Recommendation]):
        super().__init__("Some recommendations were changed by someone else.")
        self.rows = rows
        self.current = current


def responses_save_many(
    *,
    review: Review,
    actor: User,
    rows: list[ResponseRow],
    received_on: datetime.date | None = None,
) -> list[Recommendation]:
    """Record the executive's responses to ``review``'s recommendations, all or nothing,
    each change in its history as made by ``actor``; return the recommendations changed.

    Rules: only those who may record the review's responses (``can_edit_review_responses``);
    a response partly or not accepted gives reasons; when the review has no date received
    yet and any response is given (not "awaiting"), ``received_on`` is required and checked
    by the review's own rules, and recorded once for the review (``review_response_received``).
    Rows the user left as the page showed them, or as stored, are not written (so a
    response someone else saved meanwhile on a row left alone stays). A changed row whose
    recommendation
    someone else saved since the page showed it (its version moved on) raises
    ``ResponsesConflict`` and nothing is written.
    """
    if not can_edit_review_responses(actor, review):
        raise PermissionDenied(gettext("You cannot record the executive's responses here."))
    errors = _response_errors(rows)
    general = []
    responded = any(row.response != Response.AWAITING for row in rows)
    if review.response_received_on is None and responded:
        if received_on is None:
            general.append(gettext("Enter the date the executive response was received"))
        else:
            general += review_response_received_check(review=review, received_on=received_on)
    if errors or general:
        raise RowErrors(errors, general)
    changed = [row for row in rows if _changed(row)]
    with transaction.atomic():
        stale = _move_versions_on(changed)
        if stale:
            # Raised inside the transaction: the versions just moved on are undone too.
            ids = [changed[i].recommendation.pk for i in stale]
            current = Recommendation.all_objects.in_bulk(ids)
            raise ResponsesConflict([rows.index(changed[i]) for i in stale], current)
        saved = []
        for row in changed:
            rec = row.recommendation
            rec.response, rec.response_text = row.response, row.response_text.strip()
            rec.version = row.version + 1
            rec.full_clean(exclude=_CHECKED_ONCE, validate_constraints=False)
            saved.append(rec)
        bulk_update_with_history(
            saved,
            Recommendation,
            ["response", "response_text"],
            default_user=actor,
            default_change_reason="Executive responses entered for the review",
        )
        if received_on is not None and responded:
            review_response_received(review=review, received_on=received_on, actor=actor)
    return saved

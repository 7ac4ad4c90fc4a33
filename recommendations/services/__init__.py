"""Writes that check rules or touch several models: logging a progress update, and
deleting and restoring recommendations and updates (softly: nothing is lost, and each
change is in the history with who made it, when and why)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS as NON_FIELD
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from partnerships.models import User
from recommendations.models import (
    PROPOSAL_NEEDS_EVIDENCE,
    ClosureProposal,
    ProgressUpdate,
    ProposalState,
    Recommendation,
    Status,
    StatusPeriod,
    StatusWord,
    UpdateEntry,
    entry_missing,
    timeline_periods,
)
from recommendations.permissions import (
    can_close,
    can_delete_update,
    can_edit_status_words,
    can_manage,
    can_restore_update,
    can_withdraw_proposal,
    loggable_filter,
)
from scrutiny.common.once import form_token_result, form_token_spend

# simple-history keeps a change reason of at most 100 characters; the full reason for a
# deletion is kept on the row itself (``deletion_reason``), which the history copies.
CHANGE_REASON_LENGTH = 100


def change_reason(text: str) -> str:
    """``text`` cut to fit simple-history's change reason."""
    text = " ".join(text.split())
    if len(text) <= CHANGE_REASON_LENGTH:
        return text
    return text[: CHANGE_REASON_LENGTH - 1].rstrip() + "…"


@dataclass(frozen=True)
class EntryInput:
    """What an update says about one recommendation."""

    recommendation: Recommendation
    text: str
    new_status: str = ""
    revised_target_date: datetime.date | None = None
    reason: str = ""
    text_cy: str = ""
    # A closing status proposed for the committee's sign-off, and the evidence for it.
    proposed_status: str = ""
    evidence: str = ""


def entry_rule_errors(actor: User, entries) -> list[str]:
    """What breaks the rules every entry keeps, logged or corrected (``ENTRY_NEEDS``, each
    message naming its recommendation); a closing status by anyone but democratic services
    is refused outright (PermissionDenied). ``entries``: EntryInput or UpdateEntry rows."""
    errors = []
    for e in entries:
        number = {"number": e.recommendation.reference}
        missing = entry_missing(
            new_status=e.new_status,
            revised_target_date=e.revised_target_date,
            reason=e.reason,
        )
        errors += [message % number for _field, message in missing]
        if e.new_status in Status.closing() and not can_close(actor, e.recommendation):
            raise PermissionDenied(gettext("Only democratic services can record a closing status."))
    return errors


def update_create(
    *,
    actor: User,
    given_on: datetime.date,
    kind: str,
    organisation,
    given_by_role: str,
    given_by_name: str = "",
    item=None,
    summary: str = "",
    summary_cy: str = "",
    entries: list[EntryInput],
    reason: str = "Logged on the progress update form",
    form_token: str | None = None,
) -> ProgressUpdate:
    """Record one progress update covering one or more recommendations, all or nothing.

    Rules: at least one recommendation; each at most once; ``actor`` may log on every one;
    an update given at an agenda item takes the meeting's date; a slipped status needs a
    revised target date and a reason, a paused one a reason (``ENTRY_NEEDS``); a closing
    status needs an outcome, must be recorded at a meeting (the meeting that agreed it) and
    only by democratic services. ``reason`` is the change reason its history records.
    ``form_token``, the form's one-time token, is spent in the same transaction: a form
    sent twice saves once (``AlreadySent``, ``scrutiny.common.once``).
    """
    if not entries:
        raise ValidationError(gettext("Say what was reported on at least one recommendation."))
    ids = [e.recommendation.pk for e in entries]
    if len(set(ids)) != len(ids):
        raise ValidationError(gettext("Each recommendation can appear only once in an update."))
    allowed = loggable_filter(actor)
    if allowed is None or Recommendation.objects.filter(
        allowed, pk__in=ids
    ).distinct().count() != len(ids):
        raise PermissionDenied(
            gettext("You cannot log updates on one or more of these recommendations.")
        )
    if item is not None:
        given_on = item.meeting.date
    errors = entry_rule_errors(actor, entries)
    errors += _proposal_errors(entries)
    update = ProgressUpdate(
        recorded_by=actor,
        given_on=given_on,
        kind=kind,
        organisation=organisation,
        given_by_role=given_by_role,
        given_by_name=given_by_name,
        item=item,
        summary=summary,
        summary_cy=summary_cy,
    )
    rows = [
        UpdateEntry(
            update=update,
            recommendation=e.recommendation,
            text=e.text,
            text_cy=e.text_cy,
            new_status=e.new_status,
            revised_target_date=e.revised_target_date,
            reason=e.reason,
        )
        for e in entries
    ]
    # The entries' rules with the update's (UpdateEntry.clean: closing needs a meeting's
    # agenda item). Not full_clean(): what the fields allow is left to the database, whose
    # refusal rolls the whole update back (all or nothing), and checking each link would
    # cost a query.
    for row in rows:
        try:
            row.clean()
        except ValidationError as error:
            errors += error.messages
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))
    with transaction.atomic():
        sent = form_token_spend(form_token)
        update._history_user = actor
        update._change_reason = change_reason(reason)
        update.save()
        bulk_create_with_history(
            rows,
            UpdateEntry,
            default_user=actor,
            default_change_reason=change_reason(reason),
        )
        _propose(actor, rows, entries, reason)
        timeline_rebuild(recommendations=ids)
        form_token_result(sent, update.get_absolute_url())
    return update


def _proposal_errors(entries: list[EntryInput]) -> list[str]:
    """What is wrong with the closures ``entries`` propose: each a closing status, with
    evidence, on an open recommendation not already waiting for sign-off, and not closed by
    the same entry."""
    proposing = [e for e in entries if e.proposed_status]
    if not proposing:
        return []
    errors = []
    ids = [e.recommendation.pk for e in proposing]
    closed = set(
        Recommendation.objects.filter(pk__in=ids)
        .with_status()
        .filter(status__in=Status.closing())
        .values_list("pk", flat=True)
    )
    waiting = set(
        ClosureProposal.objects.waiting()
        .filter(recommendation_id__in=ids)
        .values_list("recommendation_id", flat=True)
    )
    for e in proposing:
        number = {"number": e.recommendation.reference}
        if e.proposed_status not in Status.closing():
            errors.append(
                gettext("Recommendation %(number)s: choose achieved, not achieved or superseded")
                % number
            )
        if not e.evidence.strip():
            errors.append(PROPOSAL_NEEDS_EVIDENCE % number)
        if e.new_status in Status.closing() or e.recommendation.pk in closed:
            errors.append(
                gettext("Recommendation %(number)s is closed already: there is nothing to propose")
                % number
            )
        elif e.recommendation.pk in waiting:
            errors.append(
                gettext("Recommendation %(number)s is already proposed for sign-off") % number
            )
    return errors


def _propose(actor: User, rows: list[UpdateEntry], entries: list[EntryInput], reason: str):
    """Save the closures the saved entries ``rows`` propose (in the caller's transaction),
    in one insert and one of their history. Their rules were checked beforehand
    (``_proposal_errors``) and stay in the database (one waiting per recommendation, a
    closing status, evidence), whose refusal rolls the whole update back."""
    if not any(e.proposed_status for e in entries):
        return
    saved = dict(
        UpdateEntry.all_objects.filter(update=rows[0].update).values_list("recommendation_id", "pk")
    )
    proposals = [
        ClosureProposal(
            recommendation=e.recommendation,
            entry_id=saved[e.recommendation.pk],
            status=e.proposed_status,
            evidence=e.evidence.strip(),
            proposed_by=actor,
        )
        for e in entries
        if e.proposed_status
    ]
    bulk_create_with_history(
        proposals,
        ClosureProposal,
        default_user=actor,
        default_change_reason=change_reason(reason),
    )


def proposal_withdraw(*, proposal: ClosureProposal, actor: User) -> ClosureProposal:
    """Withdraw a closure proposed for sign-off: the recommendation is no longer waiting
    for the committee. Rules: the proposer, or the council's democratic services (and
    admins); only a proposal still waiting. Its history keeps who and when."""
    if not can_withdraw_proposal(actor, proposal):
        raise PermissionDenied(gettext("You cannot withdraw this proposal."))
    with transaction.atomic():
        current = ClosureProposal.objects.select_for_update().get(pk=proposal.pk)
        if current.state != ProposalState.PROPOSED:
            raise ValidationError(gettext("This proposal is no longer waiting for sign-off."))
        current.state = ProposalState.WITHDRAWN
        current.decided_by, current.decided_at = actor, timezone.now()
        current._history_user = actor
        current._change_reason = "Withdrawn"
        current.save()
    return current


def _withdraw_proposed_in(update: ProgressUpdate, actor: User) -> None:
    """Withdraw the closures a deleted update proposed that still wait: a new proposal on
    the recommendation must not be refused for one nobody can see."""
    for proposal in ClosureProposal.objects.filter(entry__update=update, state="proposed"):
        proposal.state = ProposalState.WITHDRAWN
        proposal.decided_by, proposal.decided_at = actor, timezone.now()
        proposal._history_user = actor
        proposal._change_reason = "Withdrawn: its update was deleted"
        proposal.save()


def _reason_given(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": gettext("Say why it is being deleted")})
    return reason


def _mark(
    obj: Recommendation | ProgressUpdate, *, actor: User, deleted: bool, reason: str = ""
) -> None:
    """Delete ``obj`` softly (or restore it), recording who and why in its history. Its
    version moves on (``obj`` is locked), so an edit form opened before cannot save over the
    deletion, or the restore, without its conflict page saying so."""
    obj.deleted_at = timezone.now() if deleted else None
    obj.deleted_by = actor if deleted else None
    obj.deletion_reason = reason if deleted else ""
    obj.version += 1
    obj._history_user = actor
    obj._change_reason = change_reason(f"Deleted: {reason}" if deleted else "Restored")
    obj.save(update_fields=["deleted_at", "deleted_by", "deletion_reason", "version"])


def recommendation_delete(
    *, recommendation: Recommendation, actor: User, reason: str
) -> Recommendation:
    """Delete a recommendation softly: it and what updates said of it disappear from every
    page, list, count, status, pack and export, but nothing is lost, and democratic
    services can restore it exactly. Its reference stays taken meanwhile.

    Rules: only democratic services of its council (and administrators) may; a reason is
    required; a deleted recommendation cannot be deleted again.
    """
    if not can_manage(actor, recommendation):
        raise PermissionDenied(gettext("Only the council's democratic services can delete it."))
    reason = _reason_given(reason)
    with transaction.atomic():
        current = Recommendation.all_objects.select_for_update().get(pk=recommendation.pk)
        if current.deleted_at is not None:
            raise ValidationError(gettext("This recommendation has already been deleted."))
        _mark(current, actor=actor, deleted=True, reason=reason)
        timeline_rebuild(recommendations=[current.pk])
    return current


def recommendation_restore(*, recommendation: Recommendation, actor: User) -> Recommendation:
    """Bring back a deleted recommendation as it was, with what updates said of it (its
    status follows from them again).

    Rules: only democratic services of its council (and administrators) may; only a
    deleted recommendation can be restored.
    """
    if not can_manage(actor, recommendation):
        raise PermissionDenied(gettext("Only the council's democratic services can restore it."))
    with transaction.atomic():
        current = Recommendation.all_objects.select_for_update().get(pk=recommendation.pk)
        if current.deleted_at is None:
            raise ValidationError(gettext("This recommendation is not deleted."))
        _mark(current, actor=actor, deleted=False)
        timeline_rebuild(recommendations=[current.pk])
    return current


def update_delete(*, update: ProgressUpdate, actor: User, reason: str) -> ProgressUpdate:
    """Delete a progress update softly: it disappears from every page, and what it said no
    longer counts towards any recommendation's status or last update, until democratic
    services restore it.

    Rules: democratic services who manage every recommendation it covers (and
    administrators) may, and so may the person who recorded it; a reason is required; a
    deleted update cannot be deleted again. Closures it proposed that still wait are
    withdrawn.
    """
    if not can_delete_update(actor, update):
        raise PermissionDenied(gettext("You cannot delete this update."))
    reason = _reason_given(reason)
    with transaction.atomic():
        current = ProgressUpdate.all_objects.select_for_update().get(pk=update.pk)
        if current.deleted_at is not None:
            raise ValidationError(gettext("This update has already been deleted."))
        _mark(current, actor=actor, deleted=True, reason=reason)
        _withdraw_proposed_in(current, actor)
        timeline_rebuild(recommendations=_spoken_of(current))
    return current


def update_restore(*, update: ProgressUpdate, actor: User) -> ProgressUpdate:
    """Bring back a deleted progress update as it was: it counts again towards the status
    of each recommendation it covers.

    Rules: only democratic services who manage every recommendation it covers (and
    administrators) may; only a deleted update can be restored.
    """
    if not can_restore_update(actor, update):
        raise PermissionDenied(gettext("Only democratic services can restore this update."))
    with transaction.atomic():
        current = ProgressUpdate.all_objects.select_for_update().get(pk=update.pk)
        if current.deleted_at is None:
            raise ValidationError(gettext("This update is not deleted."))
        _mark(current, actor=actor, deleted=False)
        timeline_rebuild(recommendations=_spoken_of(current))
    return current


# --- The status timeline ------------------------------------------------------------------

TIMELINE_BATCH = 1000


def _ids(recommendations) -> list[int]:
    """Ids, from recommendations, their ids, or a queryset of either."""
    if (
        isinstance(recommendations, models.QuerySet)
        and recommendations.model is Recommendation
        and recommendations._iterable_class is models.query.ModelIterable
    ):
        recommendations = recommendations.values_list("pk", flat=True)
    return sorted({getattr(r, "pk", r) for r in recommendations})


def timeline_rebuild(*, recommendations=None, batch_size: int = TIMELINE_BATCH) -> int:
    """Rewrite the status timeline (``StatusPeriod``) of ``recommendations`` (objects, ids
    or a queryset; None: every one, deleted ones too) from their entries, which stay the
    source of truth; return the number of periods written.

    Every write that changes what a timeline holds calls it, in its own transaction, for
    the recommendations it touched: an update logged, deleted or restored; a
    recommendation deleted or restored; an entry or update corrected or moved in the admin;
    an agenda item made exempt or public (``recommendations.signals``).
    """
    # No savepoint: a caller's transaction rolls back whole, and a page's query count
    # stays three more (read, delete, insert) than without the timeline.
    with transaction.atomic(savepoint=False):
        if recommendations is None:
            StatusPeriod.objects.all().delete()
            ids = list(Recommendation.all_objects.order_by("pk").values_list("pk", flat=True))
        else:
            ids = _ids(recommendations)
            if not ids:
                return 0
        written = 0
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            if recommendations is not None:
                StatusPeriod.objects.filter(recommendation_id__in=batch).delete()
            periods = timeline_periods(batch)
            StatusPeriod.objects.bulk_create(periods, batch_size=batch_size)
            written += len(periods)
    return written


def _spoken_of(update: ProgressUpdate) -> list[int]:
    """The recommendations an update's entries speak of (deleted ones too)."""
    return list(
        UpdateEntry.all_objects.filter(update=update).values_list("recommendation_id", flat=True)
    )


def status_words_set(
    *, actor: User, council, words: dict[str, tuple[str, str]]
) -> list[StatusWord]:
    """Set ``council``'s words for our statuses, all or nothing: ``words`` maps a status to
    its (English, Welsh) words; a status given neither, or left out, keeps our word.

    Each word is checked by ``full_clean`` (a Welsh word needs an English one; only a
    council names statuses); the errors come back keyed ``label_<status>`` or
    ``label_cy_<status>``, as the form names its fields.
    """
    if not can_edit_status_words(actor, council):
        raise PermissionDenied(gettext("Only the council's democratic services can do this."))
    kept = {w.status: w for w in StatusWord.objects.filter(council=council)}
    keep, errors = [], {}
    for status in Status.values:
        label, label_cy = (part.strip() for part in words.get(status, ("", "")))
        if not label and not label_cy:
            continue
        word = kept.get(status) or StatusWord(council=council, status=status)
        word.label, word.label_cy = label, label_cy
        try:
            word.full_clean(validate_unique=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                name = f"{field}_{status}" if field in ("label", "label_cy") else NON_FIELD
                errors.setdefault(name, []).extend(messages)
        keep.append(word)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for status, word in kept.items():
            if status not in {w.status for w in keep}:
                word._history_user = actor
                word.delete()
        for word in keep:
            word._history_user = actor
            word.save()
    return keep


# Correcting an update lives beside these (this module would pass ~500 lines with it) and
# uses their helpers, so it is imported once they are defined.
from recommendations.services.corrections import update_correct as update_correct  # noqa: E402

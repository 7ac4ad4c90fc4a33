"""Correcting a progress update in place, instead of deleting it and logging it again: its
own facts and what each entry said, with the same rules as logging one. Its history (and
each entry's) records who corrected it, when and what changed.

Beside ``recommendations.services`` (which would pass ~500 lines with it, and re-exports
``update_correct``); it uses that module's helpers.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from simple_history.utils import bulk_update_with_history

from partnerships.models import User
from recommendations.models import (
    ClosureProposal,
    ProgressUpdate,
    Status,
    UpdateEntry,
)
from recommendations.permissions import correction_refusal
from recommendations.services import (
    EntryInput,
    change_reason,
    entry_rule_errors,
    timeline_rebuild,
)
from scrutiny.common.locking import save_if_current

# The change reason of a correction in the update's history, which the update page reads.
CORRECTED = "Corrected"
ENTRY_FIELDS = ["text", "text_cy", "new_status", "revised_target_date", "reason"]


def _entry_errors(actor: User, rows: list[UpdateEntry], waiting: set[int]) -> list[str]:
    """The rules of logging (``ENTRY_NEEDS``, closing only by democratic services and at
    a meeting, UpdateEntry.clean) for the corrected ``rows``, and a closing status not on
    a recommendation waiting for sign-off (the proposal is kept: withdraw it first)."""
    errors = entry_rule_errors(actor, rows)
    for row in rows:
        number = {"number": row.recommendation.reference}
        if row.new_status in Status.closing() and row.recommendation_id in waiting:
            errors.append(
                gettext(
                    "Recommendation %(number)s is waiting for sign-off: withdraw the proposal "
                    "before recording a closing status"
                )
                % number
            )
        try:
            row.clean()
        except ValidationError as error:
            errors += error.messages
    return errors


def update_correct(
    *,
    update: ProgressUpdate,
    version: int | None,
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
) -> ProgressUpdate:
    """Correct ``update`` as ``actor``, all or nothing, if its stored version is still
    ``version`` (else ``EditConflict``, nothing written).

    Rules: ``can_correct_update``; exactly the recommendations it already covers (adding
    or removing one is not a correction); the rules of logging one (``update_create``:
    the meeting's date at an agenda item, ``ENTRY_NEEDS``, a closing status only by
    democratic services at a meeting); a closing status not while the recommendation
    waits for sign-off. Closure proposals stay with their entries. The history records
    the actor, and the status timeline of its recommendations is rebuilt.
    """
    refusal = correction_refusal(actor, update)
    if refusal is not None:
        raise PermissionDenied(refusal)
    rows = {
        row.recommendation_id: row
        for row in UpdateEntry.objects.filter(update=update).select_related(
            "recommendation__review__committee"
        )
    }
    if sorted(rows) != sorted(e.recommendation.pk for e in entries):
        raise ValidationError(
            gettext("A correction cannot add or remove recommendations from an update.")
        )
    if item is not None:
        given_on = item.meeting.date
    update.given_on, update.kind, update.organisation = given_on, kind, organisation
    update.given_by_role, update.given_by_name, update.item = given_by_role, given_by_name, item
    update.summary, update.summary_cy = summary, summary_cy
    for e in entries:
        row = rows[e.recommendation.pk]
        row.update = update
        row.text, row.text_cy, row.new_status = e.text, e.text_cy, e.new_status
        row.revised_target_date, row.reason = e.revised_target_date, e.reason
    waiting = set(
        ClosureProposal.objects.waiting()
        .filter(recommendation_id__in=rows)
        .values_list("recommendation_id", flat=True)
    )
    errors = _entry_errors(actor, list(rows.values()), waiting)
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))
    reason = change_reason(CORRECTED)

    def save():
        update._history_user, update._change_reason = actor, reason
        update.save()
        # One update and one insert of history however many entries it has.
        bulk_update_with_history(
            list(rows.values()),
            UpdateEntry,
            ENTRY_FIELDS,
            default_user=actor,
            default_change_reason=reason,
        )
        timeline_rebuild(recommendations=list(rows))

    save_if_current(update, version, save)
    return update


def last_correction(update: ProgressUpdate):
    """The newest history record of ``update`` made by a correction (who: ``history_user``,
    when: ``history_date``), or None if it was never corrected."""
    return (
        update.history.filter(history_change_reason=CORRECTED)
        .select_related("history_user")
        .order_by("-history_date", "-pk")
        .first()
    )

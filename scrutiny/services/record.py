"""Recording what happened at a meeting, all or nothing."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_update_with_history

from partnerships.models import Organisation, User
from recommendations.models import ProgressUpdate
from recommendations.services import EntryInput, update_create
from scrutiny.common.locking import move_versions_on
from scrutiny.common.once import form_token_result, form_token_spend
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Meeting,
)
from scrutiny.permissions import can_manage_council
from scrutiny.services.signoff import SignOffRecord, proposals_decide


@dataclass(frozen=True)
class UpdateRecord:
    """An update given at an agenda item: who gave it, how, and what it said of each
    recommendation it covered."""

    kind: str
    organisation: Organisation
    given_by_role: str
    entries: Sequence[EntryInput]
    given_by_name: str = ""
    summary: str = ""


@dataclass(frozen=True)
class ActionRecord:
    """An action the committee agreed at an item: due by a date, at a later meeting of the
    committee, or (neither) "at a future meeting"."""

    text: str
    falls_to: str = ""
    falls_to_organisation: Organisation | None = None
    due_on: datetime.date | None = None
    due_meeting: Meeting | None = None


@dataclass(frozen=True)
class ItemRecord:
    """What happened at one agenda item: updates given, actions agreed, and the earlier
    actions the item delivered."""

    item: AgendaItem
    updates: Sequence[UpdateRecord] = ()
    actions: Sequence[ActionRecord] = ()
    delivered: Sequence[AgreedAction] = ()
    sign_offs: Sequence[SignOffRecord] = ()

    @property
    def anything(self) -> bool:
        return bool(self.updates or self.actions or self.delivered or self.sign_offs)


@dataclass(frozen=True)
class RecordResult:
    """What ``meeting_record`` saved."""

    updates: list[ProgressUpdate]
    actions: list[AgreedAction]
    delivered: list[AgreedAction]
    entry_count: int
    decided: list = ()

    def summary(self) -> str:
        """What was recorded, as the success message says it: "Recorded 1 update covering
        8 recommendations, 1 agreed action, 1 action delivered"."""

        parts = []
        if self.updates:
            n, covered = len(self.updates), self.entry_count
            recommendations = ngettext(
                "%(count)s recommendation", "%(count)s recommendations", covered
            ) % {"count": covered}
            parts.append(
                ngettext(
                    "%(count)s update covering %(recommendations)s",
                    "%(count)s updates covering %(recommendations)s",
                    n,
                )
                % {"count": n, "recommendations": recommendations}
            )
        if self.actions:
            n = len(self.actions)
            parts.append(
                ngettext("%(count)s agreed action", "%(count)s agreed actions", n) % {"count": n}
            )
        if self.delivered:
            n = len(self.delivered)
            parts.append(
                ngettext("%(count)s action delivered", "%(count)s actions delivered", n)
                % {"count": n}
            )
        signed = sum(1 for p in self.decided if p.state == "signed_off")
        if signed:
            parts.append(
                ngettext("%(count)s signed off", "%(count)s signed off", signed) % {"count": signed}
            )
        if declined := len(self.decided) - signed:
            parts.append(
                ngettext("%(count)s sign-off declined", "%(count)s sign-offs declined", declined)
                % {"count": declined}
            )
        return gettext("Recorded %(what)s") % {"what": ", ".join(parts)}


NOTHING_TO_RECORD = _(
    "Nothing to record: say what was reported on a recommendation, add an action the "
    "committee agreed, or tick an action an item delivered."
)


def _at_item(number: int, message: str) -> str:
    """A message about a recommendation, placed at its item: "Item 7, recommendation 10: ..."."""
    return gettext("Item %(number)s, %(message)s") % {
        "number": number,
        "message": f"{message[:1].lower()}{message[1:]}",
    }


def _action_errors(action: AgreedAction, due: ActionRecord) -> list[str]:
    """What is wrong with a new agreed action, as fragments to follow "Item 7, agreed action
    1: ": the row's input first, then the model's rules (``AgreedAction.clean``)."""
    if not due.text.strip():
        return [gettext("enter what the committee agreed")]
    errors = []
    if due.due_on and due.due_meeting:
        errors.append(gettext("choose a due date or a meeting, not both"))
    try:
        action.full_clean()
    except ValidationError as error:
        errors += [f"{m[:1].lower()}{m[1:]}" for m in error.messages]
    return errors


def meeting_record(
    *,
    meeting: Meeting,
    actor: User,
    items: Sequence[ItemRecord],
    form_token: str | None = None,
) -> RecordResult:
    """Record what happened at a meeting, item by item, all or nothing: the updates given
    (each through ``update_create``, which checks its own rules), the actions the committee
    agreed, the earlier actions the meeting received (delivered on its date, at it), and the
    committee's sign-off or decline of closures proposed (``proposals_decide``).

    Rules: only democratic services of the committee's council (and administrators) may
    record (PermissionDenied); the meeting has taken place and was not cancelled; there is
    something to record; each item is on the meeting's agenda; an update speaks only of
    recommendations of the reviews its item takes (its main review and those it also
    reports on); a new action says what was agreed and is due by a date on or after the
    meeting, or at a later meeting of the committee; an action marked
    delivered is the committee's, still outstanding, agreed at an earlier meeting, and
    ticked at one item only. Every broken rule is collected into one ValidationError, keyed
    ``item-<number>`` for an item's own (NON_FIELD_ERRORS for the rest), and then nothing is
    saved. ``form_token``, the screen's one-time token, is spent in the same transaction:
    the screen sent twice records once (``AlreadySent``, ``scrutiny.common.once``).
    """
    if not can_manage_council(actor, meeting.committee.council_id):
        raise PermissionDenied(
            gettext("Only the council's democratic services can record a meeting.")
        )
    errors: dict[str, list[str]] = {}

    def fail(message: str, item: AgendaItem | None = None) -> None:
        errors.setdefault(f"item-{item.number}" if item else NON_FIELD_ERRORS, []).append(message)

    if meeting.cancelled:
        fail(gettext("This meeting was cancelled, so nothing can be recorded at it."))
    if meeting.date > timezone.localdate():
        fail(gettext("This meeting has not taken place yet: record what happened once it has."))
    if not any(r.anything for r in items):
        fail(str(NOTHING_TO_RECORD))
    if errors:
        raise ValidationError(errors)

    updates: list[ProgressUpdate] = []
    actions: list[AgreedAction] = []
    entry_count = 0
    decided = []
    with transaction.atomic():
        sent = form_token_spend(form_token)
        for record in items:
            item = record.item
            if item.meeting_id != meeting.pk:
                fail(
                    gettext("Item %(number)s (%(title)s) is not on this meeting's agenda.")
                    % {"number": item.number, "title": item.title}
                )
                continue
            for update in record.updates:
                taken = item.review_ids
                strangers = [
                    e.recommendation.reference
                    for e in update.entries
                    if e.recommendation.review_id not in taken
                ]
                for number in strangers:
                    fail(
                        gettext(
                            "Item %(item)s: recommendation %(number)s is not one of the review "
                            "this item reports on."
                        )
                        % {"item": item.number, "number": number},
                        item,
                    )
                unsaid = [e.recommendation.reference for e in update.entries if not e.text.strip()]
                for number in unsaid:
                    fail(
                        gettext("Item %(item)s, recommendation %(number)s: say what was said.")
                        % {"item": item.number, "number": number},
                        item,
                    )
                if strangers or unsaid:
                    continue
                try:
                    created = update_create(
                        actor=actor,
                        given_on=meeting.date,
                        kind=update.kind,
                        organisation=update.organisation,
                        given_by_role=update.given_by_role,
                        given_by_name=update.given_by_name,
                        item=item,
                        summary=update.summary,
                        entries=list(update.entries),
                        reason="Recorded on the meeting record screen",
                    )
                except ValidationError as error:
                    for message in error.messages:
                        fail(_at_item(item.number, message), item)
                else:
                    updates.append(created)
                    entry_count += len(update.entries)
            for row, action in enumerate(record.actions, start=1):
                agreed = AgreedAction(
                    meeting=meeting,
                    item=item,
                    review=item.review,
                    text=action.text.strip(),
                    falls_to=action.falls_to.strip(),
                    falls_to_organisation=action.falls_to_organisation,
                    due_on=action.due_on,
                    due_meeting=action.due_meeting,
                )
                problems = _action_errors(agreed, action)
                for problem in problems:
                    fail(
                        gettext("Item %(item)s, agreed action %(row)s: %(problem)s.")
                        % {"item": item.number, "row": row, "problem": problem},
                        item,
                    )
                if not problems:
                    agreed.save()
                    actions.append(agreed)
            decided += proposals_decide(
                item=item,
                actor=actor,
                decisions=record.sign_offs,
                fail=lambda message, item=item: fail(message, item),
            )
        delivered = _deliver(meeting, items, fail, actor)
        if errors:
            # Raised inside the transaction, so that whatever was written is rolled back.
            raise ValidationError(errors)
        form_token_result(sent, meeting.get_absolute_url())
    return RecordResult(
        updates=updates,
        actions=actions,
        delivered=delivered,
        entry_count=entry_count,
        decided=decided,
    )


def _deliver(
    meeting: Meeting, items: Sequence[ItemRecord], fail, actor: User
) -> list[AgreedAction]:
    """Mark the actions ticked at the meeting's items delivered at it, after checking each
    (locked, so that two people recording at once cannot both deliver it) and that each is
    still the version the caller read: one someone else changed since is refused. Each
    delivered action's version moves on, so an edit form opened before conflicts."""
    seen = {a.pk: a.version for r in items for a in r.delivered}
    ticked = [(r.item, a.pk) for r in items for a in r.delivered]
    if not ticked:
        return []
    current = {
        a.pk: a
        for a in AgreedAction.objects.select_for_update(of=("self",))
        .select_related("meeting")
        .filter(pk__in={pk for _, pk in ticked})
    }
    done: set[int] = set()
    good: list[AgreedAction] = []
    for item, pk in ticked:
        action = current.get(pk)
        words = {"item": item.number, "action": action}
        if action is None or action.meeting.committee_id != meeting.committee_id:
            fail(
                gettext("Item %(item)s: that action is not one of this committee's.") % words, item
            )
        elif action.version != seen[pk]:
            fail(
                gettext(
                    "Item %(item)s: “%(action)s” was changed by someone else after this page "
                    "was opened: check it and tick it again if it was delivered."
                )
                % words,
                item,
            )
        elif action.delivered_on is not None:
            fail(gettext("Item %(item)s: “%(action)s” has already been delivered.") % words, item)
        elif action.meeting.date >= meeting.date:
            fail(
                gettext("Item %(item)s: “%(action)s” was not agreed before this meeting.") % words,
                item,
            )
        elif pk in done:
            fail(
                gettext("Item %(item)s: “%(action)s” is ticked at more than one item.") % words,
                item,
            )
        else:
            good.append(action)
        done.add(pk)
    # Locked above; on SQLite, which cannot lock a row, this check is what stops a race.
    for action in move_versions_on(good):
        fail(
            gettext("“%(record)s” was changed by someone else just now: try again.")
            % {"record": action}
        )
    for action in good:
        action.delivered_on, action.delivered_meeting = meeting.date, meeting
        try:  # the action's own rules (AgreedAction.clean), as its form keeps them
            action.full_clean()
        except ValidationError as error:
            for message in error.messages:
                fail(message)
    bulk_update_with_history(
        good,
        AgreedAction,
        ["delivered_on", "delivered_meeting"],
        default_user=actor,
        default_change_reason="Delivered at the meeting",
    )
    return good

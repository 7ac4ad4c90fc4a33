"""Writes of the scrutiny process that check rules or touch several models, each all or
nothing."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from partnerships.locking import move_versions_on, save_if_current
from partnerships.models import Organisation
from recommendations.models import ProgressUpdate
from recommendations.services import EntryInput, update_create
from scrutiny.due import action_item_description, action_item_title, due_list, progress_item_title
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Review,
)

# --- Executive decisions (reviews-and-decisions helper) ------------------------------------


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
    of the committee it is referred to), or administrators, may save it; the agenda item it
    was referred to belongs to that committee; there is at least one resolution; numbers
    are unique within the resolutions and within the reasons; the minute number is unique
    for the deciding committee. The points given replace the decision's previous ones, so
    renumbering (swapping 1 and 2) never trips over the unique numbers part-way. Changing
    a saved decision needs the ``version`` the user loaded: when someone else saved it
    since, ``partnerships.locking.EditConflict`` is raised and nothing is written.
    """
    council_ids = {decision.decided_by.council_id}
    if decision.referred_to_id:
        council_ids.add(decision.referred_to.council_id)
    if not saved_by.is_authenticated or not all(saved_by.manages_council(c) for c in council_ids):
        raise PermissionDenied(
            gettext("Only democratic services of the council can record decisions.")
        )
    errors = []
    if decision.referred_to_item_id and (
        decision.referred_to_item.meeting.committee_id != decision.referred_to_id
    ):
        errors.append(
            gettext("The agenda item must be one of the committee the decision was referred to.")
        )
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
            decided_by_id=decision.decided_by_id, minute_number=decision.minute_number
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


# --- Agenda items added from a meeting's due list (meeting-cycle helper) -------------------


def agenda_items_add_from_due(
    *,
    meeting: Meeting,
    reviews: Sequence[Review],
    actions: Sequence[AgreedAction],
    user,
) -> list[AgendaItem]:
    """Add to ``meeting``'s agenda, numbered after its last item, one item for each chosen
    review ("<title>: progress on recommendations", linked to the review) and one for each
    chosen agreed action, titled from it. An action about a review that is chosen too, or
    already on the agenda, is taken at that review's item instead (its description says what
    was agreed), unless it was agreed at an exempt item: then it keeps an exempt item of its
    own, so that a public item never shows exempt business. Each chosen action is placed at
    the meeting: ``due_meeting`` set and ``due_on`` cleared, since an action is due by a date
    or at a meeting, never both (as ``AgreedActionForm`` insists). All or nothing.

    Returns the items added and the items that take an action, in number order; each has
    ``added``: True when it is new.

    Rules: only democratic services of the committee's council (and administrators) may; not
    at a cancelled meeting; something must be chosen; every chosen review and action must
    be due at this meeting (``scrutiny.due.due_list``) and not already on its agenda; and
    each chosen action must still be as the caller read it (its version): one someone else
    changed since is refused. The actions placed, and an existing item that takes one, move
    their versions on, so an edit form opened before conflicts instead of undoing this.
    """
    if not user.is_authenticated or not user.manages_council(meeting.committee.council_id):
        raise PermissionDenied(
            gettext("Only the council's democratic services can change the agenda.")
        )
    if meeting.cancelled:
        raise ValidationError(
            gettext("This meeting was cancelled: nothing can be added to its agenda.")
        )
    if not reviews and not actions:
        raise ValidationError(
            gettext("Choose at least one review or agreed action to add to the agenda")
        )
    with transaction.atomic():
        # Lock the meeting: two people adding at once must not take the same item numbers.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).exists()
        due = due_list(meeting, user)
        due_reviews = {r.review.pk: r for r in due.reviews}
        due_actions = {a.pk: a for a in due.actions}
        errors = []
        for review in reviews:
            if review.pk not in due_reviews:
                errors.append(
                    gettext("“%(review)s” has no recommendation due at this meeting")
                    % {"review": review}
                )
            elif due_reviews[review.pk].item is not None:
                item = due_reviews[review.pk].item
                errors.append(
                    gettext("“%(review)s” is already on the agenda, at item %(number)s")
                    % {"review": review, "number": item.number}
                )
        for action in actions:
            if action.pk in due_actions and due_actions[action.pk].version != action.version:
                errors.append(
                    gettext(
                        "“%(action)s” was changed by someone else after this page was opened: "
                        "check it and choose it again if it should still be added"
                    )
                    % {"action": due_actions[action.pk]}
                )
            elif action.pk not in due_actions:
                errors.append(
                    gettext("“%(action)s” is not due at this meeting") % {"action": action}
                )
            elif due_actions[action.pk].delivered_on:
                errors.append(
                    gettext("“%(action)s” has already been delivered") % {"action": action}
                )
            elif due_actions[action.pk].item_here is not None:
                item = due_actions[action.pk].item_here
                errors.append(
                    gettext("“%(action)s” is already on the agenda, at item %(number)s")
                    % {"action": action, "number": item.number}
                )
        if errors:
            raise ValidationError(errors)

        number = meeting.items.aggregate(n=Max("number"))["n"] or 0
        chosen = sorted((due_reviews[r.pk] for r in reviews), key=lambda d: d.review.title)
        by_review: dict[int, AgendaItem] = {}
        for item in reversed(due.items):  # the review's first item on the agenda takes it
            if item.review_id:
                item.added = False
                by_review[item.review_id] = item
        items = []
        for due_review in chosen:
            number += 1
            numbers = due_review.numbers
            item = AgendaItem(
                meeting=meeting,
                number=number,
                title=progress_item_title(due_review.review),
                review=due_review.review,
                description=f"Progress on the recommendations whose next update is due: "
                f"{'number' if len(due_review.recommendations) == 1 else 'numbers'} {numbers}.",
            )
            item.added = True
            by_review[due_review.review.pk] = item
            items.append(item)
        for action in sorted((due_actions[a.pk] for a in actions), key=lambda a: a.pk):
            action.due_meeting = meeting
            exempt = action.item_id is not None and action.item.exempt
            if action.review_id in by_review and not exempt:
                taken_at = by_review[action.review_id]
                description = action_item_description(action)
                taken_at.description = "\n\n".join(
                    filter(None, [taken_at.description, description])
                )
                if taken_at not in items:
                    items.append(taken_at)
                continue
            number += 1
            item = AgendaItem(
                meeting=meeting,
                number=number,
                title=action_item_title(action),
                review=action.review,
                description=action_item_description(action),
                exempt=exempt,
                exempt_reason=action.item.exempt_reason if exempt else "",
            )
            item.added = True
            items.append(item)
        placed = [due_actions[a.pk] for a in actions]
        changed = move_versions_on([*(i for i in items if not i.added), *placed])
        if changed:
            raise ValidationError(
                [
                    gettext("“%(record)s” was changed by someone else just now: try again")
                    % {"record": r}
                    for r in changed
                ]
            )
        for item in items:
            item.full_clean(validate_unique=False, validate_constraints=False)
            item.save(update_fields=None if item.added else ["description"])
        for action in placed:
            action.due_meeting, action.due_on = meeting, None
        bulk_update_with_history(
            placed,
            AgreedAction,
            ["due_meeting", "due_on"],
            default_user=user,
            default_change_reason="Placed on the agenda from the meeting's due list",
        )
    return sorted(items, key=lambda i: i.number)


# --- Recording what happened at a meeting (meeting-record helper) --------------------------


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


@dataclass(frozen=True)
class RecordResult:
    """What ``meeting_record`` saved."""

    updates: list[ProgressUpdate]
    actions: list[AgreedAction]
    delivered: list[AgreedAction]
    entry_count: int

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


def _action_errors(action: ActionRecord, meeting: Meeting) -> list[str]:
    errors = []
    if not action.text.strip():
        errors.append(gettext("enter what the committee agreed"))
    if action.due_on and action.due_meeting:
        errors.append(gettext("choose a due date or a meeting, not both"))
    if action.due_on and action.due_on < meeting.date:
        errors.append(gettext("the due date must be on or after the meeting that agreed it"))
    if action.due_meeting and (
        action.due_meeting.committee_id != meeting.committee_id
        or action.due_meeting.date <= meeting.date
    ):
        errors.append(gettext("choose a later meeting of the committee"))
    return errors


def meeting_record(*, meeting: Meeting, user, items: Sequence[ItemRecord]) -> RecordResult:
    """Record what happened at a meeting, item by item, all or nothing: the updates given
    (each through ``update_create``, which checks its own rules), the actions the committee
    agreed, and the earlier actions the meeting received (delivered on its date, at it).

    Rules: only democratic services of the committee's council (and administrators) may
    record (PermissionDenied); the meeting has taken place and was not cancelled; there is
    something to record; each item is on the meeting's agenda; an update speaks only of
    recommendations of its item's review; a new action says what was agreed and is due by a
    date on or after the meeting, or at a later meeting of the committee; an action marked
    delivered is the committee's, still outstanding, agreed at an earlier meeting, and
    ticked at one item only. Every broken rule is collected into one ValidationError, keyed
    ``item-<number>`` for an item's own (NON_FIELD_ERRORS for the rest), and then nothing is
    saved.
    """
    if not (user.is_authenticated and user.manages_council(meeting.committee.council_id)):
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
    if not any(r.updates or r.actions or r.delivered for r in items):
        fail(str(NOTHING_TO_RECORD))
    if errors:
        raise ValidationError(errors)

    updates: list[ProgressUpdate] = []
    actions: list[AgreedAction] = []
    entry_count = 0
    with transaction.atomic():
        for record in items:
            item = record.item
            if item.meeting_id != meeting.pk:
                fail(
                    gettext("Item %(number)s (%(title)s) is not on this meeting's agenda.")
                    % {"number": item.number, "title": item.title}
                )
                continue
            for update in record.updates:
                strangers = [
                    e.recommendation.number
                    for e in update.entries
                    if item.review_id is None or e.recommendation.review_id != item.review_id
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
                unsaid = [e.recommendation.number for e in update.entries if not e.text.strip()]
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
                        recorded_by=user,
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
                problems = _action_errors(action, meeting)
                for problem in problems:
                    fail(
                        gettext("Item %(item)s, agreed action %(row)s: %(problem)s.")
                        % {"item": item.number, "row": row, "problem": problem},
                        item,
                    )
                if not problems:
                    actions.append(
                        AgreedAction.objects.create(
                            meeting=meeting,
                            item=item,
                            review=item.review,
                            text=action.text.strip(),
                            falls_to=action.falls_to.strip(),
                            falls_to_organisation=action.falls_to_organisation,
                            due_on=action.due_on,
                            due_meeting=action.due_meeting,
                        )
                    )
        delivered = _deliver(meeting, items, fail, user)
        if errors:
            # Raised inside the transaction, so that whatever was written is rolled back.
            raise ValidationError(errors)
    return RecordResult(
        updates=updates, actions=actions, delivered=delivered, entry_count=entry_count
    )


def _deliver(meeting: Meeting, items: Sequence[ItemRecord], fail, user) -> list[AgreedAction]:
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
    bulk_update_with_history(
        good,
        AgreedAction,
        ["delivered_on", "delivered_meeting"],
        default_user=user,
        default_change_reason="Delivered at the meeting",
    )
    return good


# --- end of meeting record services ------------------------------------------------------

"""Agenda items added from a meeting's due list."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext
from simple_history.utils import bulk_update_with_history

from partnerships.models import User
from scrutiny.common.locking import move_versions_on
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Meeting,
    Review,
)
from scrutiny.permissions import can_manage_council
from scrutiny.selectors.due import (
    action_item_description,
    action_item_title,
    due_list,
    progress_item_title,
)
from scrutiny.visibility import agreed_in_private


def agenda_items_add_from_due(
    *,
    meeting: Meeting,
    reviews: Sequence[Review],
    actions: Sequence[AgreedAction],
    actor: User,
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
        be due at this meeting (``scrutiny.selectors.due.due_list``) and not already on its agenda;
    no chosen review may be a draft (an agenda is public, and the item would be titled after it);
        the items and actions keep their own rules (``full_clean``); and
        each chosen action must still be as the caller read it (its version): one someone else
        changed since is refused. The actions placed, and an existing item that takes one, move
        their versions on, so an edit form opened before conflicts instead of undoing this.
    """
    if not can_manage_council(actor, meeting.committee.council_id):
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
        due = due_list(meeting, actor)
        due_reviews = {r.review.pk: r for r in due.reviews}
        due_actions = {a.pk: a for a in due.actions}
        errors = []
        for review in reviews:
            if not review.published:
                # An agenda is public: the item's title would print the draft's in the
                # public pack.
                errors.append(
                    gettext(
                        "“%(review)s” is a draft review: publish it before adding it to the "
                        "agenda, or add an item yourself"
                    )
                    % {"review": review}
                )
            elif review.pk not in due_reviews:
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
            item.added = False
            for pk in item.review_ids:  # its main review and those it also reports on
                by_review[pk] = item
        items = []
        for due_review in chosen:
            number += 1
            numbers = due_review.numbers
            item = AgendaItem(
                meeting=meeting,
                number=number,
                title=progress_item_title(due_review.review),
                review=due_review.review,
                description=f"Progress on the recommendations whose next update is due: {numbers}.",
            )
            item.added = True
            by_review[due_review.review.pk] = item
            items.append(item)
        for action in sorted((due_actions[a.pk] for a in actions), key=lambda a: a.pk):
            action.due_meeting = meeting
            exempt = agreed_in_private(action)
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
        for action in placed:
            action.due_meeting, action.due_on = meeting, None
        # The records' own rules, as any form's: numbers free and from 1, an exempt item's
        # reason, an action due at a later meeting of its committee. The due list offers only
        # what keeps them; this stops what would not.
        for record in [*items, *placed]:
            record.full_clean()
        for item in items:
            item.save(update_fields=None if item.added else ["description"])
        bulk_update_with_history(
            placed,
            AgreedAction,
            ["due_meeting", "due_on"],
            default_user=actor,
            default_change_reason="Placed on the agenda from the meeting's due list",
        )
    return sorted(items, key=lambda i: i.number)

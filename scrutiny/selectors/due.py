"""What falls due at a committee's meetings: the agreed actions and requested reports that
fall to a meeting (``AgreedAction.objects.due_at``), the recommendations whose next progress
update is due by it (``recommendations_due``), and which of them the meeting's
agenda already takes.

Read by the due page, the work programme and ``agenda_items_add_from_due``, so that all
three agree on what is due and what is already on the agenda.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext

from partnerships.models import Organisation
from recommendations.models import Recommendation
from scrutiny.models import AgendaItem, AgreedAction, Committee, Meeting, Review, long_date
from scrutiny.selectors.common import hide_unseen_reviews
from scrutiny.visibility import hide_exempt_items

TITLE_LENGTH = AgendaItem._meta.get_field("title").max_length


def recommendations_due(meeting: Meeting, user):
    """Open recommendations of the meeting's committee's reviews, visible to ``user``, whose
    next progress update is due by the meeting, with their status as at the meeting."""
    return (
        Recommendation.objects.visible_to(user)
        .filter(review__committee_id=meeting.committee_id)
        .with_status(as_at=meeting.date, user=user)
        .update_due(meeting.date)
    )


def _fit(text: str, length: int = TITLE_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def progress_item_title(review: Review) -> str:
    """The title of the agenda item that takes a review's recommendations whose update is
    due: "Social Care External Workforce: progress on recommendations"."""
    suffix = ": progress on recommendations"
    return _fit(review.title, TITLE_LENGTH - len(suffix)) + suffix


def action_item_title(action: AgreedAction) -> str:
    """The title of the agenda item that brings an agreed action back: what was agreed, and
    when ("That a detailed update report be brought to a future meeting (agreed 25 May
    2021)")."""
    when = f" (agreed {long_date(action.meeting.date)})"
    return _fit(action.text.strip().rstrip("."), TITLE_LENGTH - len(when)) + when


def action_item_description(action: AgreedAction) -> str:
    """What an item (its own, or its review's) says about an agreed action it brings back."""
    where = f"The meeting of {long_date(action.meeting.date)}"
    if action.item_id:
        where += f" (item {action.item.number})"
    text = " ".join(action.text.split())
    falls_to = ", ".join(
        part
        for part in (
            action.falls_to,
            action.falls_to_organisation.name if action.falls_to_organisation_id else "",
        )
        if part
    )
    said = f"{where} agreed: “{text}”"
    return f"{said} Falls to: {falls_to}." if falls_to else said


@dataclass
class DueReview:
    """A review whose recommendations have an update due, and the agenda item (if any) of the
    meeting that already takes it."""

    review: Review
    recommendations: list[Recommendation]
    item: AgendaItem | None = None

    @property
    def numbers(self) -> str:
        """ "4, 5 and 8": the references of its recommendations that are due."""
        words = [str(r.reference) for r in self.recommendations]
        if len(words) == 1:
            return words[0]
        return gettext("%(numbers)s and %(last)s") % {
            "numbers": ", ".join(words[:-1]),
            "last": words[-1],
        }


@dataclass
class DueList:
    """What falls to one meeting. Each action has ``overdue`` and ``missed_on`` (see
    ``AgreedAction.objects.with_flags``) and ``item_here``: the agenda item of this meeting
    that already takes it, or None."""

    meeting: Meeting
    actions: list[AgreedAction] = field(default_factory=list)
    reviews: list[DueReview] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    # Recommendations of the committee's reviews with a closure waiting for sign-off (each
    # with ``item``: the meeting's agenda item on its review, or None).
    proposed: list[Recommendation] = field(default_factory=list)

    @property
    def reviews_to_add(self) -> list[DueReview]:
        return [r for r in self.reviews if r.item is None]

    @property
    def actions_to_add(self) -> list[AgreedAction]:
        return [a for a in self.actions if a.item_here is None and a.delivered_on is None]

    @property
    def recommendation_count(self) -> int:
        return sum(len(r.recommendations) for r in self.reviews)


def _review_item(items: list[AgendaItem], review_id: int) -> AgendaItem | None:
    """The first of ``items`` that takes the review: as its main review or one it also
    reports on (``other_reviews`` prefetched)."""
    return next((i for i in items if review_id in i.review_ids), None)


def _action_item(items: list[AgendaItem], action: AgreedAction, meeting: Meeting):
    """The item of ``meeting`` that takes an action placed at it: one titled from it, or (for
    an action about a review) the review's item."""
    if action.due_meeting_id != meeting.pk:
        return None
    title = action_item_title(action)
    return next(
        (
            i
            for i in items
            if i.title == title or (action.review_id and action.review_id in i.review_ids)
        ),
        None,
    )


def _bodies() -> Prefetch:
    return Prefetch("responsible_bodies", queryset=Organisation.objects.order_by("name"))


def _by_review(recommendations: list[Recommendation], items: list[AgendaItem]):
    return [
        DueReview(review=recs[0].review, recommendations=recs, item=_review_item(items, pk))
        for pk, recs in (
            (pk, list(group)) for pk, group in groupby(recommendations, key=lambda r: r.review_id)
        )
    ]


def _ordered_recommendations(queryset):
    return (
        queryset.select_related("review")
        .prefetch_related(_bodies())
        .order_by("review__title", "review_id", "sort_key")
    )


def _actions(queryset):
    return queryset.select_related(
        "meeting", "item", "review", "falls_to_organisation", "due_meeting"
    ).order_by("meeting__date", "id")


def due_list(meeting: Meeting, user, today: datetime.date | None = None) -> DueList:
    """Everything ``user`` may see that falls to ``meeting``: its due agreed actions (flagged
    when they slipped past an earlier meeting held before the meeting, or before today for a
    meeting still to come) and its recommendations due, by review (statuses as at the
    meeting), each with the agenda item that already takes it; and the closures waiting
    for the committee's sign-off. Eight queries (one the reviews each item also reports
    on)."""
    today = today or timezone.localdate()
    items = list(meeting.items.prefetch_related("other_reviews").order_by("number"))
    due = AgreedAction.objects.due_at(meeting).visible_to(user)
    actions = list(_actions(due.with_flags(min(meeting.date, today), missed_meetings=True)))
    for action in actions:
        action.item_here = _action_item(items, action, meeting)
    recommendations = list(_ordered_recommendations(recommendations_due(meeting, user)))
    for rec in recommendations:
        rec.next_due = rec.next_update_due()
    return DueList(
        meeting=meeting,
        actions=actions,
        reviews=_by_review(recommendations, items),
        items=items,
        proposed=proposed_for_sign_off(meeting, user, items),
    )


def proposed_for_sign_off(meeting: Meeting, user, items: list[AgendaItem]):
    """The recommendations of the committee's reviews ``user`` may see with a closure
    waiting for the committee's sign-off (one ``user`` may see), with their status now, by
    review and reference; each with ``item``, the meeting's item on its review (where the
    record screen offers the sign-off), or None. One query."""
    proposed = list(
        Recommendation.objects.visible_to(user)
        .filter(review__committee_id=meeting.committee_id)
        .proposed_for_sign_off(user)
        .with_status(user=user)
        .with_proposal(user=user)
        .select_related("review")
        .order_by("review__title", "review_id", "sort_key")
    )
    for rec in proposed:
        rec.item = _review_item(items, rec.review_id)
    return proposed


@dataclass
class ProgrammeMeeting:
    """A meeting still to come, its agenda so far and what first falls due at it."""

    meeting: Meeting
    items: list[AgendaItem]
    actions: list[AgreedAction] = field(default_factory=list)
    reviews: list[DueReview] = field(default_factory=list)


@dataclass
class Programme:
    """A committee's work programme: its meetings to come and what is not yet placed."""

    committee: Committee
    meetings: list[ProgrammeMeeting]
    unplaced_actions: list[AgreedAction]
    unplaced_reviews: list[DueReview]
    # The date the unplaced recommendations are due by: the next meeting's, or today.
    due_by: datetime.date


def work_programme(committee: Committee, user, today: datetime.date | None = None) -> Programme:
    """The committee's meetings to come (cancelled ones left out), each with its agenda so
    far and what falls due at it, each action and recommendation shown once, at the first
    of them it falls to (``AgreedAction.objects.due_at``; a recommendation when its
    ``next_update_due`` is on or before the meeting); and what is not yet placed: outstanding
    actions with no meeting fixed, and recommendations due by the next meeting (by today if
    none is planned) whose review is not on its agenda.

    Only what ``user`` may see, in a fixed number of queries however many meetings and rows.
    """
    today = today or timezone.localdate()
    meetings = list(
        committee.meetings.upcoming(today)
        .exclude(cancelled=True)
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.prefetch_related("other_reviews").order_by("number"),
                to_attr="agenda",
            )
        )
    )
    rows = [ProgrammeMeeting(meeting=m, items=m.agenda) for m in meetings]
    actions = _place_actions(committee, user, rows, today)
    next_due = _place_recommendations(committee, user, rows, today)
    unplaced = _by_review(next_due, rows[0].items if rows else [])
    return Programme(
        committee=committee,
        meetings=rows,
        unplaced_actions=[a for a in actions if a.placed_at is None],
        unplaced_reviews=[r for r in unplaced if r.item is None],
        due_by=meetings[0].date if meetings else today,
    )


def _place_actions(
    committee: Committee, user, rows: list[ProgrammeMeeting], today: datetime.date
) -> list[AgreedAction]:
    """Every outstanding action of the committee, each added to the first meeting to come
    it falls due at, its ``placed_at`` (one query, however many meetings). An action asked
    for "at a future meeting" is placed at none: it waits, not yet placed, for democratic
    services to choose its meeting."""
    meetings = [row.meeting for row in rows]
    actions = (
        AgreedAction.objects.visible_to(user).outstanding().filter(meeting__committee=committee)
    )
    flags = {
        f"due_at_{n}": Exists(AgreedAction.objects.due_at(m).filter(pk=OuterRef("pk")))
        for n, m in enumerate(meetings)
    }
    actions = list(_actions(actions.annotate(**flags).with_flags(today, missed_meetings=True)))
    for action in actions:
        action.item_here = action.placed_at = None
        first = next((n for n in range(len(meetings)) if getattr(action, f"due_at_{n}")), None)
        some_future_meeting = not (
            action.due_meeting_id or action.due_on or action.due_next_meeting
        )
        if first is not None and not some_future_meeting:
            row = rows[first]
            action.placed_at = row.meeting
            action.item_here = _action_item(row.items, action, row.meeting)
            row.actions.append(action)
    return actions


def _place_recommendations(
    committee: Committee, user, rows: list[ProgrammeMeeting], today: datetime.date
) -> list[Recommendation]:
    """Add each recommendation due by the last meeting to come to the first it is due at;
    return those due by the next meeting (by today when none is planned)."""
    meetings = [row.meeting for row in rows]
    if meetings:
        due = recommendations_due(meetings[-1], user)
    else:
        due = (
            Recommendation.objects.visible_to(user)
            .filter(review__committee=committee)
            .with_status(as_at=today, user=user)
            .update_due(today)
        )
    by_meeting: list[list[Recommendation]] = [[] for _ in meetings]
    next_due = []
    for rec in _ordered_recommendations(due):
        rec.next_due = rec.next_update_due()
        first = next((n for n, m in enumerate(meetings) if rec.next_due <= m.date), None)
        # update_due counts months back from the meeting and next_update_due forward from
        # the last update; at a month's end they can differ by a day or two.
        if meetings and first is None:
            first = len(meetings) - 1
        if first is not None:
            by_meeting[first].append(rec)
        if first in (None, 0):
            next_due.append(rec)
    for row, recs in zip(rows, by_meeting, strict=True):
        row.reviews = _by_review(recs, row.items)
    return next_due


def due_page(meeting: Meeting, user) -> DueList:
    """The due list as the due page shows it: links to draft reviews ``user`` may not see
    dropped (the actions stay)."""
    due = due_list(meeting, user)
    hide_unseen_reviews(due.actions, user)
    return due


def programme_page(committee: Committee, user) -> Programme:
    """The work programme as its page shows it: links to draft reviews ``user`` may not see
    dropped, and each exempt item ``hidden`` from those who may not see it."""
    programme = work_programme(committee, user)
    hide_unseen_reviews(
        [a for row in programme.meetings for a in row.actions] + programme.unplaced_actions, user
    )
    for row in programme.meetings:
        hide_exempt_items(row.items, user, committee.council_id)
    return programme

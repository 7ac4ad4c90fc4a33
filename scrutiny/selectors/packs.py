"""Meeting packs and review trackers for print: what they hold. (The files are made in
``scrutiny.exports``.)

A meeting pack is the agenda with each item's papers, as democratic services print or send
it. The public pack is the same whoever asks for it: it is built as the public sees the
council's business, so exempt items, updates given at them, actions agreed at them and
draft reviews are simply not in it. The full pack is built as the asking user sees it and
is only for people who may see the council's exempt items; its exempt items are marked.

Statuses in a pack are as at the meeting date; "what changed" compares them with the
committee's previous meeting. Agreed actions are those due at the meeting
(``AgreedAction.objects.due_at``) and those delivered at it, in their state as at the
meeting.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from recommendations.models import ProgressUpdate, Recommendation, Status
from scrutiny.common.bilingual import localised
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    ExecutiveDecision,
    Meeting,
    Review,
    long_date,
)
from scrutiny.selectors.meetings import MeetingBusiness, meeting_business
from scrutiny.selectors.trackers import tracked_recommendations
from scrutiny.visibility import agreed_in_private


@dataclass
class Change:
    """How one recommendation moved between the previous meeting and this one."""

    recommendation: Recommendation
    was: str
    now: str

    @property
    def status_changed(self) -> bool:
        return self.was != self.now


@dataclass
class PackItem:
    """An agenda item with its papers."""

    item: AgendaItem
    reviews: list[Review] = field(default_factory=list)
    # Reviews whose tracker an earlier item of the pack already shows: (review, that item).
    trackers_elsewhere: list[tuple[Review, PackItem]] = field(default_factory=list)
    decisions: list[ExecutiveDecision] = field(default_factory=list)
    updates: list[ProgressUpdate] = field(default_factory=list)
    actions_due: list[AgreedAction] = field(default_factory=list)
    actions_agreed: list[AgreedAction] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.item.number

    @property
    def anchor(self) -> str:
        return f"item-{self.item.number}"

    @property
    def has_papers(self) -> bool:
        return bool(
            self.item.description
            or self.item.exempt
            or self.reviews
            or self.trackers_elsewhere
            or self.decisions
            or self.updates
            or self.actions_due
            or self.actions_agreed
        )


@dataclass
class MeetingPack:
    """A meeting's pack: the public one, or the full one with exempt items marked."""

    meeting: Meeting
    full: bool
    previous: Meeting | None
    items: list[PackItem]
    # Due or delivered here, but about no review on this agenda.
    other_actions: list[AgreedAction]
    made_on: datetime.date

    @property
    def committee(self):
        return self.meeting.committee

    @property
    def council(self):
        return self.meeting.committee.council

    @property
    def kind_label(self) -> str:
        if not self.full:
            return gettext("Public pack")
        if self.has_exempt:
            return gettext("Full pack – contains exempt information")
        return gettext("Full pack – no exempt information")

    @property
    def title(self) -> str:
        return gettext("%(committee)s, %(date)s: %(pack)s") % {
            "committee": self.committee.name,
            "date": long_date(self.meeting.date),
            "pack": self.kind_label.lower(),
        }

    @property
    def meeting_date_label(self) -> str:
        return long_date(self.meeting.date)

    @property
    def running_header(self) -> str:
        return f"{self.committee.name} – {long_date(self.meeting.date)}"

    @property
    def author(self) -> str:
        return gettext("%(council)s democratic services") % {"council": self.council.name}

    @property
    def papers(self) -> list[PackItem]:
        return [i for i in self.items if i.has_papers]

    @cached_property
    def has_exempt(self) -> bool:
        """Whether anything in it is exempt: an item, an action agreed at an exempt item, or
        a tracker's latest update given at one (never so of a public pack)."""

        def any_in_private(actions: list[AgreedAction]) -> bool:
            return any(agreed_in_private(a) for a in actions)

        return any_in_private(self.other_actions) or any(
            paper.item.exempt
            or any_in_private(paper.actions_due + paper.actions_agreed)
            or any(rec.latest_update_exempt for review in paper.reviews for rec in review.tracked)
            for paper in self.items
        )

    @property
    def closing_statuses(self) -> list[str]:
        return Status.closing()

    def filename(self, extension: str) -> str:
        kind = "full" if self.full else "public"
        name = f"{slugify(self.committee.name)}-{self.meeting.date.isoformat()}-{kind}-pack"
        return f"{name}.{extension}"


def _changes(recommendations: list[Recommendation]) -> list[Change]:
    return [
        Change(rec, rec.previous_status, rec.status)
        for rec in recommendations
        if rec.previous_status != rec.status
        or (rec.last_update_on and rec.previous_last_update_on != rec.last_update_on)
    ]


def _review_of(action: AgreedAction) -> int | None:
    return action.review_id or (action.item.review_id if action.item_id else None)


def _papers(business: MeetingBusiness) -> dict[int, PackItem]:
    """Each visible item with its papers: the trackers of the reviews it reports on (its
    main review and those it also reports on) and of any review an update given at it
    reported on (each tracker once, at its first item; a
    later item points back to it), its updates and its decisions."""
    papers = {}
    tracker_at: dict[int, PackItem] = {}
    for item in business.visible_items:
        paper = papers[item.pk] = PackItem(item=item)
        # The item's main review, those it also reports on, then those of its updates.
        review_ids = list(item.review_ids)
        for update in item.given_updates:
            for entry in update.entries.all():
                if entry.recommendation.review_id not in review_ids:
                    review_ids.append(entry.recommendation.review_id)
        for pk in review_ids:
            if pk not in business.reviews:
                continue
            if pk in tracker_at:
                paper.trackers_elsewhere.append((business.reviews[pk], tracker_at[pk]))
            else:
                tracker_at[pk] = paper
                paper.reviews.append(business.reviews[pk])
        paper.updates = item.given_updates
        paper.decisions = sorted(item.referred_decisions, key=lambda d: d.decided_on)
    return papers


def _actions_as_at(business: MeetingBusiness) -> list[AgreedAction]:
    """The actions due, agreed or delivered at the meeting, in their state as at it."""
    meeting = business.meeting
    actions = sorted(
        (
            a
            for a in business.actions
            if a.due_here or a.delivered_meeting_id == meeting.pk or a.meeting_id == meeting.pk
        ),
        key=lambda a: (a.meeting.date, a.pk),
    )
    for action in actions:
        if action.delivered_on and action.delivered_on > meeting.date:
            # Delivered after the meeting: as at the meeting it was still outstanding (its
            # flags already say so: ``meeting_business`` made with ``made_on``). The
            # instance is only read from here on, never saved.
            action.delivered_on = None
            action.delivered_meeting = None
    return actions


def meeting_pack(*, meeting: Meeting, user, full: bool) -> MeetingPack:
    """Everything the pack prints, in a constant number of queries whatever its size.

    The public pack (``full=False``) is built as an anonymous visitor sees the council's
    business; the full pack as ``user`` sees it (the caller checks that the user may see
    the council's exempt items). ``meeting`` should have ``committee__council`` selected.
    """
    made_on = timezone.localdate()
    business = meeting_business(meeting, user if full else AnonymousUser(), made_on=made_on)
    previous = business.previous
    for review in business.reviews.values():
        review.changes = _changes(review.tracked) if previous else []
    items = _papers(business)
    first_item_on = {}
    for paper in items.values():
        for pk in paper.item.review_ids:
            if pk in business.reviews:
                first_item_on.setdefault(pk, paper)
    other_actions = []
    for action in _actions_as_at(business):
        if action.meeting_id == meeting.pk:
            if action.item_id in items:
                items[action.item_id].actions_agreed.append(action)
            else:
                other_actions.append(action)
        elif (home := first_item_on.get(_review_of(action))) is not None:
            home.actions_due.append(action)
        else:
            other_actions.append(action)
    return MeetingPack(
        meeting=meeting,
        full=full,
        previous=previous,
        items=list(items.values()),
        other_actions=other_actions,
        made_on=made_on,
    )


@dataclass
class ReviewTracker:
    """A review's recommendations as at a date, for an appendix."""

    review: Review
    as_at: datetime.date
    recommendations: list[Recommendation]

    @property
    def council(self):
        return self.review.committee.council

    @property
    def title(self) -> str:
        return gettext("%(review)s: recommendations tracker as at %(date)s") % {
            "review": localised(self.review, "title"),
            "date": long_date(self.as_at),
        }

    @property
    def author(self) -> str:
        return gettext("%(council)s democratic services") % {"council": self.council.name}

    @property
    def running_header(self) -> str:
        return f"{self.review.committee.name} – {localised(self.review, 'title')}"

    @property
    def has_exempt(self) -> bool:
        return any(r.latest_update_exempt for r in self.recommendations)

    def filename(self, extension: str) -> str:
        return f"{slugify(self.review.title)}-tracker-{self.as_at.isoformat()}.{extension}"


def review_tracker(*, review: Review, user, as_at: datetime.date) -> ReviewTracker:
    """The review's tracker as ``user`` sees it (updates at exempt items only for those who
    may see them). ``review`` should have ``committee__council`` selected."""
    recommendations = list(tracked_recommendations(as_at=as_at, user=user).filter(review=review))
    return ReviewTracker(review=review, as_at=as_at, recommendations=recommendations)

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
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from recommendations.models import ProgressUpdate, Recommendation, Status, UpdateEntry
from scrutiny.common.bilingual import localised
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Review,
    long_date,
)
from scrutiny.selectors.due import flag_slips, held_dates


def with_latest_update(queryset, *, as_at: datetime.date, user):
    """Annotate each recommendation with what its latest update as at ``as_at`` said of it:
    ``latest_update_text`` (and ``latest_update_text_cy``, its Welsh version, so that
    ``localised(rec, "latest_update_text")`` works), and ``latest_update_exempt`` (it was
    given at an exempt item).
    Updates at exempt items count only for a ``user`` who may see them, and "latest" is
    ordered as ``with_status`` orders it, so the text belongs to ``last_update_on``."""
    entries = UpdateEntry.objects.filter(
        recommendation=OuterRef("pk"),
        update__given_on__lte=as_at,
        update__in=ProgressUpdate.objects.visible_to(user),
    ).order_by("-update__given_on", "-update__created_at", "-pk")
    return queryset.annotate(
        latest_update_text=Subquery(entries.values("text")[:1]),
        latest_update_text_cy=Subquery(entries.values("text_cy")[:1]),
        latest_update_exempt=Subquery(entries.values("update__item__exempt")[:1]),
    )


def tracked_recommendations(*, as_at: datetime.date, user, since: datetime.date | None = None):
    """Recommendations as a tracker shows them as at ``as_at``: status, latest update (its
    text too) and the bodies that carry them; with ``since``, also their status then
    (``previous_`` names). Ordered by number."""
    queryset = Recommendation.objects.with_status(as_at=as_at, user=user)
    if since is not None:
        queryset = queryset.with_status(as_at=since, user=user, prefix="previous_")
    return (
        with_latest_update(queryset, as_at=as_at, user=user)
        .prefetch_related("responsible_bodies")
        .order_by("number")
    )


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

        def agreed_in_private(actions: list[AgreedAction]) -> bool:
            return any(a.item_id and a.item.exempt for a in actions)

        return agreed_in_private(self.other_actions) or any(
            paper.item.exempt
            or agreed_in_private(paper.actions_due + paper.actions_agreed)
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


def meeting_pack(*, meeting: Meeting, user, full: bool) -> MeetingPack:
    """Everything the pack prints, in a constant number of queries whatever its size.

    The public pack (``full=False``) is built as an anonymous visitor sees the council's
    business; the full pack as ``user`` sees it (the caller checks that the user may see
    the council's exempt items). ``meeting`` should have ``committee__council`` selected.
    """
    viewer = user if full else AnonymousUser()
    previous = meeting.previous()
    as_at = meeting.date

    agenda = list(AgendaItem.objects.visible_to(viewer).filter(meeting=meeting).order_by("number"))
    updates = list(ProgressUpdate.objects.given_at(meeting, viewer))
    # Each item's trackers: the review it reports on, and any review an update given at it
    # reported on.
    review_ids: dict[int, list[int]] = {i.pk: [i.review_id] if i.review_id else [] for i in agenda}
    for update in updates:
        for entry in update.entries.all():
            ids = review_ids[update.item_id]
            if entry.recommendation.review_id not in ids:
                ids.append(entry.recommendation.review_id)
    tracked = tracked_recommendations(
        as_at=as_at, user=viewer, since=previous.date if previous else None
    )
    reviews = {
        r.pk: r
        for r in Review.objects.visible_to(viewer)
        .filter(pk__in={pk for ids in review_ids.values() for pk in ids})
        .prefetch_related(Prefetch("recommendations", queryset=tracked, to_attr="tracked"))
    }
    for review in reviews.values():
        review.changes = _changes(review.tracked) if previous else []

    decisions = (
        ExecutiveDecision.objects.visible_to(viewer)
        .filter(referred_to_item__meeting=meeting)
        .select_related("decided_by")
        .prefetch_related(
            Prefetch("points", queryset=DecisionPoint.objects.order_by("kind", "number"))
        )
        .order_by("decided_on", "minute_number")
    )

    actions = list(
        AgreedAction.objects.visible_to(viewer)
        .filter(
            Q(pk__in=AgreedAction.objects.due_at(meeting).values("pk"))
            | Q(delivered_meeting=meeting)
            | Q(meeting=meeting)
        )
        .select_related(
            "meeting", "item", "review", "falls_to_organisation", "due_meeting", "delivered_meeting"
        )
        .order_by("meeting__date", "id")
    )
    seen_reviews = set(
        Review.objects.visible_to(viewer)
        .filter(pk__in={a.review_id for a in actions if a.review_id})
        .values_list("pk", flat=True)
    )

    items = {i.pk: PackItem(item=i) for i in agenda}
    tracker_at: dict[int, PackItem] = {}
    for item in agenda:
        paper = items[item.pk]
        for pk in review_ids[item.pk]:
            if pk not in reviews:
                continue
            if pk in tracker_at:
                paper.trackers_elsewhere.append((reviews[pk], tracker_at[pk]))
            else:
                tracker_at[pk] = paper
                paper.reviews.append(reviews[pk])
        if item.review_id not in reviews:
            # A draft review this reader may not see: the item stays, the link does not.
            item.review = None
    for update in updates:
        items[update.item_id].updates.append(update)
    for decision in decisions:
        points = list(decision.points.all())
        decision.resolutions = [p for p in points if p.kind == DecisionPoint.Kind.RESOLUTION]
        decision.reasons = [p for p in points if p.kind == DecisionPoint.Kind.REASON]
        items[decision.referred_to_item_id].decisions.append(decision)

    first_item_on = {}
    for item in agenda:
        if item.review_id:
            first_item_on.setdefault(item.review_id, items[item.pk])
    for action in actions:
        if action.delivered_on and action.delivered_on > as_at:
            # Delivered after the meeting: as at the meeting it was still outstanding. (The
            # instance is only read from here on, never saved.)
            action.delivered_on = None
            action.delivered_meeting = None
    # Overdue, or carried forward past a meeting that did not receive it, as the due list
    # judges it: as at the meeting, or today for a meeting still to come.
    made_on = timezone.localdate()
    flag_slips(actions, held_dates(meeting.committee_id), before=min(as_at, made_on))
    other_actions = []
    for action in actions:
        if action.review_id and action.review_id not in seen_reviews:
            action.review = None
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

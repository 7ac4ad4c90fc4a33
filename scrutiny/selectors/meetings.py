"""A meeting as a user sees it: its agenda, what was reported and decided at each item,
the reviews it tracked and the actions it agreed, received and delivered. One read
(``meeting_business``) serves both the meeting's page and its pack."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects

from recommendations.models import ProgressUpdate
from scrutiny.models import AgendaItem, AgreedAction, ExecutiveDecision, Meeting, Review
from scrutiny.selectors.common import BEFORE_EVERYTHING, hide_unseen_reviews
from scrutiny.selectors.decisions import points_prefetch, split_points
from scrutiny.selectors.trackers import tracked_recommendations
from scrutiny.visibility import hide_exempt_items


@dataclass
class MeetingBusiness:
    """A meeting's business as one user may see it.

    ``items`` is the whole agenda in order: each item ``hidden`` when it is exempt and the
    user may not see exempt items, with ``given_updates`` (the updates given at it) and
    ``referred_decisions`` (each with ``resolutions`` and ``reasons``); an item's ``review``
    is None when the item is hidden or the review is a draft the user may not see, and its
    ``shown_reviews`` every review it takes (main first, then those it also reports on)
    that the user may see.
    ``reviews`` are the reviews on the agenda or reported on at it that the user may see,
    by pk in title order, each with ``tracked``: its recommendations as at the meeting, with
    their latest update and (``previous_`` names) their status as at the previous meeting.
    ``actions`` are those agreed at the meeting, placed at it, due at it
    (``AgreedAction.objects.due_at``, flagged ``due_here``) or delivered at it, in agenda
    order, each ``overdue`` as at today and without the link to a draft review the user
    may not see.
    """

    meeting: Meeting
    previous: Meeting | None
    sees_exempt: bool
    items: list[AgendaItem]
    reviews: dict[int, Review]
    actions: list[AgreedAction]

    @property
    def visible_items(self) -> list[AgendaItem]:
        return [item for item in self.items if not item.hidden]


def _tracked_reviews(meeting: Meeting, user, items, updates, previous) -> dict[int, Review]:
    """The reviews of the visible items and of the updates given at them."""
    ids = {pk for item in items if not item.hidden for pk in item.review_ids}
    ids |= {entry.recommendation.review_id for u in updates for entry in u.entries.all()}
    since = previous.date if previous else BEFORE_EVERYTHING
    tracked = tracked_recommendations(as_at=meeting.date, user=user, since=since)
    reviews = (
        Review.objects.visible_to(user)
        .filter(pk__in=ids)
        .prefetch_related(Prefetch("recommendations", queryset=tracked, to_attr="tracked"))
        .order_by("title")
    )
    return {review.pk: review for review in reviews}


def _actions(meeting: Meeting, user, made_on: datetime.date | None) -> list[AgreedAction]:
    due_here = AgreedAction.objects.due_at(meeting).filter(pk=OuterRef("pk"))
    actions = AgreedAction.objects.visible_to(user)
    if made_on is None:
        actions = actions.with_flags()
    else:
        # As the due list judges them: as at the meeting, or the day the pack is made for
        # a meeting still to come; delivered since the meeting is outstanding at it.
        actions = actions.with_flags(
            min(meeting.date, made_on), as_at=meeting.date, missed_meetings=True
        )
    # Agreed, placed, delivered or due at the meeting: a union of indexed look-ups. (Their
    # OR read every action: issue 17.)
    ids = AgreedAction.objects.filter(meeting=meeting).values("pk")
    ids = ids.union(
        AgreedAction.objects.filter(due_meeting=meeting).values("pk"),
        AgreedAction.objects.filter(delivered_meeting=meeting).values("pk"),
        AgreedAction.objects.due_at(meeting).values("pk"),
    )
    actions = list(
        actions.filter(pk__in=ids)
        .annotate(due_here=Exists(due_here))
        .select_related(
            "meeting",
            "item",
            "review",
            "falls_to_organisation",
            "due_meeting",
            "delivered_meeting",
        )
        .order_by("item__number", "id")
    )
    hide_unseen_reviews(actions, user)
    return actions


def meeting_business(
    meeting: Meeting, user, *, made_on: datetime.date | None = None
) -> MeetingBusiness:
    """The meeting as ``user`` may see it, in a fixed number of queries however much
    business it has. ``meeting`` should have ``committee__council`` selected.

    The actions are flagged ``overdue`` as at today; for a pack made on ``made_on``, as at
    the meeting (``AgreedAction.objects.with_flags`` with ``as_at`` the meeting date), with
    ``missed_on`` too."""
    previous = meeting.previous()
    items = list(
        meeting.items.select_related("review").prefetch_related("other_reviews").order_by("number")
    )
    updates = list(ProgressUpdate.objects.given_at(meeting, user))
    decisions = (
        ExecutiveDecision.objects.visible_to(user)
        .filter(referred_to_item__meeting=meeting)
        .select_related("decided_by")
        .prefetch_related(points_prefetch())
        .order_by("-decided_on", "minute_number")
    )
    by_item: dict[int, dict[str, list]] = {i.pk: {"updates": [], "decisions": []} for i in items}
    for update in updates:
        by_item[update.item_id]["updates"].append(update)
        # One report can cover several reviews: its entries then say whose each is.
        update.several_reviews = len({e.recommendation.review_id for e in update.entries.all()}) > 1
    for decision in decisions:
        by_item[decision.referred_to_item_id]["decisions"].append(split_points(decision))
    sees_exempt = hide_exempt_items(items, user, meeting.committee.council_id)
    for item in items:
        item.given_updates = by_item[item.pk]["updates"]
        item.referred_decisions = by_item[item.pk]["decisions"]
    reviews = _tracked_reviews(meeting, user, items, updates, previous)
    for item in items:
        # A public item may report on a draft review: the item shows, the review not.
        item.shown_reviews = (
            [] if item.hidden else [reviews[pk] for pk in item.review_ids if pk in reviews]
        )
        if item.hidden or item.review_id not in reviews:
            item.review = None
    return MeetingBusiness(
        meeting=meeting,
        previous=previous,
        sees_exempt=sees_exempt,
        items=items,
        reviews=reviews,
        actions=_actions(meeting, user, made_on),
    )


def meeting_actions(meeting: Meeting, user) -> list[AgreedAction]:
    """The actions the meeting's page lists (agreed, placed, due or delivered at it), as
    ``user`` may see them, in agenda order, flagged as at today; for its downloads, which
    name each action's council (two more queries, not joined in: joining them turns the
    page's index look-up of its actions into a read of the whole index)."""
    actions = _actions(meeting, user, None)
    prefetch_related_objects(actions, "meeting__committee__council")
    return actions


def _by_meeting_date(actions: list[AgreedAction]) -> list[AgreedAction]:
    return sorted(actions, key=lambda a: (a.meeting.date, a.pk))


def meeting_page(meeting: Meeting, user) -> dict:
    """Everything the meeting's page shows ``user``: its business, the actions it agreed
    (in agenda order), those placed at it and those it received (by when agreed)."""
    business = meeting_business(meeting, user)
    actions = business.actions
    return {
        "previous": business.previous,
        "items": business.items,
        "reviews": list(business.reviews.values()),
        "agreed": [a for a in actions if a.meeting_id == meeting.pk],
        "due_here": _by_meeting_date([a for a in actions if a.due_meeting_id == meeting.pk]),
        "delivered_here": _by_meeting_date(
            [a for a in actions if a.delivered_meeting_id == meeting.pk]
        ),
        "sees_exempt": business.sees_exempt,
    }

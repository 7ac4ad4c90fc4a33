"""A meeting as a reader sees it: its agenda, what was reported and decided at each item,
the reviews it tracked and the actions it agreed, received and delivered."""

from django.db.models import Exists, OuterRef, Prefetch, Q

from recommendations.models import ProgressUpdate, Recommendation
from scrutiny.models import AgendaItem, AgreedAction, ExecutiveDecision, Meeting, Review
from scrutiny.selectors.common import BEFORE_EVERYTHING, hide_unseen_reviews, with_action_flags
from scrutiny.visibility import sees_exempt_of


def _agenda(meeting: Meeting, user, sees_exempt: bool) -> list[AgendaItem]:
    """Every item, exempt ones ``hidden`` from those who may not see them, each with the
    updates given and decisions referred at it. A public item may report on a draft review:
    the item shows, the review's title not."""
    items = list(
        meeting.items.select_related("review")
        .annotate(
            review_seen=Exists(Review.objects.visible_to(user).filter(pk=OuterRef("review_id")))
        )
        .order_by("number")
    )
    updates = ProgressUpdate.objects.given_at(meeting, user)
    decisions = (
        ExecutiveDecision.objects.visible_to(user)
        .filter(referred_to_item__meeting=meeting)
        .select_related("decided_by")
    )
    by_item: dict[int, dict[str, list]] = {i.pk: {"updates": [], "decisions": []} for i in items}
    for update in updates:
        by_item[update.item_id]["updates"].append(update)
    for decision in decisions:
        by_item[decision.referred_to_item_id]["decisions"].append(decision)
    for item in items:
        item.hidden = item.exempt and not sees_exempt
        item.given_updates = by_item[item.pk]["updates"]
        item.referred_decisions = by_item[item.pk]["decisions"]
        if item.hidden or not item.review_seen:
            item.review = None
    return items


def _tracked_reviews(meeting: Meeting, user, since):
    """The reviews on the agenda or reported on at the meeting, each with ``tracked``: its
    recommendations as they stood at the meeting and (``previous_``) at ``since``."""
    visible_items = AgendaItem.objects.visible_to(user).filter(meeting=meeting)
    reported = Recommendation.objects.filter(
        entries__update__in=ProgressUpdate.objects.visible_to(user).filter(item__meeting=meeting)
    )
    tracked = (
        Recommendation.objects.with_status(as_at=meeting.date, user=user)
        .with_status(as_at=since, user=user, prefix="previous_")
        .prefetch_related("responsible_bodies")
        .order_by("number")
    )
    return (
        Review.objects.visible_to(user)
        .filter(
            Q(pk__in=visible_items.filter(review__isnull=False).values("review_id"))
            | Q(pk__in=reported.values("review_id"))
        )
        .prefetch_related(Prefetch("recommendations", queryset=tracked, to_attr="tracked"))
        .order_by("title")
    )


def _actions(meeting: Meeting, user) -> dict:
    """The actions agreed at the meeting, due at it and delivered at it, flagged when
    overdue now."""
    actions = with_action_flags(AgreedAction.objects.visible_to(user)).select_related(
        "meeting", "item", "review", "falls_to_organisation", "due_meeting", "delivered_meeting"
    )
    agreed = list(actions.filter(meeting=meeting).order_by("item__number", "id"))
    due_here = list(actions.filter(due_meeting=meeting).order_by("meeting__date", "id"))
    delivered_here = list(actions.filter(delivered_meeting=meeting).order_by("meeting__date", "id"))
    hide_unseen_reviews(agreed + due_here + delivered_here, user)
    return {"agreed": agreed, "due_here": due_here, "delivered_here": delivered_here}


def meeting_page(meeting: Meeting, user) -> dict:
    """Everything the meeting's page shows ``user``; ``meeting`` should have
    ``committee__council`` selected."""
    sees_exempt = sees_exempt_of(user, meeting.committee.council_id)
    previous = meeting.previous()
    since = previous.date if previous else BEFORE_EVERYTHING
    return {
        "previous": previous,
        "items": _agenda(meeting, user, sees_exempt),
        "reviews": _tracked_reviews(meeting, user, since),
        **_actions(meeting, user),
        "sees_exempt": sees_exempt,
    }

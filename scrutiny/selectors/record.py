"""The meeting record screen's reads."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from partnerships.models import Organisation
from recommendations.models import ClosureProposal, ProgressUpdate, Recommendation, StatusWords
from scrutiny.models import AgendaItem, AgreedAction, Meeting
from scrutiny.visibility import live_filter


@dataclass
class RecordChoices:
    """What the record screen offers, loaded once for all its items (by the view)."""

    items: list[AgendaItem]
    # By review id: the review's recommendations in number order, and the bodies carrying them.
    recommendations: dict[int, list[Recommendation]]
    bodies: dict[int, list[Organisation]]
    organisations: list[Organisation]
    later_meetings: list[Meeting]
    # Outstanding actions of the committee agreed before the meeting, those due at it first.
    outstanding: list[AgreedAction]
    due_ids: set[int]
    # By review id: the closures waiting for the committee's sign-off, by number.
    proposals: dict[int, list[ClosureProposal]] = None
    # The councils' status words: the status choices and the page's tags say them, in
    # one read.
    status_words: StatusWords = None

    def recommendations_for(self, item: AgendaItem) -> list[Recommendation]:
        """The recommendations of every review the item takes, review by review (its main
        review first), each in number order."""
        return [rec for pk in item.review_ids for rec in self.recommendations.get(pk, [])]

    def bodies_for(self, item: AgendaItem) -> list[Organisation]:
        """The bodies carrying a recommendation of any review the item takes, by name."""
        bodies = {o.pk: o for pk in item.review_ids for o in self.bodies.get(pk, [])}
        return sorted(bodies.values(), key=lambda o: o.name)

    def proposals_for(self, item: AgendaItem) -> list[ClosureProposal]:
        """The closures waiting for sign-off on recommendations of any review the item
        takes, review by review."""
        return [p for pk in item.review_ids for p in (self.proposals or {}).get(pk, [])]


def _recommendations_by_review(review_ids: set[int], meeting: Meeting, user) -> dict:
    """Each review's recommendations with their status as it stood before the meeting."""
    before = meeting.date - datetime.timedelta(days=1)
    recommendations = defaultdict(list)
    for rec in (
        Recommendation.objects.filter(review_id__in=review_ids)
        .with_status(as_at=before, user=user)
        .select_related("review")
        .order_by("review_id", "sort_key")
    ):
        recommendations[rec.review_id].append(rec)
    return recommendations


def proposals_by_review(review_ids: set[int], user, by) -> dict:
    """Each review's closures waiting for sign-off that ``user`` may see, proposed in
    updates given by the date ``by``, by number."""
    proposals = defaultdict(list)
    for proposal in (
        ClosureProposal.objects.visible_to(user)
        .waiting()
        .filter(recommendation__review_id__in=review_ids, entry__update__given_on__lte=by)
        .select_related("recommendation", "proposed_by", "entry__update__organisation")
        .order_by("recommendation__sort_key")
    ):
        proposals[proposal.recommendation.review_id].append(proposal)
    return proposals


def _bodies_by_review(review_ids: set[int], organisations: list[Organisation]) -> dict:
    """The bodies that carry some recommendation of each review, by name."""
    by_id = {o.pk: o for o in organisations}
    carried = (
        Recommendation.responsible_bodies.through.objects.filter(
            live_filter("recommendation__"), recommendation__review_id__in=review_ids
        )
        .values_list("recommendation__review_id", "organisation_id")
        .distinct()
    )
    bodies = defaultdict(list)
    for review_id, organisation_id in sorted(carried, key=lambda r: by_id[r[1]].name):
        bodies[review_id].append(by_id[organisation_id])
    return bodies


def _outstanding_before(meeting: Meeting, user, due_ids: set[int]) -> list[AgreedAction]:
    """The committee's actions agreed earlier and not yet delivered, those due here first."""
    return sorted(
        AgreedAction.objects.visible_to(user)
        .outstanding()
        .filter(meeting__committee_id=meeting.committee_id, meeting__date__lt=meeting.date)
        .select_related("meeting", "item", "due_meeting")
        .order_by("meeting__date", "id"),
        key=lambda action: action.pk not in due_ids,
    )


def _add_recorded(items: list[AgendaItem], meeting: Meeting) -> None:
    """Give each item what is already recorded at it: ``recorded_updates`` and
    ``recorded_actions``."""
    recorded = defaultdict(list)
    for update in (
        ProgressUpdate.objects.filter(item__meeting=meeting)
        .with_live_entries()
        .select_related("organisation")
        # A join ignores the entries' manager: leave out those on deleted recommendations.
        .annotate(entry_count=Count("entries", filter=live_filter("entries__recommendation__")))
        .order_by("created_at", "pk")
    ):
        recorded[update.item_id].append(update)
    agreed = defaultdict(list)
    for action in AgreedAction.objects.filter(meeting=meeting, item__isnull=False).order_by("id"):
        agreed[action.item_id].append(action)
    for item in items:
        item.meeting = meeting
        item.recorded_updates = recorded[item.pk]
        item.recorded_actions = agreed[item.pk]


def record_choices(meeting: Meeting, user) -> RecordChoices:
    """Everything the record screen offers, in the same few queries however many items,
    recommendations and actions there are. Each recommendation carries its status as it
    stood before the meeting; each item what is already recorded at it."""
    items = list(
        meeting.items.select_related("review").prefetch_related("other_reviews").order_by("number")
    )
    # Every review an item takes: its main review and those it also reports on.
    review_ids = {pk for item in items for pk in item.review_ids}
    recommendations = _recommendations_by_review(review_ids, meeting, user)
    organisations = list(Organisation.objects.order_by("name"))
    bodies = _bodies_by_review(review_ids, organisations)
    due_ids = set(AgreedAction.objects.due_at(meeting).values_list("pk", flat=True))
    outstanding = _outstanding_before(meeting, user, due_ids)
    later_meetings = list(
        Meeting.objects.filter(
            committee_id=meeting.committee_id, date__gt=meeting.date, cancelled=False
        ).order_by("date", "start_time")
    )
    _add_recorded(items, meeting)
    return RecordChoices(
        items=items,
        recommendations=recommendations,
        bodies=bodies,
        organisations=organisations,
        later_meetings=later_meetings,
        outstanding=outstanding,
        due_ids=due_ids,
        proposals=proposals_by_review(review_ids, user, meeting.date),
        status_words=StatusWords(),
    )

"""Reads for the recommendation and progress-update pages, each only as far as the user may
see: ``visible_to`` everywhere, so a hidden recommendation or update is a 404."""

from __future__ import annotations

import datetime
from itertools import groupby
from operator import attrgetter

from django.core.paginator import Page, Paginator
from django.db.models import F, Max, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from partnerships.models import Organisation
from recommendations.models import (
    ClosureProposal,
    ProgressUpdate,
    ProposalState,
    Recommendation,
    Status,
    UpdateEntry,
)
from scrutiny.models import AgendaItem, Review


def bodies_by_name() -> Prefetch:
    """The responsible bodies of each recommendation, by name."""
    return Prefetch("responsible_bodies", queryset=Organisation.objects.order_by("name"))


LIST_ORDER = (
    "review__committee__council__name",
    F("review__report_agreed_on").desc(nulls_last=True),
    "review__title",
    "review_id",
    "number",
)


def recommendations_to_list(user):
    """Every recommendation ``user`` may see, in the list's order (by council, review, newest
    report first, and number), without their status: what the list's filters narrow and
    its pages are cut from. A filter on the status adds it (``RecommendationFilter``)."""
    return Recommendation.objects.visible_to(user).order_by(*LIST_ORDER)


def recommendations_for_list(user):
    """``recommendations_to_list`` with each one's status now, review and bodies."""
    return (
        recommendations_to_list(user)
        .with_status(user=user)
        .with_proposal(user=user)
        .select_related("review__committee__council")
        .prefetch_related(bodies_by_name())
    )


def list_page(recommendations, user, number, size: int) -> Page:
    """Page ``number`` (a query parameter) of ``recommendations``, the (filtered)
    ``recommendations_to_list(user)``.

    The page's rows are chosen by their keys alone, without their status unless a filter
    needs it, and only they are read with their statuses: an OFFSET over the full query
    worked out the status of every recommendation before the page (issue 17: 2.4 s for
    ``?page=190`` of a large council's list), and joining every recommendation's status to
    count them or pick the page cost as much as the page itself. One query, as before.
    """
    page = Paginator(recommendations, size).get_page(number)
    page.object_list = recommendations_for_list(user).filter(pk__in=page.object_list.values("pk"))
    return page


def review_groups(recommendations) -> list[dict]:
    """``recommendations`` (in review order) as one group per review."""
    return [
        {
            "review": review,
            "recommendations": list(recs),
            "row_id_prefix": f"review-{review.pk}-recommendation-",
        }
        for review, recs in groupby(recommendations, key=attrgetter("review"))
    ]


def visible_with_status(user):
    """The recommendations ``user`` may see, with their status now as ``user`` sees it."""
    return Recommendation.objects.visible_to(user).with_status(user=user)


def recommendation_for_page(user, pk: int) -> Recommendation:
    """The recommendation ``pk`` with its status, review and bodies; a 404 when hidden."""
    return get_object_or_404(
        visible_with_status(user)
        .with_proposal(user=user)
        .select_related("review__committee__council", "review__response_meeting__committee")
        .prefetch_related(bodies_by_name()),
        pk=pk,
    )


def visible_entries_on(recommendation: Recommendation, user) -> list[UpdateEntry]:
    """What the updates ``user`` may see said of ``recommendation``, newest first."""
    return list(
        UpdateEntry.objects.filter(
            recommendation=recommendation,
            update__in=ProgressUpdate.objects.visible_to(user),
        )
        .select_related("update__organisation", "update__item__meeting__committee")
        .order_by("-update__given_on", "-update__created_at", "-pk")
    )


def visible_proposals_on(recommendation: Recommendation, user) -> list[ClosureProposal]:
    """The closures proposed for sign-off on ``recommendation`` that ``user`` may see."""
    return list(
        ClosureProposal.objects.visible_to(user)
        .filter(recommendation=recommendation)
        .select_related("entry__update__organisation", "item__meeting__committee")
    )


def recommendation_events(
    recommendation: Recommendation, entries: list, proposals: list = ()
) -> list[dict]:
    """The dated events of a recommendation's page, newest first: each update's entry, each
    closure proposed and the committee's decision on it, the executive response received
    and the report agreed."""
    review = recommendation.review
    events = [{"date": e.update.given_on, "kind": "update", "entry": e} for e in entries]
    for p in proposals:
        if p.item_id:
            events.append({"date": p.item.meeting.date, "kind": "decision", "proposal": p})
        events.append({"date": p.entry.update.given_on, "kind": "proposal", "proposal": p})
    if review.response_received_on:
        events.append({"date": review.response_received_on, "kind": "response"})
    if review.report_agreed_on:
        events.append({"date": review.report_agreed_on, "kind": "report"})
    # Stable: on the same day, updates stay above the response, the response above the
    # report.
    events.sort(key=lambda event: event["date"], reverse=True)
    return events


def closing_meeting(recommendation: Recommendation, entries: list, proposals: list = ()):
    """The meeting that closed ``recommendation`` (needs ``with_status``): where the entry
    that set its closing status was given, if that is one of ``entries``, or where the
    committee signed off the proposal that set it, if that is one of ``proposals``."""
    if recommendation.status not in Status.closing():
        return None
    signed = [
        p.item.meeting
        for p in proposals
        if p.pk == recommendation.status_sign_off_id and p.state == ProposalState.SIGNED_OFF
    ]
    if signed:
        return signed[0]
    return next(
        (
            e.update.item.meeting
            for e in entries
            if e.pk == recommendation.status_entry_id and e.update.item_id
        ),
        None,
    )


def overdue_and_stale(user, pk: int, today: datetime.date) -> tuple[bool, bool]:
    """Whether the recommendation ``pk`` is overdue, and whether it is stale, on ``today``."""
    this_one = visible_with_status(user).filter(pk=pk)
    return this_one.overdue(today).exists(), this_one.stale(today).exists()


def review_for_change(user, pk: int) -> Review:
    """The review ``pk`` with its committee's council; a 404 when ``user`` may not see it."""
    return get_object_or_404(
        Review.objects.visible_to(user).select_related("committee__council"), pk=pk
    )


def next_number(review: Review) -> int:
    """The number to suggest for a new recommendation of ``review``: deleted
    recommendations keep their numbers, so the next one after them too."""
    numbers = Recommendation.all_objects.filter(review=review)
    return (numbers.aggregate(n=Max("number"))["n"] or 0) + 1


def recommendation_for_change(user, pk: int) -> Recommendation:
    """The recommendation ``pk`` with its review's council; a 404 when hidden."""
    return get_object_or_404(
        Recommendation.objects.visible_to(user).select_related("review__committee__council"),
        pk=pk,
    )


def loggable_recommendations(review: Review, allowed: Q) -> list[Recommendation]:
    """The recommendations of ``review`` that the filter ``allowed`` (who may log updates
    on what) lets through, by number."""
    return list(
        Recommendation.objects.filter(
            pk__in=Recommendation.objects.filter(allowed, review=review).values("pk")
        )
        .select_related("review__committee")
        .order_by("number")
    )


def items_for_update(user, review: Review, today: datetime.date):
    """The agenda items an update may be given at: those ``user`` may see of the review's
    committee's meetings held by ``today`` and not cancelled, newest meeting first."""
    return (
        AgendaItem.objects.visible_to(user)
        .filter(
            meeting__committee_id=review.committee_id,
            meeting__cancelled=False,
            meeting__date__lte=today,
        )
        .select_related("meeting")
        .order_by("-meeting__date", "number")
    )


def organisations_for(user, review: Review):
    """Who an update may be given for: anyone, for those who manage the council; for an
    officer, their council, the review's council and the bodies that carry its
    recommendations; for a partner representative, their own body only."""
    if user.manages_council(review.committee.council_id):
        return Organisation.objects.order_by("name")
    own = Q(pk=user.organisation_id)
    if user.is_officer or user.is_democratic_services:
        own |= Q(pk=review.committee.council_id) | Q(recommendations__review=review)
    return Organisation.objects.filter(own).distinct().order_by("name")


def visible_update(user, pk: int) -> tuple[ProgressUpdate, list[UpdateEntry]]:
    """The update with its entries on recommendations ``user`` may see, by review and
    number; a 404 when the update is hidden from them or covers nothing they may see."""
    update = get_object_or_404(
        ProgressUpdate.objects.visible_to(user).select_related(
            "organisation", "item__meeting__committee", "recorded_by"
        ),
        pk=pk,
    )
    entries = list(
        update.entries.filter(recommendation__in=Recommendation.objects.visible_to(user))
        .select_related("recommendation__review__committee")
        # The closures each proposed (as public as the update, which the user may see).
        .prefetch_related("proposals")
        .order_by("recommendation__review_id", "recommendation__number")
    )
    if not entries:
        raise Http404(gettext("No recommendation of this update is visible to you."))
    return update, entries

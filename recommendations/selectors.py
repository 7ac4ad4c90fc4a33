"""Reads for the recommendation and progress-update pages, each only as far as the user may
see: ``visible_to`` everywhere, so a hidden recommendation or update is a 404."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter

from django.db.models import Prefetch, Q
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
from recommendations.models.references import REFERENCE_MAX_LENGTH
from scrutiny.common.paging import SortKey, keyset_beyond, keyset_order, page_number
from scrutiny.models import AgendaItem, Review, taking_review


def bodies_by_name() -> Prefetch:
    """The responsible bodies of each recommendation, by name."""
    return Prefetch("responsible_bodies", queryset=Organisation.objects.order_by("name"))


# The list's order: by council, newest report first, review, number; the primary key last
# so that the order is total and a keyset page (``list_page``) finds its place exactly.
LIST_KEYS = (
    SortKey("review__committee__council__name"),
    SortKey("review__report_agreed_on", descending=True),
    SortKey("review__title"),
    SortKey("review_id"),
    SortKey("sort_key"),
    SortKey("pk"),
)
LIST_ORDER = tuple(keyset_order(LIST_KEYS))


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


@dataclass
class ListPage:
    """A page of the list: its rows, how many the whole list holds, and the recommendations
    the next page starts after and the previous one ends before (None at either end).
    ``number`` is the page's number when it is known (the first page, or ``?page=``)."""

    object_list: list
    count: int
    size: int
    number: int | None = None
    next_after: int | None = None
    previous_before: int | None = None

    @property
    def continued(self) -> bool:
        return self.number != 1

    def has_previous(self) -> bool:
        return self.previous_before is not None

    def has_next(self) -> bool:
        return self.next_after is not None

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def link_query(self, direction: str) -> dict:
        """The query parameters of the page before (``"previous"``) or after this one: the
        recommendation it ends before or starts after, and no page number."""
        if direction == "previous":
            return {"page": None, "after": None, "before": self.previous_before}
        return {"page": None, "before": None, "after": self.next_after}

    def start_index(self) -> int:
        return (self.number - 1) * self.size + 1

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1


def list_page(recommendations, user, asked, size: int) -> ListPage:
    """A page of ``recommendations``, the (filtered) ``recommendations_to_list(user)``, as
    the query parameters ``asked`` say: the ``size`` after the recommendation ``after``, the
    ``size`` before ``before``, page ``page`` (links made before keyset pages), else the
    first. A parameter that is not a recommendation ``user`` may see gives the first page,
    and so does a page past either end (the list changed since the link was made).

    The page's rows are chosen by their keys alone, without their status unless a filter
    needs it, and only they are read with their statuses: working out every status before
    the page cost as much as the page itself. ``after`` and ``before`` compare the list's
    sort keys with the named recommendation's (one query more, for its keys) rather than
    skip an OFFSET: a late page reads as many rows as the first (issue 17: ``?page=190``
    sorted all 10,000 of a large council's to cut the page). Three or four queries.
    """
    count = recommendations.count()
    after, before = _list_keys(user, asked.get("after")), _list_keys(user, asked.get("before"))
    if after:
        keys = recommendations.filter(keyset_beyond(LIST_KEYS, after))
        page = _page_of(keys[: size + 1], user, count, size)
        page.previous_before = _first_pk(page) if page.object_list else None
    elif before:
        keys = recommendations.filter(keyset_beyond(LIST_KEYS, before, reverse=True))
        earlier = keys.order_by(*keyset_order(LIST_KEYS, reverse=True))[: size + 1]
        page = _page_of(earlier, user, count, size, from_end=True)
        page.next_after = page.object_list[-1].pk if page.object_list else None
    else:
        number = page_number(asked.get("page"))
        start = (number - 1) * size
        if start >= count:  # past the end (and no OFFSET too large for the database)
            number, start = 1, 0
        page = _page_of(recommendations[start : start + size + 1], user, count, size)
        page.number = number
        if number > 1 and page.object_list:
            page.previous_before = _first_pk(page)
    if not page.object_list and (after or before or page.number != 1):
        return list_page(recommendations, user, {}, size)
    if before and page.previous_before is None:
        return list_page(recommendations, user, {}, size)  # the start: fill the first page
    return page


def _list_keys(user, value) -> tuple | None:
    """The list's sort keys of the recommendation ``value`` (a query parameter), if it is
    one ``user`` may see."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    if not 0 < pk < 2**63:
        return None
    fields = [key.field for key in LIST_KEYS]
    return Recommendation.objects.visible_to(user).filter(pk=pk).values_list(*fields).first()


def _page_of(keys, user, count: int, size: int, from_end: bool = False) -> ListPage:
    """The page of the ``size`` + 1 recommendations ``keys`` (the one more tells whether
    the list goes on beyond the page: after it, or before it ``from_end``), read in the
    list's order with their statuses."""
    rows = list(recommendations_for_list(user).filter(pk__in=keys.values("pk")))
    beyond = len(rows) > size
    if from_end:
        rows = rows[-size:]
        return ListPage(rows, count, size, previous_before=rows[0].pk if beyond else None)
    rows = rows[:size]
    return ListPage(rows, count, size, next_after=rows[-1].pk if beyond else None)


def _first_pk(page: ListPage) -> int:
    return page.object_list[0].pk


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
        .select_related(
            "review__committee__council", "review__response_meeting__committee", "agreed_by"
        )
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


def next_reference(review: Review) -> str:
    """The reference to suggest for a new recommendation of ``review``: the last one's (in
    natural order, deleted ones included: they keep their references) with the number it
    ends in counted on ("R9" → "R10", "OSC (24/25) 07" → "OSC (24/25) 08"); "1" for the
    first; nothing when the last one does not end in a number ("3a") or the next is taken."""
    references = Recommendation.all_objects.filter(review=review).order_by("sort_key")
    last = references.values_list("reference", flat=True).last()
    if last is None:
        return "1"
    found = re.search(r"\d+$", last)
    if found is None:
        return ""
    suggestion = last[: found.start()] + str(int(found[0]) + 1).zfill(len(found[0]))
    taken = references.filter(reference__iexact=suggestion).exists()
    return "" if taken or len(suggestion) > REFERENCE_MAX_LENGTH else suggestion


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
        .order_by("sort_key")
    )


def items_for_update(user, review: Review, today: datetime.date):
    """The agenda items an update may be given at: those ``user`` may see of meetings held
    by ``today`` and not cancelled, of the review's committee or taking the review at
    another committee (as its main review or one it also reports on), newest meeting
    first."""
    return (
        AgendaItem.objects.visible_to(user)
        .filter(
            Q(meeting__committee_id=review.committee_id) | taking_review(review),
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
        .order_by("recommendation__review_id", "recommendation__sort_key")
    )
    if not entries:
        raise Http404(gettext("No recommendation of this update is visible to you."))
    return update, entries


def recommendations_for_responses(review: Review) -> list[Recommendation]:
    """The review's live recommendations in the report's order, for its executive
    responses page, with what their rules read (``Recommendation.clean``) joined."""
    return list(
        Recommendation.objects.filter(review=review)
        .select_related("review__committee", "agreed_by")
        .order_by("sort_key", "reference")
    )


def deleted_to_restore(user) -> tuple[list[Recommendation], list[ProgressUpdate]]:
    """The recommendations and progress updates deleted that ``user`` may restore (their
    council's; an admin's, all), most recently deleted first, with who deleted each and, for
    an update, every entry (deleted ones too) by review then recommendation."""
    recommendations = (
        Recommendation.all_objects.deleted()
        .managed_by(user)
        .select_related("review__committee__council", "deleted_by__organisation")
    )
    updates = (
        ProgressUpdate.all_objects.deleted()
        .managed_by(user)
        .select_related("organisation", "item__meeting__committee", "deleted_by__organisation")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=UpdateEntry.all_objects.select_related("recommendation__review").order_by(
                    "recommendation__review_id", "recommendation__sort_key"
                ),
                to_attr="all_entries",
            )
        )
    )
    return list(recommendations), list(updates)

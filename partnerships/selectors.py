"""Reads for the organisation pages: every organisation by kind, and one organisation with
everything it carries across every council it reports to (recommendations it is responsible
for, actions that fall to it, updates it gave), each only as far as the user may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from partnerships.models import Organisation, User
from partnerships.permissions import organisations_managed_by
from recommendations.models import ProgressUpdate, Recommendation, UpdateEntry
from scrutiny.common.paging import SlicedPage, sliced_page
from scrutiny.models import AgreedAction, Review

# Rows per page of the organisation page's lists: a body carrying thousands of
# recommendations had a page of 4.4 MB at a large council, 100 MB nationally (issue 17).
CARRIED_PAGE_SIZE = 50
ACTIONS_PAGE_SIZE = 20
UPDATES_PAGE_SIZE = 20


def organisations_by_kind(kinds) -> dict[str, list[Organisation]]:
    """Every organisation, by name, under its kind (each of ``kinds``, in that order), with
    its host and aliases."""
    organisations = Organisation.objects.select_related("host").prefetch_related("aliases")
    by_kind: dict[str, list[Organisation]] = {kind: [] for kind in kinds}
    for organisation in organisations.order_by("name"):
        by_kind[organisation.kind].append(organisation)
    return by_kind


def organisation_for_page(pk: int) -> Organisation:
    """The organisation ``pk`` (else a 404) with its aliases, functions, members and
    partnerships (each by name) and its host."""
    by_name = Organisation.objects.order_by("name")
    return get_object_or_404(
        Organisation.objects.select_related("host").prefetch_related(
            "aliases",
            "functions",
            Prefetch("members", queryset=by_name),
            Prefetch("partnerships", queryset=by_name.select_related("host")),
            Prefetch("hosted_partnerships", queryset=by_name),
        ),
        pk=pk,
    )


def committees_of(organisation: Organisation) -> list:
    """A council's committees by name; none for any other organisation."""
    return list(organisation.committees.order_by("name")) if organisation.is_council else []


@dataclass
class ReviewGroup:
    review: object
    recommendations: list = field(default_factory=list)


@dataclass
class CouncilGroup:
    council: Organisation
    reviews: list[ReviewGroup] = field(default_factory=list)

    @property
    def recommendation_count(self) -> int:
        return sum(len(group.recommendations) for group in self.reviews)


@dataclass
class Carried:
    """A page of the recommendations a body carries, grouped, and how many in all."""

    groups: list[CouncilGroup]
    page: Page
    count: int
    council_count: int


def carried_in_order(organisation: Organisation, user):
    """The recommendations ``organisation`` is one of the responsible bodies for that
    ``user`` may see, in the organisation page's order: by council, review (newest report
    first) and reference."""
    return (
        Recommendation.objects.visible_to(user)
        .carried_by(organisation.pk)
        .order_by(
            "review__committee__council__name",
            "review__committee__council_id",
            F("review__report_agreed_on").desc(nulls_last=True),
            "review__title",
            "review_id",
            "sort_key",
            "reference",
        )
    )


def recommendations_carried_by(organisation: Organisation, user, page=None) -> Carried:
    """Page ``page`` (a query parameter; the first if it is not a page number) of the
    recommendations ``organisation`` is one of the responsible bodies for, across every
    council, grouped by council (by name) and review (newest report first), numbered in
    order within a review, with how many there are and for how many councils.

    Only what ``user`` may see: draft reviews' recommendations are left out for people
    outside the review's council, and each status counts only the updates ``user`` may see.
    Each recommendation is annotated by ``with_status`` and has its responsible bodies
    prefetched, so a page costs three queries however long the list is.
    """
    carried = Recommendation.objects.visible_to(user).carried_by(organisation.pk)
    totals = carried.aggregate(
        count=Count("pk"), councils=Count("review__committee__council_id", distinct=True)
    )
    paginator = Paginator(
        carried_in_order(organisation, user)
        .with_status(user=user)
        .select_related("review__committee__council")
        .prefetch_related(
            Prefetch("responsible_bodies", queryset=Organisation.objects.order_by("name"))
        ),
        CARRIED_PAGE_SIZE,
    )
    paginator.count = totals["count"]  # counted above, with the councils
    page_obj = paginator.get_page(page)
    recommendations = list(page_obj.object_list)
    councils = []
    for recommendation in recommendations:
        recommendation.carried_with = [
            body for body in recommendation.responsible_bodies.all() if body.pk != organisation.pk
        ]
    for _council, in_council in groupby(
        recommendations, key=lambda r: r.review.committee.council_id
    ):
        in_council = list(in_council)
        group = CouncilGroup(council=in_council[0].review.committee.council)
        for _review, in_review in groupby(in_council, key=lambda r: r.review_id):
            in_review = list(in_review)
            group.reviews.append(ReviewGroup(review=in_review[0].review, recommendations=in_review))
        councils.append(group)
    return Carried(
        groups=councils,
        page=page_obj,
        count=totals["count"],
        council_count=totals["councils"],
    )


def actions_falling_to(organisation: Organisation, user, page=None) -> SlicedPage:
    """Page ``page`` (a query parameter) of the actions committees agreed that fall to
    ``organisation``, newest meeting first, each with ``overdue`` set when the meeting or
    date it was due at has passed undelivered.

    Actions agreed at exempt items, or about draft reviews, are left out for users who may
    not see those.
    """
    return sliced_page(actions_falling_to_all(organisation, user), ACTIONS_PAGE_SIZE, page)


def actions_falling_to_all(organisation: Organisation, user):
    """Every action ``actions_falling_to`` pages, in its order."""
    return (
        AgreedAction.objects.visible_to(user)
        .filter(falls_to_organisation=organisation)
        .filter(Q(review__isnull=True) | Q(review__in=Review.objects.visible_to(user)))
        .select_related(
            "meeting__committee__council",
            "item",
            "due_meeting",
            "delivered_meeting",
            "review",
            "falls_to_organisation",
        )
        .order_by("-meeting__date", "-id")
        .with_flags()
    )


def updates_given_by(organisation: Organisation, user, page=None) -> SlicedPage:
    """Page ``page`` (a query parameter) of the progress updates given for
    ``organisation``, latest first, each with the entries on recommendations ``user`` may
    see.

    Updates given at exempt items are left out for users who may not see them, and so is an
    update all of whose entries are on draft reviews hidden from ``user``.
    """
    visible_entries = UpdateEntry.objects.filter(
        recommendation__in=Recommendation.objects.visible_to(user)
    )
    # Deleted ones included: an update whose every recommendation was deleted is hidden.
    any_entry = UpdateEntry.all_objects.filter(update=OuterRef("pk"))
    updates = (
        ProgressUpdate.objects.visible_to(user)
        .filter(organisation=organisation)
        .filter(~Exists(any_entry) | Exists(visible_entries.filter(update=OuterRef("pk"))))
        .select_related("organisation", "item__meeting__committee")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=visible_entries.select_related("recommendation__review").order_by(
                    "recommendation__review__title", "recommendation__sort_key"
                ),
                to_attr="visible_entries",
            )
        )
        .order_by("-given_on", "-created_at", "-pk")
    )
    return sliced_page(updates, UPDATES_PAGE_SIZE, page)


# --- Accounts ------------------------------------------------------------------------------

USERS_PAGE_SIZE = 50


def users_managed_by(user, *, role: str = "", state: str = "", search: str = ""):
    """The accounts ``user`` manages (``permissions.organisations_managed_by``; every one
    for an administrator), by name, with their organisation and roles; only those with
    ``role`` (a Role's value), in ``state`` ("active", "invited", "inactive") and whose name,
    email address or job title contains ``search``, when given."""
    users = User.objects.select_related("organisation").prefetch_related("groups")
    if not user.is_superuser:
        users = users.filter(organisation__in=organisations_managed_by(user), is_superuser=False)
    if role:
        users = users.filter(groups__name=role)
    if state == "active":
        users = users.filter(is_active=True).exclude(password__startswith="!")
    elif state == "invited":
        users = users.filter(is_active=True, password__startswith="!")
    elif state == "inactive":
        users = users.filter(is_active=False)
    for word in search.split()[:10]:
        users = users.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(username__icontains=word)
            | Q(job_title__icontains=word)
        )
    return users.order_by("last_name", "first_name", "username")


def user_history(user, limit: int = 20) -> list:
    """The latest changes to an account, newest first, with who made each."""
    return list(user.history.select_related("history_user").order_by("-history_date")[:limit])

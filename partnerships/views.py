"""Organisation pages: every organisation by kind, and one organisation with everything it
carries across every council it reports to.

partnerships is the bottom app, so the recommendations and scrutiny models these pages show
are looked up through the app registry at request time, never imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.apps import apps
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from partnerships.models import Organisation

# The order and headings of the organisation list's groups.
KIND_HEADINGS = {
    Organisation.Kind.COUNCIL: _("Councils"),
    Organisation.Kind.PARTNERSHIP: _("Partnerships"),
    Organisation.Kind.NATIONAL: _("National bodies"),
    Organisation.Kind.NHS: _("NHS bodies"),
    Organisation.Kind.OTHER: _("Other organisations"),
}


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


def recommendations_carried_by(organisation: Organisation, user) -> list[CouncilGroup]:
    """The recommendations ``organisation`` is one of the responsible bodies for, across
    every council, grouped by council (by name) and review (newest report first), numbered
    in order within a review.

    Only what ``user`` may see: draft reviews' recommendations are left out for people
    outside the review's council, and each status counts only the updates ``user`` may see.
    Each recommendation is annotated by ``with_status`` and has its responsible bodies
    prefetched, so the whole list costs two queries however long it is.
    """
    recommendation_model = apps.get_model("recommendations", "Recommendation")
    recommendations = list(
        recommendation_model.objects.visible_to(user)
        .with_status(user=user)
        .carried_by(organisation.pk)
        .select_related("review__committee__council")
        .prefetch_related(
            Prefetch("responsible_bodies", queryset=Organisation.objects.order_by("name"))
        )
        .order_by(
            "review__committee__council__name",
            "review__committee__council_id",
            F("review__report_agreed_on").desc(nulls_last=True),
            "review__title",
            "review_id",
            "number",
        )
    )
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
    return councils


def actions_falling_to(organisation: Organisation, user) -> list:
    """Actions committees agreed that fall to ``organisation``, newest meeting first, each
    with ``overdue`` set when the meeting or date it was due at has passed undelivered.

    Actions agreed at exempt items, or about draft reviews, are left out for users who may
    not see those.
    """
    action_model = apps.get_model("scrutiny", "AgreedAction")
    review_model = action_model._meta.get_field("review").related_model
    actions = list(
        action_model.objects.visible_to(user)
        .filter(falls_to_organisation=organisation)
        .filter(Q(review__isnull=True) | Q(review__in=review_model.objects.visible_to(user)))
        .select_related(
            "meeting__committee__council",
            "item",
            "due_meeting",
            "delivered_meeting",
            "review",
            "falls_to_organisation",
        )
        .order_by("-meeting__date", "-id")
    )
    for action in actions:
        action.overdue = action.is_overdue()
    return actions


def updates_given_by(organisation: Organisation, user) -> list:
    """Progress updates given for ``organisation``, latest first, each with the entries on
    recommendations ``user`` may see.

    Updates given at exempt items are left out for users who may not see them, and so is an
    update all of whose entries are on draft reviews hidden from ``user``.
    """
    update_model = apps.get_model("recommendations", "ProgressUpdate")
    entry_model = update_model._meta.get_field("entries").related_model
    recommendation_model = entry_model._meta.get_field("recommendation").related_model
    visible_entries = entry_model.objects.filter(
        recommendation__in=recommendation_model.objects.visible_to(user)
    )
    # Deleted ones included: an update whose every recommendation was deleted is hidden.
    any_entry = entry_model.all_objects.filter(update=OuterRef("pk"))
    return list(
        update_model.objects.visible_to(user)
        .filter(organisation=organisation)
        .filter(~Exists(any_entry) | Exists(visible_entries.filter(update=OuterRef("pk"))))
        .select_related("organisation", "item__meeting__committee")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=visible_entries.select_related("recommendation__review").order_by(
                    "recommendation__review__title", "recommendation__number"
                ),
                to_attr="visible_entries",
            )
        )
        .order_by("-given_on", "-created_at", "-pk")
    )


@require_safe
def organisation_list(request):
    """Every organisation, grouped by kind, each with its short name and aliases."""
    organisations = Organisation.objects.select_related("host").prefetch_related("aliases")
    by_kind: dict[str, list[Organisation]] = {kind: [] for kind in KIND_HEADINGS}
    for organisation in organisations.order_by("name"):
        by_kind[organisation.kind].append(organisation)
    groups = [
        {"kind": kind, "heading": heading, "organisations": by_kind[kind]}
        for kind, heading in KIND_HEADINGS.items()
        if by_kind[kind]
    ]
    return render(request, "partnerships/organisation_list.html", {"groups": groups})


@require_safe
def organisation_detail(request, pk: int):
    """One organisation: who it is, the partnerships it belongs to or hosts, its committees
    (a council's), and everything it carries across all councils."""
    by_name = Organisation.objects.order_by("name")
    organisation = get_object_or_404(
        Organisation.objects.select_related("host").prefetch_related(
            "aliases",
            "functions",
            Prefetch("members", queryset=by_name),
            Prefetch("partnerships", queryset=by_name.select_related("host")),
            Prefetch("hosted_partnerships", queryset=by_name),
        ),
        pk=pk,
    )
    committees = list(organisation.committees.order_by("name")) if organisation.is_council else []
    carried = recommendations_carried_by(organisation, request.user)
    context = {
        "organisation": organisation,
        "committees": committees,
        "carried": carried,
        "carried_count": sum(group.recommendation_count for group in carried),
        "actions": actions_falling_to(organisation, request.user),
        "updates": updates_given_by(organisation, request.user),
    }
    return render(request, "partnerships/organisation_detail.html", context)

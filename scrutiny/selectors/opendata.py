"""Reads behind the open data downloads and the JSON API: rows of plain values, each read in
one query however many there are, so that a download can stream them.

Visibility is the pages' own: ``visible_to(user)`` on every model and the live managers
(deleted records are never read), so an anonymous reader gets exactly the public pages'
data: no exempt item or what happened at one, no draft review or its recommendations, no
deleted recommendation or update. A signed-in reader of the API gets what their pages
show them. ``council_id`` narrows each to one council's business.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Case, F, OuterRef, Subquery, When
from django.db.models import StringAgg as _StringAgg
from django.db.models import Value as V

from recommendations.models import ProgressUpdate, Recommendation, UpdateEntry
from scrutiny.models import AgreedAction, Meeting, Review

# The fields each dataset gives, in order: the CSV's columns and the JSON's keys.
REVIEW_FIELDS = [
    "id",
    "council_id",
    "council",
    "committee_id",
    "committee_name",
    "title",
    "title_cy",
    "report_title",
    "summary",
    "summary_cy",
    "lead_member",
    "status",
    "started_on",
    "report_agreed_on",
    "response_due_on",
    "response_received_on",
    "update_interval_months",
]
RECOMMENDATION_FIELDS = [
    "id",
    "council_id",
    "council",
    "committee_id",
    "review_id",
    "review_title",
    "reference",
    "title",
    "text",
    "text_cy",
    "response",
    "response_text",
    "lead_officer",
    "responsible_body_names",
    "target_date",
    "agreed_on",
    "directorate",
    "decision_maker",
    "expected_outcome",
    "status",
    "status_since",
    "revised_target_date",
    "current_target_date",
    "last_update_on",
]
UPDATE_FIELDS = [
    "id",
    "given_on",
    "kind",
    "organisation_id",
    "organisation",
    "given_by_role",
    "given_by_name",
    "meeting_id",
    "agenda_item",
    "summary",
    "summary_cy",
]
ENTRY_FIELDS = [
    "recommendation_id",
    "review_id",
    "council_id",
    "reference",
    "text",
    "text_cy",
    "new_status",
    "revised_target_date",
    "reason",
]
ACTION_FIELDS = [
    "id",
    "council_id",
    "committee_id",
    "meeting_id",
    "meeting_date",
    "about_review_id",
    "text",
    "text_cy",
    "falls_to",
    "falls_to_organisation_name",
    "due_on",
    "due_meeting_id",
    "due_next_meeting",
    "delivered_on",
    "delivered_meeting_id",
]
MEETING_FIELDS = [
    "id",
    "council_id",
    "committee_id",
    "committee_name",
    "date",
    "start_time",
    "venue",
    "cancelled",
]


def _council(queryset, path: str, council_id: int | None):
    return queryset if council_id is None else queryset.filter(**{path: council_id})


def reviews(user, council_id: int | None = None):
    """The reviews ``user`` may see (drafts only for their council's people), by id."""
    rows = Review.objects.visible_to(user).annotate(
        council_id=F("committee__council_id"),
        council=F("committee__council__name"),
        committee_name=F("committee__name"),
    )
    return _council(rows, "committee__council_id", council_id).order_by("pk").values(*REVIEW_FIELDS)


def _bodies():
    """The names of the bodies carrying the recommendation, one string, in one subquery."""
    through = Recommendation.responsible_bodies.through.objects.filter(
        recommendation_id=OuterRef("pk")
    )
    # By name where the database can order within an aggregate (SQLite cannot).
    order = (
        {"order_by": "organisation__name"}
        if connection.features.supports_aggregate_order_by_clause
        else {}
    )
    names = (
        through.order_by()
        .values("recommendation_id")
        .annotate(names=_StringAgg("organisation__name", delimiter=V("; "), **order))
        .values("names")
    )
    return Subquery(names)


def recommendations(user, council_id: int | None = None, queryset=None):
    """The recommendations ``user`` may see (of ``queryset``, a filtered list's, if given),
    each with its status now as ``user`` sees it (the kept timeline: for the public, updates
    at exempt items do not count), by id."""
    rows = Recommendation.objects.visible_to(user) if queryset is None else queryset
    rows = _council(rows, "review__committee__council_id", council_id)
    if "status" not in rows.query.annotations:
        rows = rows.with_status(user=user, council_id=council_id)
    rows = rows.annotate(
        council=F("review__committee__council__name"),
        committee_id=F("review__committee_id"),
        review_title=F("review__title"),
        responsible_body_names=_bodies(),
    )
    return rows.order_by("pk").values(*RECOMMENDATION_FIELDS)


def visible_updates(user, council_id: int | None = None):
    """The progress updates ``user`` may see that speak of a recommendation they may see
    (as an update's page asks), by id."""
    entries = visible_entries(user, council_id)
    return (
        ProgressUpdate.objects.visible_to(user)
        .filter(pk__in=entries.values("update_id"))
        .order_by("pk")
    )


def visible_entries(user, council_id: int | None = None):
    """What the updates ``user`` may see said of the recommendations they may see (the
    live managers leave out deleted updates and recommendations)."""
    entries = UpdateEntry.objects.filter(
        update__in=ProgressUpdate.objects.visible_to(user),
        recommendation__in=Recommendation.objects.visible_to(user),
    )
    return _council(entries, "recommendation__review__committee__council_id", council_id)


def update_entry_rows(user, council_id: int | None = None, update_ids=None):
    """One row per entry ``user`` may see (of the updates ``update_ids``, if given): its
    update's fields (``update_id`` and ``UPDATE_FIELDS``), then its own (``ENTRY_FIELDS``),
    by update, review and reference."""
    entries = visible_entries(user, council_id)
    if update_ids is not None:
        entries = entries.filter(update_id__in=update_ids)
    return (
        entries.annotate(
            given_on=F("update__given_on"),
            kind=F("update__kind"),
            organisation_id=F("update__organisation_id"),
            organisation=F("update__organisation__name"),
            given_by_role=F("update__given_by_role"),
            given_by_name=F("update__given_by_name"),
            meeting_id=F("update__item__meeting_id"),
            agenda_item=F("update__item__number"),
            summary=F("update__summary"),
            summary_cy=F("update__summary_cy"),
            review_id=F("recommendation__review_id"),
            council_id=F("recommendation__review__committee__council_id"),
            reference=F("recommendation__reference"),
        )
        .order_by("update_id", "recommendation__review_id", "recommendation__sort_key", "pk")
        .values("update_id", *UPDATE_FIELDS[1:], *ENTRY_FIELDS)
    )


def agreed_actions(user, council_id: int | None = None):
    """The agreed actions ``user`` may see (none agreed at an exempt item they may not
    see), by id; the review an action is about is given only when ``user`` may see it, as
    the pages drop the link to a draft review."""
    seen = Review.objects.visible_to(user).values("pk")
    rows = AgreedAction.objects.visible_to(user).annotate(
        council_id=F("meeting__committee__council_id"),
        committee_id=F("meeting__committee_id"),
        meeting_date=F("meeting__date"),
        about_review_id=Case(When(review_id__in=seen, then=F("review_id")), default=None),
        falls_to_organisation_name=F("falls_to_organisation__name"),
    )
    rows = _council(rows, "meeting__committee__council_id", council_id).order_by("pk")
    return rows.values(*ACTION_FIELDS)


def meetings(council_id: int | None = None, committee_id: int | None = None):
    """Every meeting (the dates, places and cancellations of committees are public), by
    date."""
    rows = Meeting.objects.annotate(
        council_id=F("committee__council_id"), committee_name=F("committee__name")
    )
    rows = _council(rows, "committee__council_id", council_id)
    if committee_id is not None:
        rows = rows.filter(committee_id=committee_id)
    return rows.order_by("date", "start_time", "pk").values(*MEETING_FIELDS)

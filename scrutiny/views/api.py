"""The read-only JSON API (django-ninja), mounted at /api/v1/ with its OpenAPI description at
/api/v1/openapi.json and its documentation at /api/v1/docs.

Every list reads through ``scrutiny.selectors.opendata``, the pages' visibility: an
anonymous caller sees exactly what the public pages show; a caller signed in to the site
(the session cookie) sees what their pages show them. Lists are paged by number
(``page``, ``page_size`` up to ``MAX_PAGE_SIZE``), each page in a fixed number of queries.
The recommendation list takes the recommendation list page's filters
(``recommendations.filters.RecommendationFilter``), with the same rules.
"""

from __future__ import annotations

import datetime
import math
from itertools import groupby
from operator import itemgetter

from django.shortcuts import redirect
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.openapi.docs import DocsBase

from recommendations.filters import RecommendationFilter
from recommendations.models import Recommendation
from scrutiny.exports.opendata import LICENCE
from scrutiny.selectors import opendata

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class _GovukDocs(DocsBase):
    """/api/v1/docs is the site's own documentation page (``scrutiny:api-docs``), drawn from
    the OpenAPI description: Swagger UI's page is not one the site can vouch for (its
    markup fails the accessibility checks every page passes, and it is in English only)."""

    def render_page(self, request, api, **kwargs):
        return redirect("scrutiny:api-docs")


api = NinjaAPI(
    docs=_GovukDocs(),
    # The description and the docs are read, never posted to, as the lists.
    docs_decorator=require_safe,
    title="Scrutiny recommendation tracker API",
    version="1",
    description=(
        "Read-only: published scrutiny reviews, their recommendations with their status now, "
        "progress updates, agreed actions and meetings. Exempt items, draft reviews and "
        "deleted records never appear to anyone who may not see them on the pages. "
        f"Licensed under the {LICENCE['name']} ({LICENCE['url']})."
    ),
    urls_namespace="api",
)


def _type(schema: dict) -> str:
    """A property's or parameter's type in words: "integer", "date", "string or null"."""
    if "anyOf" in schema:
        return " or ".join(_type(part) for part in schema["anyOf"])
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}"
    return schema.get("format") or schema.get("type", "")


def breakable(address: str) -> str:
    """An address that may wrap after each slash (a narrow screen need not scroll)."""
    return mark_safe("/<wbr>".join(escape(part) for part in address.split("/")))  # noqa: S308


def operations(path_prefix: str) -> list[dict]:
    """Each operation of the API as its documentation page lists it: method, path, what it
    gives, its query parameters, and the fields of each item it lists."""
    schema = api.get_openapi_schema(path_prefix=path_prefix)
    components = schema["components"]["schemas"]
    found = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            ok = operation["responses"][200]["content"]["application/json"]["schema"]
            page = components[ok["$ref"].rsplit("/", 1)[-1]]
            item = components[page["properties"]["results"]["items"]["$ref"].rsplit("/", 1)[-1]]
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "path_html": breakable(path),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "type": _type(p["schema"]),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "fields": [
                        {"name": n, "type": _type(f), "description": f.get("description", "")}
                        for n, f in item["properties"].items()
                    ],
                }
            )
    return found


class Licence(Schema):
    name: str
    url: str


class Paging(Schema):
    page: int = Field(1, ge=1, description="The page, from 1.")
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items a page.")


class Place(Schema):
    council: int | None = Field(None, description="Only this council's (its id).")
    committee: int | None = Field(None, description="Only this committee's (its id).")


class PageOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None
    licence: Licence


class ReviewOut(Schema):
    id: int
    council_id: int
    council: str
    committee_id: int
    committee_name: str
    title: str
    title_cy: str
    report_title: str
    summary: str
    summary_cy: str
    lead_member: str
    status: str
    started_on: datetime.date | None
    report_agreed_on: datetime.date | None
    response_due_on: datetime.date | None
    response_received_on: datetime.date | None
    update_interval_months: int


class RecommendationOut(Schema):
    id: int
    council_id: int
    council: str
    committee_id: int
    review_id: int
    review_title: str
    reference: str
    title: str
    text: str
    text_cy: str
    response: str
    response_text: str
    lead_officer: str
    responsible_body_names: str | None = Field(description="Names, separated by '; '.")
    target_date: datetime.date | None
    agreed_on: datetime.date | None
    directorate: str
    decision_maker: str
    expected_outcome: str
    status: str = Field(description="Its status now, as the caller may see it.")
    status_since: datetime.date | None
    revised_target_date: datetime.date | None
    current_target_date: datetime.date | None
    last_update_on: datetime.date | None


class EntryOut(Schema):
    recommendation_id: int
    review_id: int
    council_id: int
    reference: str
    text: str
    text_cy: str
    new_status: str
    revised_target_date: datetime.date | None
    reason: str


class UpdateOut(Schema):
    id: int
    given_on: datetime.date
    kind: str
    organisation_id: int
    organisation: str
    given_by_role: str
    given_by_name: str
    meeting_id: int | None
    agenda_item: int | None
    summary: str
    summary_cy: str
    entries: list[EntryOut]


class ActionOut(Schema):
    id: int
    council_id: int
    committee_id: int
    meeting_id: int
    meeting_date: datetime.date
    about_review_id: int | None = Field(description="Only when the caller may see the review.")
    text: str
    text_cy: str
    falls_to: str
    falls_to_organisation_name: str | None
    due_on: datetime.date | None
    due_meeting_id: int | None
    due_next_meeting: bool
    delivered_on: datetime.date | None
    delivered_meeting_id: int | None


class MeetingOut(Schema):
    id: int
    council_id: int
    committee_id: int
    committee_name: str
    date: datetime.date
    start_time: datetime.time | None
    venue: str
    cancelled: bool


class ReviewPage(PageOut):
    results: list[ReviewOut]


class RecommendationPage(PageOut):
    results: list[RecommendationOut]


class UpdatePage(PageOut):
    results: list[UpdateOut]


class ActionPage(PageOut):
    results: list[ActionOut]


class MeetingPage(PageOut):
    results: list[MeetingOut]


class FilterErrors(Schema):
    errors: dict[str, list[str]]


class RecommendationFilters(Schema):
    """The recommendation list page's filters, by the same names and values."""

    council: str | None = None
    committee: str | None = None
    review: str | None = None
    body: str | None = Field(None, description="A responsible body's id.")
    directorate: str | None = None
    decision_maker: str | None = None
    status: str | None = Field(None, description="not_started, on_track, slipped, ...")
    response: str | None = None
    overdue: str | None = Field(None, description="yes or no.")
    sign_off: str | None = Field(None, description="proposed")
    no_update_for: str | None = Field(None, description="Months, 1 to 240.")


def _link(request, page: int | None) -> str | None:
    if page is None:
        return None
    query = request.GET.copy()
    query["page"] = page
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _page(request, rows, paging: Paging, items=list) -> dict:
    """One page of ``rows`` (a queryset), its items made by ``items``, with the count and
    the links to the pages either side: two queries."""
    count = rows.count()
    pages = max(1, math.ceil(count / paging.page_size))
    start = (paging.page - 1) * paging.page_size
    results = items(rows[start : start + paging.page_size]) if start < count else []
    return {
        "count": count,
        "page": paging.page,
        "page_size": paging.page_size,
        "pages": pages,
        "next": _link(request, paging.page + 1 if paging.page < pages else None),
        "previous": _link(request, min(paging.page - 1, pages) if paging.page > 1 else None),
        "licence": LICENCE,
        "results": results,
    }


def _at(rows, place: Place, committee_path: str):
    return rows if place.committee is None else rows.filter(**{committee_path: place.committee})


@api.get("/reviews", response=ReviewPage, tags=["reviews"])
def review_list(request, paging: Query[Paging], place: Query[Place]):
    """The reviews the caller may see (published ones, for the public), by id."""
    rows = opendata.reviews(request.user, place.council)
    return _page(request, _at(rows, place, "committee_id"), paging)


@api.get(
    "/recommendations",
    response={200: RecommendationPage, 400: FilterErrors},
    tags=["recommendations"],
)
def recommendation_list(request, paging: Query[Paging], filters: Query[RecommendationFilters]):
    """The recommendations the caller may see, with their status now, narrowed by the
    recommendation list page's filters; invalid filters are a 400 naming each error."""
    chosen = RecommendationFilter(
        request.GET, Recommendation.objects.visible_to(request.user), request=request
    )
    if not chosen.is_valid():
        return Status(400, {"errors": {k: [str(m) for m in v] for k, v in chosen.errors.items()}})
    return _page(request, opendata.recommendations(request.user, queryset=chosen.qs), paging)


def _updates_with_entries(user, council_id):
    def items(updates) -> list[dict]:
        ids = [update.pk for update in updates]
        rows = opendata.update_entry_rows(user, council_id, update_ids=ids)
        found = []
        for update_id, entries in groupby(rows, key=itemgetter("update_id")):
            entries = list(entries)
            found.append({**entries[0], "id": update_id, "entries": entries})
        return found

    return items


@api.get("/updates", response=UpdatePage, tags=["updates"])
def update_list(request, paging: Query[Paging], council: int | None = None):
    """The progress updates the caller may see, by id, each with what it said of the
    recommendations the caller may see."""
    updates = opendata.visible_updates(request.user, council)
    return _page(request, updates, paging, _updates_with_entries(request.user, council))


@api.get("/actions", response=ActionPage, tags=["agreed actions"])
def action_list(request, paging: Query[Paging], place: Query[Place]):
    """The actions committees agreed that the caller may see, by id."""
    rows = opendata.agreed_actions(request.user, place.council)
    return _page(request, _at(rows, place, "meeting__committee_id"), paging)


@api.get("/meetings", response=MeetingPage, tags=["meetings"])
def meeting_list(request, paging: Query[Paging], place: Query[Place]):
    """Committees' meetings, by date: dates, times, venues and cancellations are public."""
    rows = opendata.meetings(place.council, place.committee)
    return _page(request, rows, paging)

"""The read-only JSON API (django-ninja), mounted at /api/v1/ with its OpenAPI description at
/api/v1/openapi.json and its documentation at /api/v1/docs.

Every list reads through ``scrutiny.selectors.opendata``, the pages' visibility: an
anonymous caller sees exactly what the public pages show; a caller signed in to the site
(the session cookie) sees what their pages show them. Lists are paged by number
(``page``, ``page_size`` up to ``MAX_PAGE_SIZE``), each page in a fixed number of queries.
The recommendation list takes the recommendation list page's filters
(``recommendations.filters.RecommendationFilter``), with the same rules. A review, a
recommendation and a meeting are also read one at a time (404 for one the caller may not
see). Statuses and responses come as values and as labels in the reader's language
(``?lang=cy``, else the Accept-Language header's), a status in its council's own words.
"""

from __future__ import annotations

import math
from itertools import groupby
from operator import itemgetter

from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Query, Status
from ninja.openapi.docs import DocsBase

from recommendations.filters import RecommendationFilter
from recommendations.models import Recommendation, Response, StatusWords
from scrutiny.exports.opendata import LICENCE
from scrutiny.models import Review
from scrutiny.selectors import opendata
from scrutiny.views.api_schemas import (
    ActionPage,
    FilterErrors,
    MeetingOut,
    MeetingPage,
    NotFound,
    Paging,
    Place,
    Reading,
    RecommendationFilters,
    RecommendationOut,
    RecommendationPage,
    ReviewOut,
    ReviewPage,
    UpdatePage,
)


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
            item = components[ok["$ref"].rsplit("/", 1)[-1]]
            if "results" in item["properties"]:  # a list: the fields of each of its items
                item = components[item["properties"]["results"]["items"]["$ref"].rsplit("/")[-1]]
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


def _language(request, reading: Reading) -> str:
    """The reader's language: ``?lang=``, else the request's (its Accept-Language)."""
    return reading.lang or translation.get_language_from_request(request)


def _response_label(value: str) -> str:
    return str(dict(Response.choices).get(value, value))


def _reviews_labelled(rows) -> list[dict]:
    stages = dict(Review.Status.choices)
    return [{**row, "status_label": str(stages.get(row["status"], row["status"]))} for row in rows]


def _recommendations_labelled(words: StatusWords):
    """Each recommendation with its status in its council's words and its response."""

    def items(rows) -> list[dict]:
        return [
            {
                **row,
                "status_label": words.label(row["status"], row["council_id"]),
                "response_label": _response_label(row["response"]),
            }
            for row in rows
        ]

    return items


def _at(rows, place: Place, committee_path: str):
    return rows if place.committee is None else rows.filter(**{committee_path: place.committee})


@api.get("/reviews", response=ReviewPage, tags=["reviews"])
def review_list(request, paging: Query[Paging], place: Query[Place], reading: Query[Reading]):
    """The reviews the caller may see (published ones, for the public), by id."""
    rows = opendata.reviews(request.user, place.council)
    with translation.override(_language(request, reading)):
        return _page(request, _at(rows, place, "committee_id"), paging, _reviews_labelled)


@api.get("/reviews/{review_id}", response={200: ReviewOut, 404: NotFound}, tags=["reviews"])
def review_detail(request, review_id: int, reading: Query[Reading]):
    """One review the caller may see: 404 for a draft they may not see, as its page."""
    row = opendata.reviews(request.user).filter(pk=review_id).first()
    if row is None:
        raise Http404
    with translation.override(_language(request, reading)):
        return _reviews_labelled([row])[0]


@api.get(
    "/recommendations",
    response={200: RecommendationPage, 400: FilterErrors},
    tags=["recommendations"],
)
def recommendation_list(
    request,
    paging: Query[Paging],
    filters: Query[RecommendationFilters],
    reading: Query[Reading],
):
    """The recommendations the caller may see, with their status now, narrowed by the
    recommendation list page's filters; invalid filters are a 400 naming each error."""
    words = StatusWords()
    visible = Recommendation.objects.visible_to(request.user)
    chosen = RecommendationFilter(request.GET, visible, request=request, status_words=words)
    if not chosen.is_valid():
        return Status(400, {"errors": {k: [str(m) for m in v] for k, v in chosen.errors.items()}})
    rows = opendata.recommendations(request.user, queryset=chosen.qs)
    with translation.override(_language(request, reading)):
        return _page(request, rows, paging, _recommendations_labelled(words))


@api.get(
    "/recommendations/{recommendation_id}",
    response={200: RecommendationOut, 404: NotFound},
    tags=["recommendations"],
)
def recommendation_detail(request, recommendation_id: int, reading: Query[Reading]):
    """One recommendation the caller may see, with its status now: 404 for one of a draft
    review they may not see, or a deleted one, as its page."""
    row = opendata.recommendations(request.user).filter(pk=recommendation_id).first()
    if row is None:
        raise Http404
    with translation.override(_language(request, reading)):
        return _recommendations_labelled(StatusWords())([row])[0]


def _updates_with_entries(user, council_id):
    words = StatusWords()

    def items(updates) -> list[dict]:
        ids = [update.pk for update in updates]
        rows = opendata.update_entry_rows(user, council_id, update_ids=ids)
        rows = [
            {**row, "new_status_label": words.label(row["new_status"], row["council_id"])}
            for row in rows
        ]
        found = []
        for update_id, entries in groupby(rows, key=itemgetter("update_id")):
            entries = list(entries)
            found.append({**entries[0], "id": update_id, "entries": entries})
        return found

    return items


@api.get("/updates", response=UpdatePage, tags=["updates"])
def update_list(
    request, paging: Query[Paging], reading: Query[Reading], council: int | None = None
):
    """The progress updates the caller may see, by id, each with what it said of the
    recommendations the caller may see."""
    updates = opendata.visible_updates(request.user, council)
    with translation.override(_language(request, reading)):
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


@api.get("/meetings/{meeting_id}", response={200: MeetingOut, 404: NotFound}, tags=["meetings"])
def meeting_detail(request, meeting_id: int):
    """One committee meeting: its date, time, venue and whether it was cancelled."""
    row = opendata.meetings().filter(pk=meeting_id).first()
    if row is None:
        raise Http404
    return row

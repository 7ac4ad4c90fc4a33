"""The JSON API's schemas: what each list and item gives, as its OpenAPI description
says it (``scrutiny.views.api``)."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class Licence(Schema):
    name: str
    url: str


class Paging(Schema):
    page: int = Field(1, ge=1, description="The page, from 1.")
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items a page.")


class Reading(Schema):
    lang: Literal["en", "cy"] | None = Field(
        None,
        description=(
            "The language of the labels (status_label, response_label...): en or cy. "
            "Without it, the Accept-Language header's (cy gives Welsh), else English."
        ),
    )


class NotFound(Schema):
    detail: str


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
    status_label: str = Field(description="The review's stage in the reader's language.")
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
    response_label: str = Field(description="The executive response in the reader's language.")
    response_text: str
    lead_officer: str
    responsible_body_names: str | None = Field(description="Names, separated by '; '.")
    target_date: datetime.date | None
    agreed_on: datetime.date | None
    directorate: str
    decision_maker: str
    expected_outcome: str
    status: str = Field(description="Its status now, as the caller may see it.")
    status_label: str = Field(
        description="Its status in the council's own words where it set them, else ours, in "
        "the reader's language."
    )
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
    new_status_label: str = Field(description="As status_label; empty when no new status.")
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

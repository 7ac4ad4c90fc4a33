"""Date fields (day, month and year boxes): impossible dates, dates a form's rules forbid
and missing required dates are refused with nothing saved; real dates are stored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone
from hypothesis import event, example, given

from recommendations.models import ProgressUpdate, Recommendation, UpdateEntry
from scrutiny.models import AgreedAction, ExecutiveDecision, Meeting, Review
from tests.hostile_input.helpers import MAY, entry_of, form_of, pk_in, rows
from tests.support.hostile import (
    HOSTILE,
    assert_rejected,
    assert_saved,
    date_data,
    date_outcome,
    filled,
    hostile_date,
    post,
    rolled_back,
)

pytestmark = pytest.mark.django_db


@dataclass
class DateCase:
    """One date field (day, month and year boxes called ``name``_0, _1, _2): whether the
    form needs it, a rule the form adds (``allowed``), what else makes the form valid, and
    where the saved date is read back."""

    id: str
    url: Callable
    name: Callable
    required: bool
    fixed: Callable
    stored: Callable
    models: tuple
    allowed: Callable = lambda day: True


DATE_CASES = [
    DateCase(
        id="meeting-date",
        url=lambda w: f"/committees/{w.committee.pk}/meetings/new/",
        name=lambda w: "date",
        required=True,
        fixed=lambda w: {},
        stored=lambda w, loc: Meeting.objects.get(pk=pk_in(loc)).date,
        models=(Meeting,),
    ),
    DateCase(
        id="review-started-on",
        url=lambda w: "/reviews/new/",
        name=lambda w: "started_on",
        required=False,
        fixed=lambda w: {"committee": str(w.committee.pk), "title": "Dates review"},
        stored=lambda w, loc: Review.objects.get(pk=pk_in(loc)).started_on,
        models=(Review,),
    ),
    DateCase(
        id="decision-decided-on",
        url=lambda w: "/decisions/new/",
        name=lambda w: "decided_on",
        required=True,
        fixed=lambda w: {
            "decided_by": str(w.cabinet.pk),
            "minute_number": "C999",
            "title": "A decision",
            "resolutions-0-text": "THAT it be approved.",
        },
        stored=lambda w, loc: ExecutiveDecision.objects.get(pk=pk_in(loc)).decided_on,
        models=(ExecutiveDecision,),
    ),
    DateCase(
        id="recommendation-target-date",
        url=lambda w: f"/reviews/{w.review.pk}/recommendations/new/",
        name=lambda w: "target_date",
        required=False,
        fixed=lambda w: {"text": "That the council acts."},
        stored=lambda w, loc: Recommendation.objects.get(pk=pk_in(loc)).target_date,
        models=(Recommendation,),
    ),
    DateCase(
        id="response-target-date",
        url=lambda w: f"/recommendations/{w.recs[0].pk}/response/",
        name=lambda w: "target_date",
        required=False,
        fixed=lambda w: {"response": "accepted"},
        stored=lambda w, loc: Recommendation.objects.get(pk=w.recs[0].pk).target_date,
        models=(Recommendation,),
    ),
    DateCase(
        id="action-due-on",
        url=lambda w: f"/meetings/{w.meeting.pk}/actions/new/",
        name=lambda w: "due_on",
        required=False,
        fixed=lambda w: {"text": "That a report comes back."},
        stored=lambda w, loc: AgreedAction.objects.latest("pk").due_on,
        models=(AgreedAction,),
        allowed=lambda day: day >= MAY,
    ),
    DateCase(
        id="update-given-on",
        url=lambda w: f"/reviews/{w.review.pk}/updates/new/",
        name=lambda w: "given_on",
        required=True,
        fixed=lambda w: {"given_by_role": "Director", f"rec-{w.recs[0].pk}-text": "Under way."},
        stored=lambda w, loc: ProgressUpdate.objects.get(pk=pk_in(loc)).given_on,
        models=(ProgressUpdate, UpdateEntry),
        allowed=lambda day: day <= timezone.localdate(),
    ),
    DateCase(
        id="update-revised-target-date",
        url=lambda w: f"/reviews/{w.review.pk}/updates/new/",
        name=lambda w: f"rec-{w.recs[0].pk}-revised_target_date",
        required=False,
        fixed=lambda w: {"given_by_role": "Director", f"rec-{w.recs[0].pk}-text": "Under way."},
        stored=lambda w, loc: entry_of(w).revised_target_date,
        models=(ProgressUpdate, UpdateEntry),
    ),
    DateCase(
        id="record-revised-target-date",
        url=lambda w: f"/meetings/{w.meeting.pk}/record/",
        name=lambda w: f"item-6-rec-{w.recs[0].pk}-revised_target_date",
        required=False,
        fixed=lambda w: {
            "item-6-update-given_by_role": "Representative",
            "item-6-update-organisation": str(w.council.pk),
            f"item-6-rec-{w.recs[0].pk}-text": "Under way.",
        },
        stored=lambda w, loc: entry_of(w, at_item=True).revised_target_date,
        models=(ProgressUpdate, UpdateEntry),
    ),
    DateCase(
        id="record-action-due-on",
        url=lambda w: f"/meetings/{w.meeting.pk}/record/",
        name=lambda w: "item-6-action-1-due_on",
        required=True,
        fixed=lambda w: {
            "item-6-action-1-text": "A report to come back.",
            "item-6-action-1-due": "date",
        },
        stored=lambda w, loc: AgreedAction.objects.latest("pk").due_on,
        models=(AgreedAction,),
        allowed=lambda day: day >= MAY,
    ),
]


@pytest.mark.parametrize("case", DATE_CASES, ids=[c.id for c in DATE_CASES])
@HOSTILE
@example(parts=("31", "2", "2021"))
@example(parts=("1", "13", "2021"))
@example(parts=("-1", "0", "99999"))
@given(parts=hostile_date())
def test_date_fields_refuse_impossible_dates(ds, w, case, parts):
    name = case.name(w)
    url = case.url(w)
    defaults = form_of(ds, url, f"{name}_0")
    meant = date_outcome(parts)
    if meant == "invalid":
        valid = False
    else:
        valid = case.allowed(meant) if meant is not None else not case.required
    with rolled_back():
        before = rows(*case.models)
        response = post(ds, url, filled(defaults, **case.fixed(w), **date_data(name, parts)))
        if not valid:
            event("refused")
            assert_rejected(response, *parts)
            assert rows(*case.models) == before
            return
        event("saved")
        assert case.stored(w, assert_saved(response)) == meant

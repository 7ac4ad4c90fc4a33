"""Number fields: what is not a plausible whole number, or is outside a form's range, is
refused with nothing saved; a plausible one is stored as Django reads it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import event, example, given

from scrutiny.models import AgendaItem, DecisionPoint, ExecutiveDecision, Review
from tests.hostile_input.helpers import django_int, form_of, pk_in, rows
from tests.support.hostile import (
    HOSTILE,
    assert_rejected,
    assert_saved,
    date_data,
    filled,
    hostile_number,
    post,
    rolled_back,
    whole_number,
)

pytestmark = pytest.mark.django_db


@dataclass
class NumberCase:
    id: str
    url: Callable
    name: str
    fixed: Callable
    allowed: Callable
    stored: Callable
    models: tuple


NUMBER_CASES = [
    NumberCase(
        id="item-number",
        url=lambda w: f"/meetings/{w.meeting.pk}/items/new/",
        name="number",
        fixed=lambda w: {"title": "An item"},
        allowed=lambda n: 1 <= n <= 999 and n != 6,
        stored=lambda w, loc: AgendaItem.objects.latest("pk").number,
        models=(AgendaItem,),
    ),
    NumberCase(
        id="decision-point-number",
        url=lambda w: "/decisions/new/",
        name="resolutions-0-number",
        fixed=lambda w: {
            "decided_by": str(w.cabinet.pk),
            "minute_number": "C999",
            "title": "A decision",
            **date_data("decided_on", ("6", "11", "2017")),
            "resolutions-0-text": "THAT it be approved.",
        },
        allowed=lambda n: 1 <= n <= 999,
        stored=lambda w, loc: ExecutiveDecision.objects.get(pk=pk_in(loc)).points.get().number,
        models=(ExecutiveDecision, DecisionPoint),
    ),
    NumberCase(
        id="review-update-interval",
        url=lambda w: "/reviews/new/",
        name="update_interval_months",
        fixed=lambda w: {"committee": str(w.committee.pk), "title": "Numbers review"},
        allowed=lambda n: 1 <= n <= 36,
        stored=lambda w, loc: Review.objects.get(pk=pk_in(loc)).update_interval_months,
        models=(Review,),
    ),
]


@pytest.mark.parametrize("case", NUMBER_CASES, ids=[c.id for c in NUMBER_CASES])
@HOSTILE
@example(value="99999999999999999999")
@example(value="-1")
@example(value="\u00b2")
@example(value="1\x00")
@given(value=hostile_number())
def test_number_fields_refuse_what_is_not_a_plausible_number(ds, w, case, value):
    url = case.url(w)
    defaults = form_of(ds, url, case.name)
    meant = django_int(value)
    valid = meant is not None and case.allowed(meant)
    if whole_number(value) is not None:
        assert meant == whole_number(value)
    with rolled_back():
        before = rows(*case.models)
        response = post(ds, url, filled(defaults, **case.fixed(w), **{case.name: value}))
        if not valid:
            event("refused")
            assert_rejected(response, value)
            assert rows(*case.models) == before
            return
        event("saved")
        assert case.stored(w, assert_saved(response)) == meant

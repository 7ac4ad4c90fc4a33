"""Text fields of every form: markup, template syntax, SQL-ish text, odd Unicode, NUL
characters and 10 000-character strings are stored as typed (less the spaces at their
ends) and shown escaped, or refused with an error summary, nothing saved and nothing typed
lost."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from recommendations.models import ProgressUpdate, Recommendation, UpdateEntry
from scrutiny.common.forms import TEXT_LIMIT
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Review,
)
from tests.hostile_input.helpers import form_of, pk_in, rows
from tests.support.hostile import (
    HOSTILE,
    LONG,
    MARKUP,
    NUL,
    ODD_UNICODE,
    SQLISH,
    Text,
    assert_no_raw_markup,
    assert_rejected,
    assert_saved,
    date_data,
    filled,
    hostile_text,
    post,
    rolled_back,
    shows_escaped,
)

pytestmark = pytest.mark.django_db


def latest(model):
    return lambda w, location: model.objects.latest("pk")


@dataclass
class Case:
    """One form's text fields. ``texts`` names the fields to fill with hostile text and
    their rules; ``fixed`` fills what else the form needs to be valid; ``saved`` finds
    what a valid post saved and ``stored`` reads each field back from it; ``page`` is a
    page that shows the values, ``shown`` the fields it shows in full."""

    id: str
    url: Callable
    texts: Callable
    saved: Callable
    stored: Callable
    page: Callable
    shown: tuple | Callable = ()
    fixed: Callable = lambda w: {}
    models: tuple = ()
    valid: Callable | None = None
    expected: Callable | None = None

    def is_valid(self, specs: dict[str, Text], values: dict[str, str]) -> bool:
        if self.valid is not None:
            return self.valid(specs, values)
        return all(specs[name].valid(value) for name, value in values.items())

    def expect(self, values: dict[str, str]) -> dict[str, str | None]:
        if self.expected is not None:
            return self.expected(values)
        return {name: Text.stored(value) for name, value in values.items()}


def _attrs(*names):
    return lambda w, obj: {name: getattr(obj, name) for name in names}


COMMITTEE_TEXTS = {
    "name": Text(required=True, max_length=200),
    "chair": Text(max_length=200),
    "vice_chair": Text(max_length=200),
    "remit": Text(),
}
MEETING_TEXTS = {"venue": Text(max_length=200)}
ITEM_TEXTS = {
    "title": Text(required=True, max_length=300),
    "description": Text(),
    "exempt_reason": Text(required=True, max_length=300),
}
ACTION_TEXTS = {"text": Text(required=True), "falls_to": Text(max_length=300)}
REVIEW_TEXTS = {
    "title": Text(required=True, max_length=300),
    "report_title": Text(max_length=300),
    "lead_member": Text(max_length=200),
    "summary": Text(),
}
DECISION_TEXTS = {
    "minute_number": Text(required=True, max_length=30),
    "title": Text(required=True, max_length=400),
    "summary": Text(),
}
RECOMMENDATION_TEXTS = {
    "title": Text(max_length=300),
    "text": Text(required=True, max_length=TEXT_LIMIT),
    "lead_officer": Text(max_length=200),
    "directorate": Text(max_length=200),
    "decision_maker": Text(max_length=200),
    "expected_outcome": Text(),
}


def _decision_stored(w, decision):
    points = {(p.kind, p.number): p.text for p in decision.points.all()}
    return {
        "minute_number": decision.minute_number,
        "title": decision.title,
        "summary": decision.summary,
        "resolutions-0-text": points.get((DecisionPoint.Kind.RESOLUTION, 1)),
        "reasons-0-text": points.get((DecisionPoint.Kind.REASON, 1)),
    }


def _reason_or_none(values):
    """A new decision's blank row of reasons is no reason at all."""
    expected = {name: Text.stored(value) for name, value in values.items()}
    expected["reasons-0-text"] = expected["reasons-0-text"] or None
    return expected


def _update_texts(w):
    one, two = (f"rec-{r.pk}" for r in w.recs)
    return {
        "given_by_role": Text(required=True, max_length=200),
        "given_by_name": Text(max_length=200),
        "summary": Text(max_length=TEXT_LIMIT),
        f"{one}-text": Text(required=True, max_length=TEXT_LIMIT),
        f"{one}-reason": Text(),
        f"{two}-text": Text(max_length=TEXT_LIMIT),
    }


def _update_stored(w, update):
    entries = {e.recommendation_id: e for e in update.entries.all()}
    one, two = (entries.get(r.pk) for r in w.recs)
    first, second = (f"rec-{r.pk}" for r in w.recs)
    return {
        "given_by_role": update.given_by_role,
        "given_by_name": update.given_by_name,
        "summary": update.summary,
        f"{first}-text": one.text,
        f"{first}-reason": one.reason,
        f"{second}-text": two.text if two else "",
    }


def _record_texts(w):
    rec = f"item-6-rec-{w.recs[0].pk}"
    return {
        "item-6-update-given_by_role": Text(max_length=200),
        "item-6-update-given_by_name": Text(max_length=200),
        "item-6-update-summary": Text(max_length=TEXT_LIMIT),
        f"{rec}-text": Text(max_length=TEXT_LIMIT),
        "item-6-action-1-text": Text(),
        "item-6-action-1-falls_to": Text(max_length=300),
    }


def _record_valid(specs, values):
    """The record screen's rules: an update is recorded when it says something of a
    recommendation, and then needs its role; an action row with anything typed needs its
    words; something must be recorded."""
    if not all(specs[name].valid(value) for name, value in values.items()):
        return False
    said = {name: Text.stored(value) for name, value in values.items()}
    entry = next(v for n, v in said.items() if "-rec-" in n)
    role, name, summary = (
        said[f"item-6-update-{f}"] for f in ("given_by_role", "given_by_name", "summary")
    )
    if entry and not role:
        return False
    if not entry and (role or name or summary):
        return False
    text, falls_to = said["item-6-action-1-text"], said["item-6-action-1-falls_to"]
    if falls_to and not text:
        return False
    return bool(entry or text)


def _record_stored(w, location):
    update = ProgressUpdate.objects.filter(item=w.item).exclude(pk=w.update.pk).first()
    action = AgreedAction.objects.filter(item=w.item).exclude(pk=w.action.pk).first()
    entry = update.entries.get() if update else None
    return {
        "item-6-update-given_by_role": update.given_by_role if update else "",
        "item-6-update-given_by_name": update.given_by_name if update else "",
        "item-6-update-summary": update.summary if update else "",
        f"item-6-rec-{w.recs[0].pk}-text": entry.text if entry else "",
        "item-6-action-1-text": action.text if action else "",
        "item-6-action-1-falls_to": action.falls_to if action else "",
    }


CASES = [
    Case(
        id="committee-create",
        url=lambda w: "/committees/new/",
        texts=lambda w: COMMITTEE_TEXTS,
        saved=lambda w, loc: Committee.objects.get(pk=pk_in(loc)),
        stored=_attrs(*COMMITTEE_TEXTS),
        page=lambda w, obj: f"/committees/{obj.pk}/",
        shown=("name", "chair", "vice_chair", "remit"),
        models=(Committee,),
    ),
    Case(
        id="committee-edit",
        url=lambda w: f"/committees/{w.committee.pk}/edit/",
        texts=lambda w: COMMITTEE_TEXTS,
        saved=lambda w, loc: Committee.objects.get(pk=w.committee.pk),
        stored=_attrs(*COMMITTEE_TEXTS),
        page=lambda w, obj: f"/committees/{obj.pk}/",
        shown=("name", "chair", "vice_chair", "remit"),
        models=(Committee,),
    ),
    Case(
        id="meeting-create",
        url=lambda w: f"/committees/{w.committee.pk}/meetings/new/",
        texts=lambda w: MEETING_TEXTS,
        fixed=lambda w: date_data("date", ("1", "3", "2022")),
        saved=lambda w, loc: Meeting.objects.get(pk=pk_in(loc)),
        stored=_attrs("venue"),
        page=lambda w, obj: f"/meetings/{obj.pk}/",
        shown=("venue",),
        models=(Meeting,),
    ),
    Case(
        id="meeting-edit",
        url=lambda w: f"/meetings/{w.meeting.pk}/edit/",
        texts=lambda w: MEETING_TEXTS,
        saved=lambda w, loc: Meeting.objects.get(pk=w.meeting.pk),
        stored=_attrs("venue"),
        page=lambda w, obj: f"/meetings/{obj.pk}/",
        shown=("venue",),
        models=(Meeting,),
    ),
    Case(
        id="item-create",
        url=lambda w: f"/meetings/{w.meeting.pk}/items/new/",
        texts=lambda w: ITEM_TEXTS,
        fixed=lambda w: {"exempt": "on"},
        saved=latest(AgendaItem),
        stored=_attrs(*ITEM_TEXTS),
        page=lambda w, obj: f"/meetings/{obj.meeting_id}/",
        shown=("title", "description", "exempt_reason"),
        models=(AgendaItem,),
    ),
    Case(
        id="item-edit",
        url=lambda w: f"/items/{w.item.pk}/edit/",
        texts=lambda w: ITEM_TEXTS,
        fixed=lambda w: {"exempt": "on"},
        saved=lambda w, loc: AgendaItem.objects.get(pk=w.item.pk),
        stored=_attrs(*ITEM_TEXTS),
        page=lambda w, obj: f"/meetings/{obj.meeting_id}/",
        shown=("title", "description", "exempt_reason"),
        models=(AgendaItem,),
    ),
    Case(
        id="action-create",
        url=lambda w: f"/meetings/{w.meeting.pk}/actions/new/",
        texts=lambda w: ACTION_TEXTS,
        saved=latest(AgreedAction),
        stored=_attrs(*ACTION_TEXTS),
        page=lambda w, obj: f"/meetings/{obj.meeting_id}/",
        shown=("text", "falls_to"),
        models=(AgreedAction,),
    ),
    Case(
        id="action-edit",
        url=lambda w: f"/actions/{w.action.pk}/edit/",
        texts=lambda w: ACTION_TEXTS,
        saved=lambda w, loc: AgreedAction.objects.get(pk=w.action.pk),
        stored=_attrs(*ACTION_TEXTS),
        page=lambda w, obj: f"/meetings/{obj.meeting_id}/",
        shown=("text", "falls_to"),
        models=(AgreedAction,),
    ),
    Case(
        id="review-create",
        url=lambda w: "/reviews/new/",
        texts=lambda w: REVIEW_TEXTS,
        fixed=lambda w: {"committee": str(w.committee.pk)},
        saved=lambda w, loc: Review.objects.get(pk=pk_in(loc)),
        stored=_attrs(*REVIEW_TEXTS),
        page=lambda w, obj: f"/reviews/{obj.pk}/",
        shown=tuple(REVIEW_TEXTS),
        models=(Review,),
    ),
    Case(
        id="review-edit",
        url=lambda w: f"/reviews/{w.review.pk}/edit/",
        texts=lambda w: REVIEW_TEXTS,
        saved=lambda w, loc: Review.objects.get(pk=w.review.pk),
        stored=_attrs(*REVIEW_TEXTS),
        page=lambda w, obj: f"/reviews/{obj.pk}/",
        shown=tuple(REVIEW_TEXTS),
        models=(Review,),
    ),
    Case(
        id="decision-create",
        url=lambda w: "/decisions/new/",
        texts=lambda w: {
            **DECISION_TEXTS,
            # A decision has at least one resolution; a reason is optional.
            "resolutions-0-text": Text(required=True),
            "reasons-0-text": Text(),
        },
        fixed=lambda w: {
            "decided_by": str(w.cabinet.pk),
            **date_data("decided_on", ("6", "11", "2017")),
        },
        saved=lambda w, loc: ExecutiveDecision.objects.get(pk=pk_in(loc)),
        stored=_decision_stored,
        page=lambda w, obj: f"/decisions/{obj.pk}/",
        shown=(*DECISION_TEXTS, "resolutions-0-text", "reasons-0-text"),
        models=(ExecutiveDecision, DecisionPoint),
        expected=_reason_or_none,
    ),
    Case(
        id="decision-edit",
        url=lambda w: f"/decisions/{w.decision.pk}/edit/",
        texts=lambda w: {**DECISION_TEXTS, "resolutions-0-text": Text(required=True)},
        saved=lambda w, loc: ExecutiveDecision.objects.get(pk=w.decision.pk),
        stored=lambda w, obj: {
            k: v for k, v in _decision_stored(w, obj).items() if k != "reasons-0-text"
        },
        page=lambda w, obj: f"/decisions/{obj.pk}/",
        shown=(*DECISION_TEXTS, "resolutions-0-text"),
        models=(ExecutiveDecision, DecisionPoint),
    ),
    Case(
        id="recommendation-create",
        url=lambda w: f"/reviews/{w.review.pk}/recommendations/new/",
        texts=lambda w: RECOMMENDATION_TEXTS,
        saved=lambda w, loc: Recommendation.objects.get(pk=pk_in(loc)),
        stored=_attrs(*RECOMMENDATION_TEXTS),
        page=lambda w, obj: f"/recommendations/{obj.pk}/",
        shown=tuple(RECOMMENDATION_TEXTS),
        models=(Recommendation,),
    ),
    Case(
        id="recommendation-edit",
        url=lambda w: f"/recommendations/{w.recs[0].pk}/edit/",
        texts=lambda w: RECOMMENDATION_TEXTS,
        saved=lambda w, loc: Recommendation.objects.get(pk=w.recs[0].pk),
        stored=_attrs(*RECOMMENDATION_TEXTS),
        page=lambda w, obj: f"/recommendations/{obj.pk}/",
        shown=tuple(RECOMMENDATION_TEXTS),
        models=(Recommendation,),
    ),
    Case(
        id="executive-response",
        url=lambda w: f"/recommendations/{w.recs[0].pk}/response/",
        texts=lambda w: {"response_text": Text(), "lead_officer": Text(max_length=200)},
        fixed=lambda w: {"response": "accepted"},
        saved=lambda w, loc: Recommendation.objects.get(pk=w.recs[0].pk),
        stored=_attrs("response_text", "lead_officer"),
        page=lambda w, obj: f"/recommendations/{obj.pk}/",
        shown=("response_text", "lead_officer"),
        models=(Recommendation,),
    ),
    Case(
        id="progress-update",
        url=lambda w: f"/reviews/{w.review.pk}/updates/new/",
        texts=_update_texts,
        saved=lambda w, loc: ProgressUpdate.objects.get(pk=pk_in(loc)),
        stored=_update_stored,
        page=lambda w, obj: f"/updates/{obj.pk}/",
        shown=lambda w: (
            "given_by_role",
            "given_by_name",
            "summary",
            *(f"rec-{w.recs[0].pk}-{f}" for f in ("text", "reason")),
            f"rec-{w.recs[1].pk}-text",
        ),
        models=(ProgressUpdate, UpdateEntry),
    ),
    Case(
        id="meeting-record",
        url=lambda w: f"/meetings/{w.meeting.pk}/record/",
        texts=_record_texts,
        fixed=lambda w: {"item-6-update-organisation": str(w.council.pk)},
        saved=lambda w, loc: w,
        stored=_record_stored,
        page=lambda w, obj: f"/meetings/{w.meeting.pk}/",
        shown=lambda w: (
            "item-6-update-summary",
            f"item-6-rec-{w.recs[0].pk}-text",
            "item-6-action-1-text",
            "item-6-action-1-falls_to",
        ),
        models=(ProgressUpdate, UpdateEntry, AgreedAction),
        valid=_record_valid,
    ),
]

# Enough values for the form with most text fields; each form takes them in order.
WIDTH = 6


def _rotations(samples: list[str]) -> list[list[str]]:
    """Each sample in each position at least once."""
    return [(samples[i:] + samples[:i])[:WIDTH] for i in range(0, len(samples), WIDTH)]


NASTY_ROWS = [
    # Each markup sample alone, then the rest of the samples run together, all fitting
    # their fields (saved and read back); then NUL characters, 10 000-character strings
    # and a value one character too long (refused).
    MARKUP[:WIDTH],
    [
        "".join(MARKUP[WIDTH:]),
        "".join(SQLISH),
        "".join(ODD_UNICODE[:4]),
        "".join(ODD_UNICODE[4:8]),
        "".join(ODD_UNICODE[8:11]),
        "".join(ODD_UNICODE[11:]),
    ],
    [*NUL, *LONG, "x" * 201],
]


def _examples(test):
    for values in NASTY_ROWS:
        test = example(values=values, fits=[False] * WIDTH)(test)
    return test


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
@HOSTILE
@_examples
@given(
    values=st.lists(hostile_text(), min_size=WIDTH, max_size=WIDTH),
    # Most values are made to fit their field, so that most examples are saved and read
    # back; the others are posted as generated, long and with NUL characters.
    fits=st.lists(st.integers(0, 7).map(bool), min_size=WIDTH, max_size=WIDTH),
)
def test_text_fields_store_hostile_text_as_typed_or_refuse_it(ds, w, case, values, fits):
    specs = case.texts(w)
    values = {
        name: spec.fit(value) if fit else value
        for (name, spec), value, fit in zip(specs.items(), values, fits, strict=False)
    }
    url = case.url(w)
    defaults = form_of(ds, url, next(iter(specs)))
    with rolled_back():
        before = rows(*case.models)
        response = post(ds, url, filled(defaults, **case.fixed(w), **values))
        if not case.is_valid(specs, values):
            event("refused")
            html = assert_rejected(response, *values.values())
            assert rows(*case.models) == before
            # Nothing typed is lost: every value comes back in its field.
            for value in values.values():
                assert shows_escaped(html, value), f"not kept: {value[:80]!r}"
            return
        event("saved")
        location = assert_saved(response)
        obj = case.saved(w, location)
        assert case.stored(w, obj) == case.expect(values)
        html = ds.get(case.page(w, obj)).content.decode()
        assert_no_raw_markup(html, *values.values())
        for name in case.shown(w) if callable(case.shown) else case.shown:
            assert shows_escaped(html, Text.stored(values[name])), name

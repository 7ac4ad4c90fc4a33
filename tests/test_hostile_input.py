"""Hostile input in every form: markup and template syntax, SQL-ish text, odd Unicode (RTL
override, zero-width joiners, combining marks, emoji, characters outside the BMP, NUL and
other control characters), strings of 10 000 characters or more, impossible dates and
numbers or ids no form offers. Whatever is typed, no page is a server error; what a form
refuses comes back with an error summary and nothing saved; what it accepts is stored as
typed (less the spaces at its ends) and every page that shows it escapes it.

Each form is read from its rendered page (hidden fields such as a record's version
included) and posted URL-encoded, as a browser sends it, by democratic services of the
council. The values come from Hypothesis (tests/support/hostile.py) plus explicit nasty samples;
each example runs in a transaction rolled back afterwards, so the fixtures' records are the
same for every example. The pages, packs, PDFs and spreadsheets that show stored hostile
text are tested in tests/test_hostile_output.py."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.forms import IntegerField
from django.utils import timezone
from hypothesis import event, example, given
from hypothesis import strategies as st

from partnerships.models import Role
from recommendations.models import ProgressUpdate, Recommendation, Status, UpdateEntry
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Review,
)
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    CouncilFactory,
    DecisionPointFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    PartnershipFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
    user_with_role,
)
from tests.support.forms import form_fields, page_choices
from tests.support.hostile import (
    HOSTILE,
    IMG,
    LONG,
    MARKUP,
    NUL,
    ODD_UNICODE,
    SCRIPT,
    SQLISH,
    Text,
    assert_no_raw_markup,
    assert_rejected,
    assert_saved,
    date_data,
    date_outcome,
    filled,
    hostile_date,
    hostile_number,
    hostile_text,
    post,
    rolled_back,
    shows_escaped,
    whole_number,
)

pytestmark = pytest.mark.django_db

MAY = datetime.date(2021, 5, 25)
NOVEMBER = datetime.date(2021, 11, 2)


@pytest.fixture
def w(db):
    """A council's committee, Cabinet, review with two recommendations, three meetings
    (an agenda item reporting on the review at the middle one), agreed actions, a referred
    decision and an update; and its democratic services officer."""
    council = CouncilFactory(name="Leicester City Council", short_name="LCC")
    partner = PartnershipFactory(name="Social Care Development Group", short_name="SCDG")
    committee = CommitteeFactory(council=council, name="Adult Social Care Scrutiny Commission")
    cabinet = CommitteeFactory(council=council, kind=Committee.Kind.CABINET, name="Cabinet")
    review = ReviewFactory(
        committee=committee,
        title="Social Care External Workforce",
        report_agreed_on=datetime.date(2020, 10, 1),
        response_received_on=datetime.date(2021, 1, 19),
    )
    recs = [RecommendationFactory(review=review, number=n) for n in (1, 2)]
    recs[0].responsible_bodies.add(partner)
    january = MeetingFactory(committee=committee, date=datetime.date(2021, 1, 19))
    meeting = MeetingFactory(committee=committee, date=MAY)
    later = MeetingFactory(committee=committee, date=NOVEMBER)
    item = AgendaItemFactory(meeting=meeting, number=6, title="Workforce review", review=review)
    earlier_action = AgreedActionFactory(
        meeting=january, review=review, due_meeting=later, text="That a report on pay come back."
    )
    action = AgreedActionFactory(meeting=meeting, item=item, review=review, falls_to="Director")
    decision = ExecutiveDecisionFactory(decided_by=cabinet, referred_to=committee)
    DecisionPointFactory(decision=decision, number=1)
    update = ProgressUpdateFactory(given_on=MAY, organisation=council, item=item)
    UpdateEntryFactory(update=update, recommendation=recs[0])
    return SimpleNamespace(
        council=council,
        partner=partner,
        committee=committee,
        cabinet=cabinet,
        review=review,
        recs=recs,
        january=january,
        meeting=meeting,
        later=later,
        item=item,
        earlier_action=earlier_action,
        action=action,
        decision=decision,
        update=update,
        user=user_with_role(Role.DEMOCRATIC_SERVICES, council, job_title="Scrutiny Officer"),
    )


@pytest.fixture
def ds(client, w):
    """The council's democratic services, signed in."""
    client.force_login(w.user)
    return client


def rows(*models) -> dict:
    """Every row of ``models``, to show that a refused form saved nothing."""
    return {m._meta.label: list(m.objects.order_by("pk").values_list()) for m in models}


# Pages read once per test (every example leaves the records as they were), kept out of
# the fixtures so that a failing example's report stays short.
_PAGES: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _forget_pages():
    _PAGES.clear()
    yield
    _PAGES.clear()


def page_of(client, url: str) -> str:
    if url not in _PAGES:
        _PAGES[url] = client.get(url).content.decode()
    return _PAGES[url]


def form_of(client, url: str, field: str) -> dict[str, list[str]]:
    """The form on the page at ``url`` with ``field``, as a browser would send it."""
    return form_fields(page_of(client, url), field)


def pk_in(location: str) -> int:
    return int(re.search(r"/(\d+)/(?:#.*)?$", location)[1])


def latest(model):
    return lambda w, location: model.objects.latest("pk")


# --- Text fields ---------------------------------------------------------------------------


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
    "text": Text(required=True),
    "lead_officer": Text(max_length=200),
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
        "summary": Text(),
        f"{one}-text": Text(required=True),
        f"{one}-reason": Text(),
        f"{two}-text": Text(),
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
        "item-6-update-summary": Text(),
        f"{rec}-text": Text(),
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


# --- Dates ---------------------------------------------------------------------------------


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


def _entry_of(w, rec_index=0, *, at_item=False):
    updates = ProgressUpdate.objects.exclude(pk=w.update.pk)
    update = updates.get(item=w.item) if at_item else updates.get()
    return update.entries.get(recommendation=w.recs[rec_index])


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
        stored=lambda w, loc: _entry_of(w).revised_target_date,
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
        stored=lambda w, loc: _entry_of(w, at_item=True).revised_target_date,
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


# --- Numbers and choices -------------------------------------------------------------------


def _django_int(value: str) -> int | None:
    """The whole number Django's IntegerField reads in ``value``, if any."""
    try:
        return IntegerField().to_python(value)
    except Exception:
        return None


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
        id="recommendation-number",
        url=lambda w: f"/reviews/{w.review.pk}/recommendations/new/",
        name="number",
        fixed=lambda w: {"text": "That the council acts."},
        allowed=lambda n: 1 <= n <= 999 and n not in (1, 2),
        stored=lambda w, loc: Recommendation.objects.get(pk=pk_in(loc)).number,
        models=(Recommendation,),
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
    meant = _django_int(value)
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


@dataclass
class ChoiceCase:
    """A select, radios or checkboxes: only what the page offers is accepted (an id
    Django reads as an offered one, " 5" say, may be). ``stored`` reads back the value
    saved, as the page writes it."""

    id: str
    url: Callable
    name: Callable
    fixed: Callable
    stored: Callable
    models: tuple


def _fk(obj, name: str) -> str:
    value = getattr(obj, f"{name}_id")
    return "" if value is None else str(value)


CHOICE_CASES = [
    ChoiceCase(
        id="committee-council",
        url=lambda w: "/committees/new/",
        name=lambda w: "council",
        fixed=lambda w: {"name": "A committee"},
        stored=lambda w, loc: _fk(Committee.objects.get(pk=pk_in(loc)), "council"),
        models=(Committee,),
    ),
    ChoiceCase(
        id="committee-kind",
        url=lambda w: "/committees/new/",
        name=lambda w: "kind",
        fixed=lambda w: {"name": "A committee"},
        stored=lambda w, loc: Committee.objects.get(pk=pk_in(loc)).kind,
        models=(Committee,),
    ),
    ChoiceCase(
        id="review-committee",
        url=lambda w: "/reviews/new/",
        name=lambda w: "committee",
        fixed=lambda w: {"title": "Choices review"},
        stored=lambda w, loc: _fk(Review.objects.get(pk=pk_in(loc)), "committee"),
        models=(Review,),
    ),
    ChoiceCase(
        id="review-status",
        url=lambda w: "/reviews/new/",
        name=lambda w: "status",
        fixed=lambda w: {"committee": str(w.committee.pk), "title": "Choices review"},
        stored=lambda w, loc: Review.objects.get(pk=pk_in(loc)).status,
        models=(Review,),
    ),
    ChoiceCase(
        id="item-review",
        url=lambda w: f"/meetings/{w.meeting.pk}/items/new/",
        name=lambda w: "review",
        fixed=lambda w: {"title": "An item"},
        stored=lambda w, loc: _fk(AgendaItem.objects.latest("pk"), "review"),
        models=(AgendaItem,),
    ),
    ChoiceCase(
        id="action-due-meeting",
        url=lambda w: f"/meetings/{w.meeting.pk}/actions/new/",
        name=lambda w: "due_meeting",
        fixed=lambda w: {"text": "A report to come back."},
        stored=lambda w, loc: _fk(AgreedAction.objects.latest("pk"), "due_meeting"),
        models=(AgreedAction,),
    ),
    ChoiceCase(
        id="action-falls-to-organisation",
        url=lambda w: f"/meetings/{w.meeting.pk}/actions/new/",
        name=lambda w: "falls_to_organisation",
        fixed=lambda w: {"text": "A report to come back."},
        stored=lambda w, loc: _fk(AgreedAction.objects.latest("pk"), "falls_to_organisation"),
        models=(AgreedAction,),
    ),
    ChoiceCase(
        id="decision-decided-by",
        url=lambda w: "/decisions/new/",
        name=lambda w: "decided_by",
        fixed=lambda w: {
            "minute_number": "C999",
            "title": "A decision",
            **date_data("decided_on", ("6", "11", "2017")),
            "resolutions-0-text": "THAT it be approved.",
        },
        stored=lambda w, loc: _fk(ExecutiveDecision.objects.get(pk=pk_in(loc)), "decided_by"),
        models=(ExecutiveDecision, DecisionPoint),
    ),
    ChoiceCase(
        id="recommendation-bodies",
        url=lambda w: f"/reviews/{w.review.pk}/recommendations/new/",
        name=lambda w: "responsible_bodies",
        fixed=lambda w: {"text": "That the council acts."},
        stored=lambda w, loc: ",".join(
            str(pk)
            for pk in Recommendation.objects.get(pk=pk_in(loc)).responsible_bodies.values_list(
                "pk", flat=True
            )
        ),
        models=(Recommendation,),
    ),
    ChoiceCase(
        id="executive-response",
        url=lambda w: f"/recommendations/{w.recs[0].pk}/response/",
        name=lambda w: "response",
        fixed=lambda w: {"response_text": "Reasons."},
        stored=lambda w, loc: Recommendation.objects.get(pk=w.recs[0].pk).response,
        models=(Recommendation,),
    ),
    ChoiceCase(
        id="update-organisation",
        url=lambda w: f"/reviews/{w.review.pk}/updates/new/",
        name=lambda w: "organisation",
        fixed=lambda w: {"given_by_role": "Director", f"rec-{w.recs[0].pk}-text": "Under way."},
        stored=lambda w, loc: _fk(ProgressUpdate.objects.get(pk=pk_in(loc)), "organisation"),
        models=(ProgressUpdate, UpdateEntry),
    ),
    ChoiceCase(
        id="update-item",
        url=lambda w: f"/reviews/{w.review.pk}/updates/new/",
        name=lambda w: "item",
        fixed=lambda w: {"given_by_role": "Director", f"rec-{w.recs[0].pk}-text": "Under way."},
        stored=lambda w, loc: _fk(ProgressUpdate.objects.get(pk=pk_in(loc)), "item"),
        models=(ProgressUpdate, UpdateEntry),
    ),
    ChoiceCase(
        id="update-new-status",
        url=lambda w: f"/reviews/{w.review.pk}/updates/new/",
        name=lambda w: f"rec-{w.recs[0].pk}-new_status",
        fixed=lambda w: {
            "given_by_role": "Director",
            f"rec-{w.recs[0].pk}-text": "Under way.",
            f"rec-{w.recs[0].pk}-reason": "Why.",
            **date_data(f"rec-{w.recs[0].pk}-revised_target_date", ("31", "3", "2023")),
            # Closing statuses need the meeting that agreed them.
            "item": str(w.item.pk),
        },
        stored=lambda w, loc: _entry_of(w, at_item=True).new_status,
        models=(ProgressUpdate, UpdateEntry),
    ),
    ChoiceCase(
        id="record-organisation",
        url=lambda w: f"/meetings/{w.meeting.pk}/record/",
        name=lambda w: "item-6-update-organisation",
        fixed=lambda w: {
            "item-6-update-given_by_role": "Representative",
            f"item-6-rec-{w.recs[0].pk}-text": "Under way.",
        },
        stored=lambda w, loc: _fk(
            ProgressUpdate.objects.filter(item=w.item).exclude(pk=w.update.pk).get(),
            "organisation",
        ),
        models=(ProgressUpdate, UpdateEntry),
    ),
    ChoiceCase(
        id="record-delivered",
        url=lambda w: f"/meetings/{w.meeting.pk}/record/",
        name=lambda w: "item-6-delivered-delivered",
        fixed=lambda w: {},
        stored=lambda w, loc: ",".join(
            str(pk)
            for pk in AgreedAction.objects.filter(delivered_meeting=w.meeting).values_list(
                "pk", flat=True
            )
        ),
        models=(AgreedAction,),
    ),
    ChoiceCase(
        id="due-page-actions",
        url=lambda w: f"/meetings/{w.later.pk}/due/",
        name=lambda w: "actions",
        fixed=lambda w: {},
        # Each action placed on the agenda is described at the item that takes it.
        stored=lambda w, loc: ",".join(
            str(a.pk)
            for a in (w.earlier_action, w.action)
            if AgendaItem.objects.filter(meeting=w.later, description__contains=a.text).exists()
        ),
        models=(AgreedAction, AgendaItem),
    ),
]

# Choices sent empty where the form needs one; the optional ones store "".
NEEDED = {
    "committee-council",
    "committee-kind",
    "review-committee",
    "review-status",
    "decision-decided-by",
    "executive-response",
    "update-organisation",
    "record-organisation",
    "record-delivered",
    "due-page-actions",
}


@pytest.mark.parametrize("case", CHOICE_CASES, ids=[c.id for c in CHOICE_CASES])
@HOSTILE
@given(data=st.data())
def test_choices_accept_only_what_the_page_offers(ds, w, case, data):
    name = case.name(w)
    url = case.url(w)
    defaults = form_of(ds, url, name)
    offered = page_choices(page_of(ds, url), name)
    value = data.draw(st.one_of(hostile_number(), st.sampled_from(sorted(offered))), "value")
    meant = value if value in offered else None
    if meant is None and _django_int(value) is not None and str(_django_int(value)) in offered:
        meant = str(_django_int(value))
        lenient = True
    else:
        lenient = False
    valid = meant is not None and (meant != "" or case.id not in NEEDED)
    with rolled_back():
        before = rows(*case.models)
        response = post(ds, url, filled(defaults, **case.fixed(w), **{name: value}))
        if valid and lenient and response.status_code == 200:
            valid = False
        if not valid:
            event("refused")
            assert_rejected(response, value)
            assert rows(*case.models) == before
            return
        event("saved")
        # A page may send a record's version after its id ("117:3"): the id is stored.
        assert case.stored(w, assert_saved(response)) == meant.split(":")[0]


# --- Sign-in, filters, ids in addresses, bytes that are not UTF-8 ---------------------------


@HOSTILE
@example(username=SCRIPT, password=IMG)
@example(username="\x00", password="\x00")
@example(username="a" * 10_050, password="b" * 10_050)
@example(username="admin' --", password="' OR '1'='1")
@given(username=hostile_text(), password=hostile_text())
def test_sign_in_refuses_hostile_credentials_with_an_error_summary(client, w, username, password):
    with rolled_back():
        response = post(
            client, "/accounts/login/", {"username": [username], "password": [password]}
        )
        assert response.status_code < 500
        assert_rejected(response, username, password)
        assert "_auth_user_id" not in client.session


@HOSTILE
@example(status=SCRIPT, response=IMG, page="99999999999999999999")
@example(status="\x00", response="", page="-1")
@example(status="on_track", response="accepted", page="2")
@given(
    status=st.one_of(st.sampled_from(["", *Status.values]), hostile_text()),
    response=st.one_of(st.sampled_from(["", "accepted", "not_accepted"]), hostile_text()),
    page=hostile_number(),
)
def test_recommendation_filters_show_an_error_for_what_they_do_not_offer(
    client, w, status, response, page
):
    query = urlencode({"status": status, "response": response, "page": page})
    html_page = client.get(f"/recommendations/?{query}")
    assert html_page.status_code == 200
    html = html_page.content.decode()
    offered_status = page_choices(html, "status")
    offered_response = page_choices(html, "response")
    assert_no_raw_markup(html, status, response, page)
    if status in offered_status and response in offered_response:
        assert 'class="govuk-error-summary"' not in html
    else:
        assert 'class="govuk-error-summary"' in html


@HOSTILE
@given(
    council=hostile_number(),
    committee=hostile_number(),
    status=hostile_text(),
    overdue=hostile_text(),
)
def test_review_filters_never_fail(client, w, council, committee, status, overdue):
    query = urlencode(
        {"council": council, "committee": committee, "status": status, "overdue": overdue}
    )
    response = client.get(f"/reviews/?{query}")
    assert response.status_code == 200
    assert_no_raw_markup(response.content.decode(), council, committee, status, overdue)


HUGE = "99999999999999999999"


def test_ids_no_record_has_are_not_found_never_a_server_error(ds, w):
    for url in [
        f"/committees/{HUGE}/",
        f"/committees/{HUGE}/edit/",
        f"/meetings/{HUGE}/",
        f"/meetings/{HUGE}/pack/",
        f"/meetings/{HUGE}/record/",
        f"/meetings/{HUGE}/due/",
        f"/items/{HUGE}/edit/",
        f"/actions/{HUGE}/edit/",
        f"/reviews/{HUGE}/",
        f"/reviews/{HUGE}/tracker.xlsx",
        f"/decisions/{HUGE}/",
        f"/recommendations/{HUGE}/",
        f"/updates/{HUGE}/",
        f"/organisations/{HUGE}/",
    ]:
        assert ds.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "query",
    [
        f"item={HUGE}&recommendation={HUGE}",
        "item=%C2%B2&recommendation=%C2%B2",  # superscript two: isdigit() but not int()
        "item=-1&recommendation=0x10",
        "item=%00&recommendation=%3Cscript%3E",
    ],
)
def test_update_page_preselection_ignores_ids_it_cannot_use(ds, w, query):
    response = ds.get(f"/reviews/{w.review.pk}/updates/new/?{query}")
    assert response.status_code == 200
    assert_no_raw_markup(response.content.decode())


@pytest.mark.parametrize(
    "query", ["as_at=2021-02-31", "as_at=99999-01-01", "as_at=%3Cscript%3E", "as_at=%00"]
)
def test_tracker_as_at_that_is_no_date_is_a_clear_400(ds, w, query):
    response = ds.get(f"/reviews/{w.review.pk}/tracker.xlsx?{query}")
    assert response.status_code == 400
    assert b"real date" in response.content


def test_bytes_that_are_not_utf8_are_read_as_replacement_characters(ds, w):
    body = f"council={w.council.pk}&kind=scrutiny&name=%FF%FEBad%C3".encode()
    response = ds.post("/committees/new/", body, content_type="application/x-www-form-urlencoded")
    committee = Committee.objects.get(pk=pk_in(assert_saved(response)))
    assert committee.name == "\ufffd\ufffdBad\ufffd"
    assert ds.get("/recommendations/?status=%FF%FE").status_code == 200

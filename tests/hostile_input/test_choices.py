"""Selects, radios and checkboxes: only what the page offers is accepted and stored;
anything else, and an empty choice a form needs, is refused with nothing saved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from recommendations.models import ProgressUpdate, Recommendation, UpdateEntry
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    DecisionPoint,
    ExecutiveDecision,
    Review,
)
from tests.hostile_input.helpers import django_int, entry_of, form_of, page_of, pk_in, rows
from tests.support.forms import page_choices
from tests.support.hostile import (
    HOSTILE,
    assert_rejected,
    assert_saved,
    date_data,
    filled,
    hostile_number,
    post,
    rolled_back,
)

pytestmark = pytest.mark.django_db


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
        stored=lambda w, loc: entry_of(w, at_item=True).new_status,
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
    if meant is None and django_int(value) is not None and str(django_int(value)) in offered:
        meant = str(django_int(value))
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

"""A council's world of records for the hostile forms, its democratic services signed in,
and the pages read during a test forgotten around it."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from partnerships.models import Role
from scrutiny.models import Committee
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
from tests.hostile_input.helpers import MAY, NOVEMBER, forget_pages


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
    recs = [RecommendationFactory(review=review, reference=n) for n in (1, 2)]
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


@pytest.fixture(autouse=True)
def _forget_pages():
    forget_pages()
    yield
    forget_pages()

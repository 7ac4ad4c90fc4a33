"""The Vale of Glamorgan's Cabinet and the scrutiny committee its decision C129 was referred
to (at agenda item 8 of 4 December 2017), and someone in every role around them: these
pages need another council than the Commission's of ``tests/scrutiny/conftest.py``."""

import datetime

import pytest

from partnerships.models import Role
from scrutiny.models import Committee
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFactory,
    DecisionPointFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    PartnershipFactory,
    user_with_role,
)
from tests.scrutiny.decisions.helpers import REASONS, RESOLUTIONS


@pytest.fixture
def vale():
    return CouncilFactory(name="Vale of Glamorgan Council", short_name="VoG")


@pytest.fixture
def cabinet(vale):
    return CommitteeFactory(council=vale, name="Cabinet", kind=Committee.Kind.CABINET)


@pytest.fixture
def scrutiny_committee(vale):
    return CommitteeFactory(council=vale, name="Healthy Living and Social Care Scrutiny Committee")


@pytest.fixture
def item(scrutiny_committee):
    return AgendaItemFactory(
        meeting=MeetingFactory(committee=scrutiny_committee, date=datetime.date(2017, 12, 4)),
        number=8,
        title="Reference from Cabinet: regional workforce development unit",
    )


@pytest.fixture
def decision(cabinet, scrutiny_committee, item):
    decision = ExecutiveDecisionFactory(
        decided_by=cabinet,
        minute_number="C129",
        decided_on=datetime.date(2017, 11, 6),
        title="Proposal to develop a regional social care workforce development unit",
        summary="Cabinet was updated on the proposal to develop a regional unit.",
        referred_to=scrutiny_committee,
        referred_to_item=item,
    )
    for number, text in enumerate(RESOLUTIONS, start=1):
        DecisionPointFactory(decision=decision, kind="resolution", number=number, text=text)
    for number, text in enumerate(REASONS, start=1):
        DecisionPointFactory(decision=decision, kind="reason", number=number, text=text)
    return decision


@pytest.fixture
def people(vale):
    partner = PartnershipFactory(name="Regional Workforce Development Training Unit")
    return {
        "councillor": user_with_role(Role.COUNCILLOR, organisation=vale),
        "officer": user_with_role(Role.OFFICER, organisation=vale),
        "partner": user_with_role(Role.PARTNER, organisation=partner),
        "other_dem": user_with_role(Role.DEMOCRATIC_SERVICES, organisation=CouncilFactory()),
        "dem": user_with_role(Role.DEMOCRATIC_SERVICES, organisation=vale),
    }

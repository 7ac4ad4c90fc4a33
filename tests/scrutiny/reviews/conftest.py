"""The review the review page tests look at: Leicester's Social Care External Workforce,
by its Adult Social Care Scrutiny Commission, and someone in every role around it. These
``people`` are a dict by role, not the ``People`` of ``tests/scrutiny/conftest.py``."""

import datetime

import pytest

from partnerships.models import Role
from tests.factories import (
    CommitteeFactory,
    CouncilFactory,
    PartnershipFactory,
    ReviewFactory,
    user_with_role,
)


@pytest.fixture
def leicester():
    return CouncilFactory(name="Leicester City Council", short_name="LCC")


@pytest.fixture
def commission(leicester):
    return CommitteeFactory(
        council=leicester, name="Adult Social Care Scrutiny Commission", chair="Cllr Chair"
    )


@pytest.fixture
def review(commission):
    return ReviewFactory(
        committee=commission,
        title="Social Care External Workforce",
        report_title="Social Care Workforce: task group report",
        lead_member="Councillor Vice Chair",
        started_on=datetime.date(2020, 6, 1),
        report_agreed_on=datetime.date(2020, 10, 1),
    )


@pytest.fixture
def people(leicester):
    """Someone in every role: of Leicester, and democratic services of another council."""
    lscdg = PartnershipFactory(name="Leicester/shire Social Care Development Group")
    return {
        "councillor": user_with_role(Role.COUNCILLOR, organisation=leicester),
        "officer": user_with_role(Role.OFFICER, organisation=leicester),
        "partner": user_with_role(Role.PARTNER, organisation=lscdg),
        "other_dem": user_with_role(Role.DEMOCRATIC_SERVICES, organisation=CouncilFactory()),
        "dem": user_with_role(Role.DEMOCRATIC_SERVICES, organisation=leicester),
    }

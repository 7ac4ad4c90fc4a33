"""A council's review with numbered recommendations (the Leicester review of
tests/conftest.py), a partner body carrying some, and a signed-in person in every role."""

import datetime

import pytest

from partnerships.models import Role
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    user_with_role,
)


@pytest.fixture
def council(leicester):
    return leicester


@pytest.fixture
def other_council(db):
    return CouncilFactory(name="Rutland County Council", short_name="Rutland")


@pytest.fixture
def partner(lscdg):
    return lscdg


@pytest.fixture
def review(leicester_review):
    return leicester_review


@pytest.fixture
def recs(leicester_recs, partner):
    """Recommendations 4, 5 and 8; the partner carries 4 and 8."""
    leicester_recs[4].responsible_bodies.add(partner)
    leicester_recs[8].responsible_bodies.add(partner)
    return leicester_recs


@pytest.fixture
def meeting(review):
    return MeetingFactory(committee=review.committee, date=datetime.date(2021, 5, 25))


@pytest.fixture
def item(meeting, review):
    return AgendaItemFactory(
        meeting=meeting,
        number=6,
        title="Social Care External Workforce: progress on the review",
        review=review,
    )


@pytest.fixture
def exempt_item(meeting):
    return AgendaItemFactory(
        meeting=meeting,
        number=9,
        title="Provider contract values",
        exempt=True,
        exempt_reason="Schedule 12A, paragraph 3 (financial or business affairs)",
    )


@pytest.fixture
def officer(council):
    return user_with_role(Role.OFFICER, council, job_title="Strategic Director")


@pytest.fixture
def councillor(council):
    return user_with_role(Role.COUNCILLOR, council)


@pytest.fixture
def dem_services(council):
    return user_with_role(Role.DEMOCRATIC_SERVICES, council)


@pytest.fixture
def partner_rep(partner):
    return user_with_role(Role.PARTNER, partner, job_title="Representative")


@pytest.fixture
def outside_officer(other_council):
    return user_with_role(Role.OFFICER, other_council)


@pytest.fixture
def outside_dem_services(other_council):
    return user_with_role(Role.DEMOCRATIC_SERVICES, other_council)


@pytest.fixture
def superuser(db):
    return user_with_role(None, is_superuser=True, is_staff=True)


# The tracker import's tests: a committee whose council imports, and its democratic services.
@pytest.fixture
def committee(db):
    return CommitteeFactory(name="Overview and Scrutiny Committee")


@pytest.fixture
def clerk(committee):
    return user_with_role(Role.DEMOCRATIC_SERVICES, committee.council)

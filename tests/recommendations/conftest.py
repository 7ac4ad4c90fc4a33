"""A council's review with numbered recommendations, a partner body carrying some, and a
signed-in person in every role."""

import datetime

import pytest

from partnerships.models import Role
from tests.factories import (
    AgendaItemFactory,
    CouncilFactory,
    MeetingFactory,
    PartnershipFactory,
    RecommendationFactory,
    ReviewFactory,
    user_with_role,
)


@pytest.fixture
def council(db):
    return CouncilFactory(name="Leicester City Council", short_name="Leicester")


@pytest.fixture
def other_council(db):
    return CouncilFactory(name="Rutland County Council", short_name="Rutland")


@pytest.fixture
def partner(db):
    return PartnershipFactory(
        name="Leicester/shire Social Care Development Group", short_name="LSCDG"
    )


@pytest.fixture
def review(council):
    return ReviewFactory(
        committee__council=council,
        committee__name="Adult Social Care Scrutiny Commission",
        title="Social Care External Workforce",
        report_agreed_on=datetime.date(2020, 10, 1),
        response_received_on=datetime.date(2021, 1, 19),
    )


@pytest.fixture
def recs(review, partner):
    """Recommendations 4, 5 and 8; the partner carries 4 and 8."""
    four = RecommendationFactory(
        review=review, number=4, title="Quality of care and improving retention rates"
    )
    five = RecommendationFactory(
        review=review, number=5, title="Finding community and cooperative solutions"
    )
    eight = RecommendationFactory(
        review=review, number=8, title="Attracting younger people to adult social care careers"
    )
    four.responsible_bodies.add(partner)
    eight.responsible_bodies.add(partner)
    return {4: four, 5: five, 8: eight}


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

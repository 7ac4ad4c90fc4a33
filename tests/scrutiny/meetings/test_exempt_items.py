"""Exempt agenda items: only a placeholder for those not allowed, and everything about them,
marked exempt, for the council's councillors."""

import datetime

import pytest

from recommendations.models import Status
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    ExecutiveDecisionFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.scrutiny.committee_people import sign_in
from tests.scrutiny.meetings.helpers import update_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def exempt_business(meeting):
    review = ReviewFactory(committee=meeting.committee, title="Secret review of pay")
    rec = RecommendationFactory(review=review, reference=1)
    AgendaItemFactory(meeting=meeting, number=1, title="Minutes of the last meeting")
    item = AgendaItemFactory(
        meeting=meeting,
        number=2,
        title="Care home contract negotiations",
        description="Prices offered by providers.",
        exempt=True,
        exempt_reason="Schedule 12A, paragraph 3",
        review=review,
    )
    update_at(
        item,
        rec,
        text="Provider X offered a lower price.",
        new_status=Status.SLIPPED,
        revised_target_date=datetime.date(2022, 1, 1),
        reason="Provider pulled out",
    )
    AgreedActionFactory(meeting=meeting, item=item, text="Seek a second provider")
    ExecutiveDecisionFactory(
        referred_to=meeting.committee, referred_to_item=item, title="Confidential land sale"
    )
    return item


SECRETS = [
    "Care home contract negotiations",
    "Prices offered by providers.",
    "Schedule 12A, paragraph 3",
    "Provider X offered a lower price.",
    "Seek a second provider",
    "Confidential land sale",
    "Secret review of pay",
]


@pytest.mark.parametrize("who", ["anonymous", "partner", "other_democratic_services"])
def test_exempt_items_are_only_a_placeholder_for_those_not_allowed(
    client, people, meeting, exempt_business, who
):
    sign_in(client, people, who)
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Item 2: exempt item, not open to the public" in html
    assert "Item 1: Minutes of the last meeting" in html
    for secret in SECRETS:
        assert secret not in html, secret


def test_a_councillor_of_the_council_sees_exempt_items_marked_exempt(
    client, people, meeting, exempt_business
):
    client.force_login(people.councillor)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Item 2: Care home contract negotiations" in html
    assert "Exempt</strong>" in html
    assert "Not open to the public: Schedule 12A, paragraph 3" in html
    for secret in SECRETS:
        assert secret in html, secret
    assert "exempt item, not open to the public" not in html

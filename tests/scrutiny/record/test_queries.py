"""The record screen runs the same number of queries however many recommendations and
outstanding actions it shows."""

import pytest

from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    MeetingFactory,
    PartnershipFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.scrutiny.record.helpers import JANUARY, MAY, NOVEMBER, record_url
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [3, 20])
def test_the_screen_runs_a_fixed_number_of_queries(
    client, people, committee, django_assert_max_num_queries, size
):
    review = ReviewFactory(committee=committee)
    partner = PartnershipFactory()
    for n in range(1, size + 1):
        RecommendationFactory(review=review, number=n).responsible_bodies.add(partner)
    earlier = MeetingFactory(committee=committee, date=JANUARY)
    for _ in range(size // 3):
        AgreedActionFactory(meeting=earlier)
    meeting = MeetingFactory(committee=committee, date=MAY)
    MeetingFactory(committee=committee, date=NOVEMBER)
    AgendaItemFactory(meeting=meeting, number=1, review=review)
    AgendaItemFactory(meeting=meeting, number=2)
    client.force_login(people.democratic_services)
    # One of them reads the councils' status words.
    with django_assert_max_num_queries(15 + SESSION_SAVE):
        response = client.get(record_url(meeting))
    assert response.status_code == 200
    assert response.content.decode().count('class="govuk-fieldset app-entry"') == size

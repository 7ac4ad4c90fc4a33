"""The record screen runs the same number of queries however many recommendations,
outstanding actions and closures proposed for sign-off it shows."""

import pytest

from recommendations.models import ClosureProposal
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    MeetingFactory,
    PartnershipFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
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
        rec = RecommendationFactory(review=review, reference=n)
        rec.responsible_bodies.add(partner)
        if n <= size // 3:
            update = ProgressUpdateFactory(given_on=JANUARY, organisation=partner)
            entry = UpdateEntryFactory(update=update, recommendation=rec, text="Done.")
            ClosureProposal.objects.create(
                recommendation=rec, entry=entry, status="achieved", evidence="Shown."
            )
    earlier = MeetingFactory(committee=committee, date=JANUARY)
    for _ in range(size // 3):
        AgreedActionFactory(meeting=earlier)
    meeting = MeetingFactory(committee=committee, date=MAY)
    MeetingFactory(committee=committee, date=NOVEMBER)
    AgendaItemFactory(meeting=meeting, number=1, review=review)
    AgendaItemFactory(meeting=meeting, number=2)
    client.force_login(people.democratic_services)
    # One of them reads the councils' status words, one the closures waiting for sign-off.
    # One more reads the reviews each item also reports on (a prefetch).
    with django_assert_max_num_queries(17 + SESSION_SAVE):
        response = client.get(record_url(meeting))
    assert response.status_code == 200
    assert response.content.decode().count('class="govuk-fieldset app-entry"') == size
    assert response.content.decode().count("-proposal-") >= size // 3

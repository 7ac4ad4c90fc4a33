"""The home page counts a council's recommendations in its own status words (ours beside
where they differ) and states its own response clock."""

import datetime

import pytest

from partnerships.models import ResponseClock
from recommendations.models import Status, StatusWord
from tests.factories import RecommendationFactory, ReviewFactory, UpdateEntryFactory
from tests.scrutiny.committee_people import section, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def shown(committee):
    review = ReviewFactory(committee=committee, title="Social Care External Workforce")
    for reference, status in [("1", Status.SLIPPED), ("2", Status.PAUSED), ("3", Status.ON_TRACK)]:
        UpdateEntryFactory(
            recommendation=RecommendationFactory(review=review, reference=reference),
            new_status=status,
            revised_target_date=datetime.date(2099, 3, 31) if status == Status.SLIPPED else None,
            reason="As reported." if status != Status.ON_TRACK else "",
        )
    for status in (Status.SLIPPED, Status.PAUSED):
        StatusWord.objects.create(council=committee.council, status=status, label="On hold")
    return review


def test_the_home_page_counts_in_the_councils_words(client, committee, shown):
    page = text_of(client.get("/", {"council": committee.council_id}))
    assert "1 on track, 1 on hold (slipped), 1 on hold (paused)" in page
    table = section(client.get("/", {"council": committee.council_id}), "by-status")
    assert table.count(">On hold</strong>") == 2


def test_the_home_page_states_the_councils_response_clock(client, committee, shown):
    ReviewFactory(
        committee=committee,
        started_on=datetime.date(2019, 6, 1),
        report_agreed_on=datetime.date(2020, 1, 6),
        response_received_on=None,
    )
    council = committee.council
    council.response_clock = ResponseClock.TWENTY_EIGHT_DAYS
    council.save()
    page = text_of(client.get("/", {"council": council.pk}))
    assert "The executive should respond within 28 days of the report being agreed." in page

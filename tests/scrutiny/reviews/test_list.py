"""The list of reviews: public reviews by committee with their dates and status counts, a
late executive response marked overdue, drafts only for the council's own people, the
filters, the add button for democratic services, and a fixed number of queries."""

import datetime
import re

import pytest
from django.utils import timezone

from recommendations.models import Status
from scrutiny.models import Review
from tests.factories import (
    CommitteeFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)
from tests.scrutiny.committee_people import day, text_of
from tests.scrutiny.reviews.helpers import CREATE_URL, LIST_URL
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db


def test_list_shows_public_reviews_by_committee_with_dates_and_counts(client, review):
    RecommendationFactory(review=review, reference=1)
    UpdateEntryFactory(recommendation=RecommendationFactory(review=review, reference=2))
    entry = UpdateEntryFactory(
        recommendation=RecommendationFactory(review=review, reference=3),
        new_status=Status.ON_TRACK,
    )
    UpdateEntryFactory(
        recommendation=RecommendationFactory(review=review, reference=4),
        update=entry.update,
        new_status=Status.ON_TRACK,
    )
    ReviewFactory(committee=review.committee, title="A draft review", published=False)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    page = text_of(response)
    assert "Adult Social Care Scrutiny Commission" in page
    assert "Social Care External Workforce" in page
    assert day(2020, 10, 1) in page  # report agreed
    assert f"Due {day(2020, 12, 1)}" in page  # two months later
    assert "2 Not started" in page
    assert "2 On track" in page
    assert "A draft review" not in page


def test_list_marks_a_late_executive_response_overdue(client, commission):
    ReviewFactory(
        committee=commission,
        title="Late",
        started_on=None,
        report_agreed_on=datetime.date(2020, 1, 6),
    )
    ReviewFactory(
        committee=commission,
        title="Answered",
        started_on=None,
        report_agreed_on=datetime.date(2020, 1, 6),
        response_received_on=datetime.date(2020, 3, 1),
    )
    soon = timezone.localdate() - datetime.timedelta(days=7)
    ReviewFactory(
        committee=commission, title="Not yet late", started_on=None, report_agreed_on=soon
    )
    page = text_of(client.get(LIST_URL))
    assert re.search(
        rf"Late Led by Councillor Vice Chair Monitoring recommendations {day(2020, 1, 6)} "
        rf"Due {day(2020, 3, 6)} Overdue",
        page,
    )
    assert f"Received {day(2020, 3, 1)}" in page
    assert page.count("Overdue") == 1


def test_list_shows_drafts_to_the_councils_own_people_only(client, review, people):
    ReviewFactory(committee=review.committee, title="A draft review", published=False)
    for who in ["councillor", "officer", "dem"]:
        client.force_login(people[who])
        assert "A draft review" in text_of(client.get(LIST_URL)), who
    for who in ["partner", "other_dem"]:
        client.force_login(people[who])
        assert "A draft review" not in text_of(client.get(LIST_URL)), who


def test_list_filters_by_council_committee_status_and_overdue(client, review):
    other = ReviewFactory(title="Vale review", status=Review.Status.SCOPING, report_agreed_on=None)
    page = text_of(client.get(LIST_URL, {"committee": review.committee.pk}))
    assert "Social Care External Workforce" in page and "Vale review" not in page
    assert "1 review matches the filters." in page
    page = text_of(client.get(LIST_URL, {"council": other.committee.council_id}))
    assert "Vale review" in page and "Social Care External Workforce" not in page
    page = text_of(client.get(LIST_URL, {"status": Review.Status.SCOPING}))
    assert "Vale review" in page and "Social Care External Workforce" not in page
    page = text_of(client.get(LIST_URL, {"overdue": "on"}))
    assert "Social Care External Workforce" in page and "Vale review" not in page
    response = client.get(LIST_URL, {"committee": "not-a-number"})
    assert response.status_code == 200
    assert "Vale review" in text_of(response)


def test_list_offers_adding_a_review_to_democratic_services_only(client, review, people):
    for who in ["councillor", "officer", "partner"]:
        client.force_login(people[who])
        assert CREATE_URL not in client.get(LIST_URL).content.decode(), who
    client.force_login(people["dem"])
    assert CREATE_URL in client.get(LIST_URL).content.decode()


def _many_reviews(committee, n: int):
    for i in range(n):
        r = ReviewFactory(
            committee=CommitteeFactory(council=committee.council) if i % 2 else committee
        )
        rec = RecommendationFactory(review=r, reference=1)
        RecommendationFactory(review=r, reference=2)
        UpdateEntryFactory(
            recommendation=rec,
            new_status=Status.SLIPPED,
            revised_target_date=datetime.date(2023, 1, 1),
            reason="Funding",
        )


@pytest.mark.parametrize("n", [3, 30])
def test_list_runs_the_same_few_queries_for_3_or_30_reviews(
    client, commission, people, n, django_assert_max_num_queries
):
    _many_reviews(commission, n)
    client.force_login(people["councillor"])
    # Session, user, groups; reviews; status counts; the filters' councils and committees.
    # One of them reads the councils' status words (the counts say them).
    with django_assert_max_num_queries(9 + SESSION_SAVE):
        response = client.get(LIST_URL)
    assert response.status_code == 200
    assert text_of(response).count("1 Slipped") == n

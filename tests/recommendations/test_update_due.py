"""When a recommendation's next progress update falls due."""

import datetime

import pytest

from recommendations.models import Recommendation, Status
from tests.factories import (
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)

pytestmark = pytest.mark.django_db


def due_numbers(as_at):
    return [
        int(r.reference)
        for r in Recommendation.objects.with_status(as_at=as_at)
        .update_due(as_at)
        .order_by("sort_key")
    ]


def test_update_falls_due_an_interval_after_the_last_update_or_the_response():
    review = ReviewFactory(
        report_agreed_on=datetime.date(2020, 10, 1),
        response_received_on=datetime.date(2021, 1, 19),
        update_interval_months=6,
    )
    quiet = RecommendationFactory(review=review, reference=1)
    heard = RecommendationFactory(review=review, reference=2)
    UpdateEntryFactory(recommendation=heard, update__given_on=datetime.date(2021, 5, 25))
    assert due_numbers(datetime.date(2021, 7, 18)) == []
    assert due_numbers(datetime.date(2021, 7, 19)) == [1]
    assert due_numbers(datetime.date(2021, 11, 25)) == [1, 2]
    annotated = Recommendation.objects.with_status().get(pk=quiet.pk)
    assert annotated.next_update_due() == datetime.date(2021, 7, 19)


def test_each_review_keeps_its_own_interval_and_closed_ones_are_never_due():
    quarterly = ReviewFactory(report_agreed_on=datetime.date(2021, 1, 1), update_interval_months=3)
    yearly = ReviewFactory(report_agreed_on=datetime.date(2021, 1, 1), update_interval_months=12)
    RecommendationFactory(review=quarterly, reference=1)
    RecommendationFactory(review=yearly, reference=2)
    done = RecommendationFactory(review=quarterly, reference=3)
    UpdateEntryFactory(
        recommendation=done,
        update__given_on=datetime.date(2021, 2, 1),
        new_status=Status.ACHIEVED,
        reason="Delivered in full.",
    )
    assert due_numbers(datetime.date(2021, 4, 1)) == [1]
    assert due_numbers(datetime.date(2022, 1, 1)) == [1, 2]


def test_the_due_date_shown_is_the_day_the_update_falls_due_even_at_a_month_end():
    review = ReviewFactory(
        report_agreed_on=datetime.date(2020, 8, 31),
        response_received_on=None,
        started_on=datetime.date(2020, 1, 1),
        update_interval_months=6,
    )
    RecommendationFactory(review=review, reference=1)
    annotated = Recommendation.objects.with_status().get(review=review)
    shown = annotated.next_update_due()
    assert shown == datetime.date(2021, 3, 1)
    assert due_numbers(shown) == [1]
    assert due_numbers(shown - datetime.timedelta(days=1)) == []

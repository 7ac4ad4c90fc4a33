"""Entering the executive's responses records when the response was received: the first
response entered asks for the date, once for the whole review, and the review's "received"
follows without a separate edit."""

import datetime

import pytest

from recommendations.models import Response
from tests.factories import RecommendationFactory
from tests.recommendations.views.helpers import response_url
from tests.support.pages import main_text as text_of

pytestmark = pytest.mark.django_db


def posted(**kwargs):
    return {
        "response": "accepted",
        "response_text": "Accepted in full.",
        "target_date_0": "30",
        "target_date_1": "9",
        "target_date_2": "2022",
        "received_on_0": "19",
        "received_on_1": "1",
        "received_on_2": "2021",
        "version": "1",
        **kwargs,
    }


@pytest.fixture
def unanswered(review):
    review.response_received_on = None
    review.save()
    return [RecommendationFactory(review=review, reference=str(n)) for n in (11, 12)]


def test_the_first_response_sets_when_the_response_was_received(client, officer, unanswered):
    client.force_login(officer)
    first, second = unanswered
    assert "Date the executive response was received" in text_of(client.get(response_url(first)))
    assert client.post(response_url(first), posted()).status_code == 302
    first.review.refresh_from_db()
    assert first.review.response_received_on == datetime.date(2021, 1, 19)
    assert first.review.history.first().history_user == officer
    page = text_of(client.get(response_url(second)))
    assert "Date the executive response was received" not in page  # asked once
    response = client.post(response_url(second), posted(received_on_0="3", received_on_1="3"))
    assert response.status_code == 302
    first.review.refresh_from_db()
    assert first.review.response_received_on == datetime.date(2021, 1, 19)


def test_the_date_follows_the_reviews_own_rules(client, officer, unanswered):
    client.force_login(officer)
    response = client.post(response_url(unanswered[0]), posted(received_on_2="2019"))
    assert response.status_code == 200
    assert "The response cannot be received before the report was agreed" in text_of(response)
    unanswered[0].refresh_from_db()
    assert unanswered[0].response == Response.AWAITING


def test_a_response_needs_the_date_but_awaiting_does_not(client, officer, unanswered):
    client.force_login(officer)
    blank = {"received_on_0": "", "received_on_1": "", "received_on_2": ""}
    response = client.post(response_url(unanswered[0]), posted(**blank))
    assert "Enter the date the executive response was received" in text_of(response)
    response = client.post(response_url(unanswered[0]), posted(response="awaiting", **blank))
    assert response.status_code == 302
    unanswered[0].review.refresh_from_db()
    assert unanswered[0].review.response_received_on is None

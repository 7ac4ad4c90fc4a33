"""A review's report and executive response: the report agreed on or after the review
started, a response only after a report and at a later meeting of the committee, and
progress reported every 1 to 36 months."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from scrutiny.models import Review
from tests.factories import MeetingFactory, ReviewFactory
from tests.rules.helpers import admin_change, full_clean_errors, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    """Started 1 June 2020, report agreed 1 October 2020."""
    return ReviewFactory(title="Workforce")


def test_a_report_agreed_before_the_review_started_is_refused(admin_client, review):
    message = (
        "The date the report was agreed must be the same as or after the date the review started"
    )
    assert refused(admin_change(admin_client, review, report_agreed_on="2020-05-31"), message)
    review.report_agreed_on = datetime.date(2020, 5, 31)
    assert full_clean_errors(review) == {"report_agreed_on": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(report_agreed_on=datetime.date(2020, 5, 31))

    assert admin_change(admin_client, review, report_agreed_on="2020-06-01").status_code == 302
    assert Review.objects.get(pk=review.pk).report_agreed_on == datetime.date(2020, 6, 1)


def test_a_response_without_a_report_is_refused(admin_client, review):
    message = (
        "Enter the date the committee agreed the report: a response cannot be received "
        "before there is a report"
    )
    response = admin_change(
        admin_client, review, report_agreed_on=None, response_received_on="2021-01-19"
    )
    assert refused(response, message)
    review.report_agreed_on, review.response_received_on = None, datetime.date(2021, 1, 19)
    assert full_clean_errors(review) == {"response_received_on": [message]}


def test_a_response_received_before_the_report_was_agreed_is_refused(admin_client, review):
    message = "The response cannot be received before the report was agreed (1 October 2020)"
    assert refused(admin_change(admin_client, review, response_received_on="2020-09-30"), message)
    review.response_received_on = datetime.date(2020, 9, 30)
    assert full_clean_errors(review) == {"response_received_on": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(response_received_on=datetime.date(2020, 9, 30))

    assert admin_change(admin_client, review, response_received_on="2020-10-01").status_code == 302
    assert Review.objects.get(pk=review.pk).response_received_on == datetime.date(2020, 10, 1)


def test_a_response_meeting_of_another_committee_or_before_the_report_is_refused(
    admin_client, review
):
    elsewhere = MeetingFactory(date=datetime.date(2021, 1, 19))
    earlier = MeetingFactory(committee=review.committee, date=datetime.date(2020, 9, 1))
    for meeting, message in (
        (elsewhere, f"Choose a meeting of {review.committee}"),
        (earlier, "The response cannot be received before the report was agreed (1 October 2020)"),
    ):
        assert refused(admin_change(admin_client, review, response_meeting=meeting.pk), message)
        review.response_meeting = meeting
        assert full_clean_errors(review) == {"response_meeting": [message]}

    # A meeting of the committee after the report gives the date the response was received.
    later = MeetingFactory(committee=review.committee, date=datetime.date(2021, 1, 19))
    assert admin_change(admin_client, review, response_meeting=later.pk).status_code == 302
    saved = Review.objects.get(pk=review.pk)
    assert (saved.response_meeting, saved.response_received_on) == (
        later,
        datetime.date(2021, 1, 19),
    )


def test_an_update_interval_outside_1_to_36_months_is_refused(admin_client, review):
    message = "How often progress should be reported must be between 1 and 36 months"
    assert refused(admin_change(admin_client, review, update_interval_months=37), message)
    review.update_interval_months = 37
    assert full_clean_errors(review) == {"update_interval_months": [message]}

    assert admin_change(admin_client, review, update_interval_months=36).status_code == 302
    assert Review.objects.get(pk=review.pk).update_interval_months == 36

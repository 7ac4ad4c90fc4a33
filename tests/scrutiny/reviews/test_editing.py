"""Adding and editing a review: only democratic services of its council (or an
administrator) may; the dates and the meeting the response came to; bad input, a duplicate
title or another committee's meeting is an error on the page with nothing saved; an edit
keeps what was saved until it succeeds."""

import datetime

import pytest
from django.urls import reverse

from scrutiny.models import Committee, Review
from tests.factories import CommitteeFactory, MeetingFactory, user_with_role
from tests.scrutiny.committee_people import day, text_of
from tests.scrutiny.reviews.helpers import CREATE_URL, detail_url, edit_url, review_post

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_sign_in_and_nothing_is_saved(client, review):
    for url in [CREATE_URL, edit_url(review)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
        response = client.post(url, review_post(review.committee))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert Review.objects.count() == 1
    review.refresh_from_db()
    assert review.title == "Social Care External Workforce"


@pytest.mark.parametrize("who", ["councillor", "officer", "partner"])
def test_other_roles_may_not_add_or_edit_reviews(client, review, people, who):
    client.force_login(people[who])
    for url in [CREATE_URL, edit_url(review)]:
        assert client.get(url).status_code == 403
        assert client.post(url, review_post(review.committee)).status_code == 403
    assert Review.objects.count() == 1
    review.refresh_from_db()
    assert review.title == "Social Care External Workforce"


def test_democratic_services_of_another_council_cannot_touch_this_councils_reviews(
    client, review, people
):
    client.force_login(people["other_dem"])
    assert client.get(edit_url(review)).status_code == 403
    assert client.post(edit_url(review), review_post(review.committee)).status_code == 403
    # Their own add page offers only their own council's committees.
    response = client.get(CREATE_URL)
    assert response.status_code == 200
    assert "Adult Social Care Scrutiny Commission" not in text_of(response)
    response = client.post(CREATE_URL, review_post(review.committee))
    assert response.status_code == 200
    assert "Select a valid choice" in text_of(response)
    assert Review.objects.count() == 1


def test_democratic_services_add_a_review(client, commission, people):
    CommitteeFactory(council=commission.council, name="Cabinet", kind=Committee.Kind.CABINET)
    client.force_login(people["dem"])
    response = client.get(CREATE_URL)
    assert response.status_code == 200
    page = text_of(response)
    assert "Adult Social Care Scrutiny Commission" in page
    assert "Cabinet (LCC)" not in page  # a Cabinet does not carry out reviews
    response = client.post(CREATE_URL, review_post(commission))
    review = Review.objects.get()
    assert response.status_code == 302
    assert response.url == detail_url(review)
    assert review.committee == commission
    assert review.title == "Residential care home quality"
    assert review.started_on == datetime.date(2020, 6, 1)
    assert review.response_due_on == datetime.date(2020, 12, 1)
    assert review.published
    page = text_of(client.get(response.url))
    assert "Review added: Residential care home quality" in page
    assert f"Executive response due {day(2020, 12, 1)}" in page


def test_response_meeting_gives_the_date_received(client, commission, people):
    meeting = MeetingFactory(committee=commission, date=datetime.date(2021, 1, 19))
    client.force_login(people["dem"])
    response = client.post(CREATE_URL, review_post(commission, response_meeting=meeting.pk))
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.response_meeting == meeting
    assert review.response_received_on == datetime.date(2021, 1, 19)


BAD_INPUT = [
    (
        {"started_on_0": "2", "started_on_1": "11", "report_agreed_on_1": "1"},
        "The date the report was agreed must be the same as or after the date the review started",
    ),
    (
        {"report_agreed_on_0": "30", "report_agreed_on_1": "2", "report_agreed_on_2": "2021"},
        "Enter a real date",
    ),
    ({"started_on_0": "30", "started_on_1": "2", "started_on_2": "2021"}, "Enter a real date"),
    ({"started_on_1": ""}, "Enter the month"),
    (
        {
            "report_agreed_on_0": "",
            "report_agreed_on_1": "",
            "report_agreed_on_2": "",
            "response_received_on_0": "19",
            "response_received_on_1": "1",
            "response_received_on_2": "2021",
        },
        "a response cannot be received before there is a report",
    ),
    (
        {
            "response_received_on_0": "19",
            "response_received_on_1": "1",
            "response_received_on_2": "2020",
        },
        "The response cannot be received before the report was agreed (1 October 2020)",
    ),
    ({"title": "  "}, "Enter the title of the review"),
    ({"committee": ""}, "Choose the committee that carries out the review"),
    ({"update_interval_months": ""}, "Enter how often progress should be reported, in months"),
    (
        {"update_interval_months": "0"},
        "How often progress should be reported must be between 1 and 36 months",
    ),
    (
        {"update_interval_months": "37"},
        "How often progress should be reported must be between 1 and 36 months",
    ),
    (
        {"update_interval_months": "six"},
        "Enter how often progress should be reported as a whole number of months, like 6",
    ),
]


@pytest.mark.parametrize(("changes", "message"), BAD_INPUT)
def test_bad_input_is_an_error_on_the_page_and_nothing_is_saved(
    client, commission, people, changes, message
):
    client.force_login(people["dem"])
    response = client.post(CREATE_URL, review_post(commission, **changes))
    assert response.status_code == 200
    page = text_of(response)
    assert "There is a problem" in page
    assert message in page
    assert "govuk-error-summary" in response.content.decode()
    assert not Review.objects.exists()
    # What was typed stays on the page.
    assert 'value="Quality in residential care"' in response.content.decode()


def test_duplicate_title_in_the_committee_is_a_form_error(client, review, people):
    client.force_login(people["dem"])
    response = client.post(
        CREATE_URL, review_post(review.committee, title="social care external workforce")
    )
    assert response.status_code == 200
    assert (
        "Adult Social Care Scrutiny Commission already has a review called "
        "“social care external workforce”"
    ) in text_of(response)
    assert Review.objects.count() == 1
    # The same title under another committee is fine.
    other = CommitteeFactory(council=review.committee.council)
    response = client.post(CREATE_URL, review_post(other, title="Social Care External Workforce"))
    assert response.status_code == 302
    assert Review.objects.count() == 2


def test_response_meeting_must_be_of_the_reviews_committee(client, commission, people):
    elsewhere = MeetingFactory(committee=CommitteeFactory(council=commission.council))
    client.force_login(people["dem"])
    response = client.post(CREATE_URL, review_post(commission, response_meeting=elsewhere.pk))
    assert response.status_code == 200
    assert "Choose a meeting of Adult Social Care Scrutiny Commission" in text_of(response)
    assert not Review.objects.exists()


def test_democratic_services_edit_a_review(client, review, people):
    client.force_login(people["dem"])
    response = client.get(edit_url(review))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Social Care External Workforce"' in html
    assert 'name="report_agreed_on_2" value="2020"' in html
    response = client.post(
        edit_url(review),
        review_post(
            review.committee,
            title="Social Care External Workforce",
            status=Review.Status.MONITORING,
            published=None,  # unticked: back to a draft
            response_received_on_0="19",
            response_received_on_1="1",
            response_received_on_2="2021",
            version="1",
        ),
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.response_received_on == datetime.date(2021, 1, 19)
    assert review.report_agreed_on == datetime.date(2020, 10, 1)
    assert not review.published
    assert Review.objects.count() == 1


def test_a_failed_edit_keeps_the_saved_title_in_the_headings(client, review, people):
    client.force_login(people["dem"])
    response = client.post(
        edit_url(review),
        review_post(review.committee, title="A new name", started_on_2="2021"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="govuk-caption-l">Social Care External Workforce</span>' in html
    assert 'value="A new name"' in html
    review.refresh_from_db()
    assert review.title == "Social Care External Workforce"


def test_draft_review_edit_is_404_outside_its_council(client, review, people):
    review.published = False
    review.save()
    client.force_login(people["other_dem"])
    assert client.get(edit_url(review)).status_code == 404


def test_administrator_may_add_a_review_to_any_council(client, commission):
    admin = user_with_role(None, is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(CREATE_URL, review_post(commission))
    assert response.status_code == 302
    assert Review.objects.get().committee == commission

"""Each council sets how long its executive has to respond to a scrutiny report (two months
by default; eight weeks or 28 days where a council works to those); every review's response
due date follows it, and a response received after it was due says how late it was."""

import datetime
import re

import pytest
from django.urls import reverse

from partnerships.models import ResponseClock
from scrutiny.models import Review
from tests.factories import (
    CouncilFactory,
    PartnershipFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.scrutiny.committee_people import day, people_of, section, text_of
from tests.scrutiny.packs.helpers import build_meeting, pack_url, pdf_pages

pytestmark = pytest.mark.django_db

AGREED = datetime.date(2021, 1, 5)


def settings_url(council) -> str:
    return reverse("partnerships:organisation-edit", args=[council.pk])


@pytest.fixture
def review(committee):
    return ReviewFactory(
        committee=committee,
        title="Social Care External Workforce",
        report_agreed_on=AGREED,
        response_received_on=datetime.date(2021, 3, 10),
    )


def test_the_response_is_due_two_months_after_the_report_by_default(review):
    assert review.response_due_on == datetime.date(2021, 3, 5)
    assert review.response_days_late == 5


def test_democratic_services_set_the_clock_and_every_review_follows(
    client, people, council, review
):
    client.force_login(people.democratic_services)
    page = client.get(settings_url(council))
    assert page.status_code == 200
    response = client.post(
        settings_url(council), {"response_clock": "28d", "version": council.version}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.response_due_on == datetime.date(2021, 2, 2)
    assert review.history.first().history_user == people.democratic_services
    page = text_of(client.get(review.get_absolute_url()))
    assert "28 days after the report was agreed." in page
    assert "Received 36 days after it was due." in page
    organisation = text_of(client.get(council.get_absolute_url()))
    assert "Time the executive has to respond to a report 28 days" in organisation


def test_a_new_review_takes_its_councils_clock(council, committee):
    council.response_clock = ResponseClock.EIGHT_WEEKS
    council.save()
    review = ReviewFactory(committee=committee, report_agreed_on=AGREED)
    assert review.response_due_on == datetime.date(2021, 3, 2)


def test_a_response_on_time_is_not_late(client, review):
    review.response_received_on = review.response_due_on
    review.save()
    assert review.response_days_late is None
    assert "after it was due" not in text_of(client.get(review.get_absolute_url()))


def test_the_list_filters_reviews_that_responded_late(client, committee, review):
    ReviewFactory(
        committee=committee,
        title="Respite review",
        report_agreed_on=AGREED,
        response_received_on=datetime.date(2021, 2, 1),
    )
    page = text_of(client.get(reverse("scrutiny:review-list"), {"late": "on"}))
    assert "Social Care External Workforce" in page and "Respite review" not in page
    assert "5 days late" in page
    assert f"Received {day(2021, 3, 10)}" in page


def test_only_the_councils_democratic_services_change_its_clock(client, people, council):
    other = people_of(CouncilFactory())
    for user in (people.councillor, people.officer, people.partner, other.democratic_services):
        client.force_login(user)
        assert client.get(settings_url(council)).status_code == 403
        response = client.post(settings_url(council), {"response_clock": "28d", "version": 1})
        assert response.status_code == 403
    council.refresh_from_db()
    assert council.response_clock == ResponseClock.TWO_MONTHS
    client.logout()
    assert client.get(settings_url(council)).status_code == 302  # to sign in
    client.force_login(people.democratic_services)
    assert client.get(settings_url(PartnershipFactory())).status_code == 404


def test_a_choice_not_offered_is_a_message_in_the_page(client, people, council):
    client.force_login(people.democratic_services)
    response = client.post(settings_url(council), {"response_clock": "3y", "version": 1})
    assert response.status_code == 200
    assert "Select a valid choice" in text_of(response)
    assert Review.objects.count() == 0


def words_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_the_review_sums_up_the_executive_response_in_words_and_figures(client, review):
    for response in ["accepted", "accepted", "partly_accepted", "not_accepted", "awaiting"]:
        RecommendationFactory(review=review, response=response)
    html = client.get(review.get_absolute_url()).content.decode()
    chart = html[html.index('id="response-chart"') + len('id="response-chart">') :]
    chart = chart[: chart.index("</figure>")]
    assert words_of(chart) == (
        "The executive's response to each recommendation "
        "Accepted 2 recommendations Partly accepted 1 recommendation "
        "Not accepted 1 recommendation Awaiting response 1 recommendation"
    )
    assert f"?review={review.pk}&amp;response=partly_accepted" in chart


def test_the_packs_say_how_late_the_response_came(client, committee):
    may, review, _ = build_meeting(committee, 3)
    review.report_agreed_on = datetime.date(2020, 10, 1)
    review.response_received_on = datetime.date(2020, 12, 3)
    review.save()
    pack = text_of(client.get(pack_url(may)))
    assert f"Executive response received {day(2020, 12, 3)}. Received 2 days after it was due." in (
        pack
    )
    tracker = client.get(reverse("scrutiny:review-tracker-pdf", args=[review.pk]))
    assert "Received 2 days after it was due." in " ".join(pdf_pages(tracker.content))


def test_the_home_page_says_how_late_each_response_came(client, committee):
    """Responses received late in the last year, latest first, each saying how late; not
    one on time, not one received more than a year ago, not a draft review to a reader."""
    today = datetime.date.today()
    make = lambda title, agreed, received, **kw: ReviewFactory(  # noqa: E731
        committee=committee,
        title=title,
        started_on=agreed - datetime.timedelta(days=200),
        report_agreed_on=agreed,
        response_received_on=received,
        **kw,
    )
    agreed = today - datetime.timedelta(days=150)
    late = make("Libraries review", agreed, None)
    late.response_received_on = late.response_due_on + datetime.timedelta(days=32)
    late.save()
    make("On time review", agreed, agreed + datetime.timedelta(days=10))
    make("Old review", today - datetime.timedelta(days=600), today - datetime.timedelta(days=400))
    make("Draft review", agreed, late.response_received_on, published=False)
    home = f"/?council={committee.council_id}"
    html = section(client.get(home), "responses-late")
    page = words_of(html)
    assert "1 response received in the last year came after it was due." in page
    assert "Libraries review" in page and "Received 32 days after it was due." in page
    assert late.get_absolute_url() in html
    for hidden in ("On time review", "Old review", "Draft review"):
        assert hidden not in page
    welsh = words_of(section(client.get(f"/cy{home}"), "responses-late"))
    assert "Libraries review" in welsh and "32" in welsh and "after it was due" not in welsh


def test_the_home_page_says_when_no_response_came_late(client, committee, review):
    review.response_received_on = review.response_due_on
    review.save()
    page = words_of(section(client.get(f"/?council={committee.council_id}"), "responses-late"))
    assert "None in the last year: every response received came on time." in page

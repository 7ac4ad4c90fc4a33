"""The pages that enter many recommendations at once cost the same number of queries for
3 rows as for 30."""

import pytest
from django.urls import reverse

from recommendations.models import Recommendation
from tests.factories import RecommendationFactory
from tests.recommendations.views.test_paste import paste_url, rows_data
from tests.recommendations.views.test_review_responses import received, responses_url, row
from tests.support.queries import SESSION_SAVE

SIZES = [3, 30]


def pasted(size):
    return "\n".join(f"{n}. That the council does thing number {n}." for n in range(1, size + 1))


@pytest.mark.parametrize("size", SIZES)
def test_the_pasted_list_split_into_rows(
    client, dem_services, review, size, django_assert_max_num_queries
):
    client.force_login(dem_services)
    # The session, the user and their groups, the review (with its committee and council).
    with django_assert_max_num_queries(5 + SESSION_SAVE):
        response = client.post(paste_url(review), {"pasted": pasted(size)})
    assert len(response.context["rows"].forms) == size


@pytest.mark.parametrize("size", SIZES)
def test_saving_the_rows(client, dem_services, review, size, django_assert_max_num_queries):
    client.force_login(dem_services)
    data = rows_data([(str(n), f"Thing {n}.") for n in range(1, size + 1)])
    # The session, the user, the review, the references taken, and in a savepoint the
    # recommendations and their history rows, two bulk inserts.
    with django_assert_max_num_queries(9 + SESSION_SAVE):
        response = client.post(paste_url(review), data)
    assert response.status_code == 302
    assert Recommendation.objects.filter(review=review).count() == size


@pytest.mark.parametrize("size", SIZES)
def test_rows_refused_for_clashes(
    client, dem_services, review, size, django_assert_max_num_queries
):
    for n in range(1, size + 1):
        RecommendationFactory(review=review, reference=str(n))
    client.force_login(dem_services)
    data = rows_data([(str(n), f"Thing {n}.") for n in range(1, size + 1)])
    # The references taken are read once for every row.
    with django_assert_max_num_queries(6 + SESSION_SAVE):
        response = client.post(paste_url(review), data)
    assert response.status_code == 200
    assert response.context["rows"].total_error_count() == size


@pytest.fixture
def many(review):
    def make(size):
        review.response_received_on = None
        review.save()
        return [RecommendationFactory(review=review, reference=str(n)) for n in range(size)]

    return make


@pytest.mark.parametrize("size", SIZES)
def test_the_responses_page(client, officer, review, many, size, django_assert_max_num_queries):
    many(size)
    client.force_login(officer)
    # The session, the user, the review, its recommendations.
    with django_assert_max_num_queries(6 + SESSION_SAVE):
        response = client.get(responses_url(review))
    assert len(response.context["page"].forms) == size


@pytest.mark.parametrize("size", SIZES)
def test_saving_the_responses(client, officer, review, many, size, django_assert_max_num_queries):
    recs = many(size)
    client.force_login(officer)
    data = received()
    for rec in recs:
        data |= row(rec, "noted", f"Noted {rec.reference}.")
    # Most are the review's own rules, checked for the date received and again as it is
    # saved (scrutiny.services.responses, each constraint in a savepoint); the rows are
    # four: the versions read and moved on, a bulk update and the bulk insert of history.
    with django_assert_max_num_queries(45 + SESSION_SAVE):
        response = client.post(responses_url(review), data)
    assert response.status_code == 302
    assert Recommendation.objects.filter(response_text__startswith="Noted").count() == size


def test_urls_are_as_the_house_style_says(review):
    assert reverse("recommendations:review-responses-edit", args=[review.pk]).endswith(
        f"/reviews/{review.pk}/responses/edit/"
    )

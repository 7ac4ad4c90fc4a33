"""How often a review wants progress reported: the review form saves it, and the review page
shows it with each open recommendation's next update."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse

from scrutiny.models import Review
from tests.scrutiny.committee_people import day, section, text_of
from tests.scrutiny.due_views.helpers import TODAY, text_of_html
from tests.scrutiny.reviews.helpers import review_post

pytestmark = pytest.mark.django_db


def test_the_review_form_saves_how_often_progress_is_reported(client, people, world):
    client.force_login(people.democratic_services)
    response = client.post(
        reverse("scrutiny:review-create"),
        review_post(world["review"].committee, update_interval_months="3"),
    )
    assert response.status_code == 302
    review = Review.objects.get(title="Residential care home quality")
    assert review.update_interval_months == 3
    edit = client.get(reverse("scrutiny:review-edit", args=[world["review"].pk]))
    assert 'name="update_interval_months" value="6"' in edit.content.decode()
    assert "How often should progress be reported?" in edit.content.decode()


def test_the_review_page_shows_the_interval_and_each_open_recommendations_next_update(
    client, world
):
    review = world["review"]
    review.update_interval_months = 3
    review.save()
    response = client.get(review.get_absolute_url())
    page = text_of(response)
    assert "Progress reported Every 3 months" in page
    next_updates = text_of_html(section(response, "next-updates"))
    assert f"Recommendation 4 None yet {day(2021, 4, 19)} Due now" in next_updates
    recent = (TODAY - datetime.timedelta(days=10)) + relativedelta(months=3)
    assert f"Recommendation 5 {day(*(TODAY - datetime.timedelta(days=10)).timetuple()[:3])} " in (
        next_updates
    )
    assert day(recent.year, recent.month, recent.day) in next_updates
    assert "Recommendation 8" not in next_updates  # achieved

"""Correcting an update makes as many queries for 30 entries as for 3."""

import pytest
from django.urls import reverse

from recommendations.models import Status, UpdateEntry
from tests.factories import ProgressUpdateFactory, RecommendationFactory, UpdateEntryFactory
from tests.support.forms import form_data
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [3, 30])
def test_the_correction_page_and_its_save(
    client, dem_services, review, partner, size, django_assert_max_num_queries
):
    update = ProgressUpdateFactory(organisation=partner)
    for n in range(size):
        rec = RecommendationFactory(review=review, reference=100 + n)
        UpdateEntryFactory(update=update, recommendation=rec, new_status=Status.ON_TRACK)
    url = reverse("recommendations:update-edit", args=[update.pk])
    client.force_login(dem_services)
    with django_assert_max_num_queries(13 + SESSION_SAVE):
        page = client.get(url)
    data = form_data(page)
    for entry in UpdateEntry.objects.filter(update=update):
        data[f"rec-{entry.recommendation_id}-text"] = "Corrected words."
    # The entries are one update and one insert of history, the timelines four queries.
    with django_assert_max_num_queries(22 + SESSION_SAVE):
        response = client.post(url, data)
    assert response.status_code == 302
    assert UpdateEntry.objects.filter(text="Corrected words.").count() == size

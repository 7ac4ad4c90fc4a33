""" "Save and add another" on the forms where people add many in a row: it saves, then
comes back to an empty form under a banner naming what was saved."""

from django.urls import reverse

from recommendations.models import ProgressUpdate, Recommendation
from tests.recommendations.views.helpers import create_url, entry, log_data, log_url
from tests.recommendations.views.test_create_edit import rec_data
from tests.support.pages import words


def test_a_recommendation_then_an_empty_form_for_the_next(client, dem_services, review):
    client.force_login(dem_services)
    page = client.get(create_url(review)).content.decode()
    assert 'name="another"' in page and "Save and add another" in page
    response = client.post(create_url(review), rec_data(reference="R7", another="1"))
    assert response.status_code == 302 and response["Location"] == create_url(review)
    assert Recommendation.objects.get().reference == "R7"
    followed = client.get(response["Location"])
    assert "Recommendation R7 added" in words(followed)
    form = followed.context["form"]
    assert form["reference"].value() == "R8"  # the next one, suggested
    assert not form["text"].value()


def test_the_plain_save_still_goes_to_what_was_saved(client, dem_services, review):
    client.force_login(dem_services)
    response = client.post(create_url(review), rec_data())
    assert response["Location"] == Recommendation.objects.get().get_absolute_url()


def test_editing_offers_no_second_button(client, dem_services, recs):
    client.force_login(dem_services)
    url = reverse("recommendations:recommendation-edit", args=[recs[4].pk])
    assert 'name="another"' not in client.get(url).content.decode()


def test_a_progress_update_then_the_form_again(client, officer, recs, review):
    client.force_login(officer)
    assert 'name="another"' in client.get(log_url(review)).content.decode()
    data = log_data(officer) | entry(recs[4], text="Pathway drafted.") | {"another": "1"}
    response = client.post(log_url(review), data)
    assert response.status_code == 302 and response["Location"] == log_url(review)
    assert ProgressUpdate.objects.count() == 1
    assert "Update recorded on recommendation 4" in words(client.get(response["Location"]))

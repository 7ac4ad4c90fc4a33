"""Edit forms typed past the session's end: the text comes back after signing in again,
and saving it then saves it (the recommendation's edit form and the log-an-update form)."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from recommendations.models import ProgressUpdate, Recommendation
from tests.recommendations.views.helpers import edit_url, entry, log_data, log_url
from tests.recommendations.views.test_create_edit import rec_data
from tests.support.forms import form_data
from tests.support.pages import main_text as text_of

pytestmark = pytest.mark.django_db

KEPT = "We kept what you typed while you signed in again"
TYPED = "That the council invests in leadership training for every care home manager."


def session_ends():
    Session.objects.all().delete()


def sign_in(client, user, next_url: str):
    return client.post(
        f"{reverse('login')}?next={next_url}",
        {"username": user.username, "password": "correct-horse-battery", "next": next_url},
        follow=True,
    )


def test_a_recommendation_edited_past_the_sessions_end_is_saved_after_signing_in(
    client, dem_services, recs
):
    client.force_login(dem_services)
    url = edit_url(recs[4])
    client.get(url)
    session_ends()
    sent = client.post(url, rec_data(reference="4", text=TYPED, version="1"))
    assert sent["Location"].startswith(reverse("login"))

    back = sign_in(client, dem_services, url)

    assert KEPT in text_of(back)
    assert TYPED in back.content.decode()
    assert Recommendation.objects.get(pk=recs[4].pk).text != TYPED

    client.post(url, form_data(back, containing="version"))

    assert Recommendation.objects.get(pk=recs[4].pk).text == TYPED


def test_an_update_typed_past_the_sessions_end_is_logged_after_signing_in(
    client, officer, recs, review
):
    client.force_login(officer)
    url = log_url(review)
    client.get(url)
    session_ends()
    client.post(url, log_data(officer) | entry(recs[4], text=TYPED, new_status="", reason=""))

    back = sign_in(client, officer, url)

    assert KEPT in text_of(back)
    assert TYPED in back.content.decode()
    assert not ProgressUpdate.objects.exists()

    client.post(url, form_data(back, containing="form_token"))

    assert ProgressUpdate.objects.get().entries.get().text == TYPED

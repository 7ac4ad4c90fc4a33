"""The session ends while the record screen is being typed (30 minutes without a request):
pressing save sends its author to sign in, and once signed in the screen is back with
everything typed, saved only when they press save again. Edit forms alike."""

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from recommendations.models import ProgressUpdate, UpdateEntry
from scrutiny.common.kept import SESSION_KEY
from scrutiny.models import AgreedAction
from tests.scrutiny.committee_people import text_of
from tests.scrutiny.record.helpers import SAID, page_words, record_url, verbal_update
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db

KEPT = "We kept what you typed while you signed in again"


def session_ends():
    """What 30 minutes without a request does: the session is gone."""
    Session.objects.all().delete()


def sign_in(client, user, next_url: str):
    return client.post(
        f"{reverse('login')}?next={next_url}",
        {"username": user.username, "password": "correct-horse-battery", "next": next_url},
        follow=True,
    )


def test_what_was_typed_comes_back_after_signing_in_again(client, people, leicester):
    user = people.democratic_services
    client.force_login(user)
    url = record_url(leicester["may"])
    client.get(url)
    session_ends()

    sent = client.post(url, verbal_update(leicester))

    assert sent.status_code == 302
    assert sent["Location"].startswith(reverse("login"))
    # Kept server-side, never in the address.
    assert SAID[4][:20] not in sent["Location"]
    assert not ProgressUpdate.objects.exists()

    back = sign_in(client, user, url)

    assert back.redirect_chain[-1][0] == url
    assert KEPT in text_of(back)
    words = page_words(back)
    for said in SAID.values():
        assert said in words
    assert "Representative" in words
    # Nothing is saved until the person checks it and saves.
    assert not ProgressUpdate.objects.exists() and not AgreedAction.objects.exists()

    client.post(url, form_data(back, containing="form_token"))

    assert ProgressUpdate.objects.count() == 1
    assert sorted(UpdateEntry.objects.values_list("text", flat=True)) == sorted(SAID.values())
    assert AgreedAction.objects.count() == 1


def test_what_was_kept_is_shown_once(client, people, leicester):
    user = people.democratic_services
    client.force_login(user)
    url = record_url(leicester["may"])
    session_ends()
    client.post(url, verbal_update(leicester))
    sign_in(client, user, url)

    again = client.get(url)

    assert KEPT not in text_of(again)
    assert SAID[4] not in page_words(again)


def test_what_was_kept_comes_back_only_on_its_own_page(client, people, leicester):
    user = people.democratic_services
    client.force_login(user)
    url = record_url(leicester["may"])
    session_ends()
    client.post(url, verbal_update(leicester))
    sign_in(client, user, reverse("scrutiny:home"))

    other = client.get(record_url(leicester["november"]))

    assert KEPT not in text_of(other)
    assert SAID[4] not in page_words(other)


def test_another_browser_does_not_get_what_was_kept(client, people, leicester, django_user_model):
    """What was kept belongs to the browser that typed it (its session), not to whoever
    signs in next."""
    user = people.democratic_services
    client.force_login(user)
    url = record_url(leicester["may"])
    session_ends()
    client.post(url, verbal_update(leicester))

    elsewhere = Client()
    back = sign_in(elsewhere, user, url)

    assert KEPT not in text_of(back)
    assert SAID[4] not in page_words(back)


def test_passwords_are_never_kept(client, people):
    """A password change sent after the session ended is not kept anywhere."""
    user = people.democratic_services
    client.force_login(user)
    session_ends()
    url = reverse("password_change")
    client.post(url, {"old_password": "correct-horse-battery", "new_password1": "Secret-1234567"})

    kept = client.session[SESSION_KEY]
    assert "Secret-1234567" not in str(cache.get(f"kept-form:{kept['key']}"))
    posted = signing.loads(cache.get(f"kept-form:{kept['key']}"), salt="scrutiny.common.kept")
    assert posted["posted"] == []

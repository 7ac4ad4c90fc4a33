"""Passwords: at least 12 characters, not a common one, 64 characters fine; and the page
where a signed-in user changes theirs."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from partnerships.forms import ChangePasswordForm
from partnerships.models import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's
CHANGE_URL = "/accounts/password/"
LONG_PASSWORD = "Quiet-otters-paddle-past-the-lock-at-dawn-9-Quiet-otters-paddle-"


@pytest.fixture
def officer():
    return user_with_role(Role.OFFICER, username="sam.officer")


def change_form(user, new, confirm=None, current=PASSWORD):
    return ChangePasswordForm(
        user,
        data={
            "old_password": current,
            "new_password1": new,
            "new_password2": new if confirm is None else confirm,
        },
    )


def compact(response) -> str:
    return " ".join(response.content.decode().split())


def test_the_url_names_are_djangos():
    assert reverse("password_change") == CHANGE_URL
    assert reverse("password_change_done") == "/accounts/password/done/"


def test_eleven_characters_are_too_few_and_twelve_are_enough(officer):
    short = change_form(officer, "Tulip-Lamp7")

    assert len("Tulip-Lamp7") == 11
    assert not short.is_valid()
    assert "at least 12 characters" in " ".join(short.errors["new_password1"])

    enough = change_form(officer, "Tulip-Lamp-7")
    assert len("Tulip-Lamp-7") == 12
    assert enough.is_valid(), enough.errors


def test_a_common_password_is_refused_however_long(officer):
    form = change_form(officer, "qwerty123456")

    assert not form.is_valid()
    assert "too common" in " ".join(form.errors["new_password1"])


def test_a_sixty_four_character_password_is_accepted_and_works(client, officer):
    assert len(LONG_PASSWORD) == 64
    form = change_form(officer, LONG_PASSWORD)
    assert form.is_valid(), form.errors
    form.save()

    response = client.post(
        "/accounts/login/", {"username": "sam.officer", "password": LONG_PASSWORD}
    )

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(officer.pk)


def test_the_change_password_page_is_for_signed_in_users_only(client):
    response = client.get(CHANGE_URL)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={CHANGE_URL}"


def test_every_page_links_a_signed_in_user_to_change_their_password(client, officer):
    assert f'href="{CHANGE_URL}"' not in compact(client.get("/"))
    client.force_login(officer)

    assert f'<a class="govuk-link" href="{CHANGE_URL}">Change your password</a>' in compact(
        client.get("/")
    )


def test_the_change_password_page_has_labelled_fields_in_govuk_style(client, officer):
    client.force_login(officer)

    html = compact(client.get(CHANGE_URL))

    assert '<h1 class="govuk-heading-l">Change your password</h1>' in html
    for name, label, autocomplete in [
        ("old_password", "Current password", "current-password"),
        ("new_password1", "New password", "new-password"),
        ("new_password2", "Confirm new password", "new-password"),
    ]:
        assert f'<label for="id_{name}" class="govuk-label"> {label} </label>' in html
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert 'type="password"' in field
        assert f'autocomplete="{autocomplete}"' in field
        assert "govuk-input" in field
    assert "At least 12 characters" in html
    assert "govuk-error-summary" not in html


def test_mistakes_are_listed_in_an_error_summary_and_no_password_comes_back(client, officer):
    client.force_login(officer)

    response = client.post(
        CHANGE_URL,
        {"old_password": "not-my-password", "new_password1": "short", "new_password2": "other"},
    )

    html = compact(response)
    assert response.status_code == 200
    assert "There is a problem" in html
    assert '<a href="#id_old_password">Your current password is not right.' in html
    assert '<a href="#id_new_password1">This password is too short.' in html
    assert '<a href="#id_new_password2">The new passwords do not match.' in html
    assert "<title>Change your password (error)" in html
    for typed in ("not-my-password", "short", "other"):
        assert f'value="{typed}"' not in html
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_changing_the_password_keeps_this_session_and_ends_the_others(client, officer):
    elsewhere = type(client)()
    elsewhere.force_login(officer)
    client.force_login(officer)

    response = client.post(
        CHANGE_URL,
        {
            "old_password": PASSWORD,
            "new_password1": LONG_PASSWORD,
            "new_password2": LONG_PASSWORD,
        },
        follow=True,
    )

    assert response.redirect_chain == [("/accounts/password/done/", 302)]
    html = compact(response)
    assert "Your password has been changed" in html
    assert "Signed in as" in html
    officer.refresh_from_db()
    assert officer.check_password(LONG_PASSWORD)
    assert client.get(CHANGE_URL).status_code == 200
    assert elsewhere.get(CHANGE_URL).status_code == 302

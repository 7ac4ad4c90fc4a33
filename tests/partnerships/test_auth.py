"""Signing in and out."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from partnerships.models import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


@pytest.fixture
def officer():
    return user_with_role(Role.OFFICER, username="sam.officer")


def compact(response) -> str:
    return " ".join(response.content.decode().split())


def test_the_sign_in_page_has_labelled_fields_with_autocomplete(client):
    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    html = compact(response)
    assert re.search(r'<h1 class="govuk-heading-l">Sign in</h1>', html)
    assert html.count("<h1") == 1
    assert '<label for="id_username" class="govuk-label"> Username </label>' in html
    assert '<label for="id_password" class="govuk-label"> Password </label>' in html
    username = re.search(r'<input[^>]*name="username"[^>]*>', html).group(0)
    password = re.search(r'<input[^>]*name="password"[^>]*>', html).group(0)
    assert 'autocomplete="username"' in username
    assert 'id="id_username"' in username
    assert 'autocomplete="current-password"' in password
    assert 'type="password"' in password
    assert re.search(r'<button[^>]*type="submit"[^>]*>Sign in</button>', html)
    assert "govuk-error-summary" not in html


def test_a_wrong_password_shows_an_error_summary_and_keeps_the_username(client, officer):
    response = client.post(LOGIN_URL, {"username": "sam.officer", "password": "wrong-one"})

    assert response.status_code == 200
    html = compact(response)
    assert "govuk-error-summary" in html
    assert "There is a problem" in html
    assert '<a href="#id_username">Enter a correct username and password.' in html
    username = re.search(r'<input[^>]*name="username"[^>]*>', html).group(0)
    password = re.search(r'<input[^>]*name="password"[^>]*>', html).group(0)
    assert 'value="sam.officer"' in username
    assert 'aria-invalid="true"' in username
    assert "govuk-form-group--error" in html
    assert "wrong-one" not in html
    assert "value=" not in password
    assert "<title>Sign in (error)" in html
    assert SESSION_KEY not in client.session


def test_empty_fields_are_each_named_in_the_error_summary(client):
    html = compact(client.post(LOGIN_URL, {"username": "", "password": ""}))

    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html


def test_the_right_password_signs_in_and_goes_to_the_page_asked_for(client, officer):
    organisations = reverse("partnerships:organisation-list")

    response = client.post(
        f"{LOGIN_URL}?next={organisations}",
        {"username": "sam.officer", "password": PASSWORD, "next": organisations},
    )

    assert response.status_code == 302
    assert response.url == organisations
    assert client.session[SESSION_KEY] == str(officer.pk)
    page = compact(client.get(organisations))
    assert "Signed in as" in page
    assert "Sign out" in page


def test_the_right_password_with_no_next_page_goes_home(client, officer):
    response = client.post(LOGIN_URL, {"username": "sam.officer", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("scrutiny:home")


def test_signing_out_is_a_post_that_signs_out_and_says_so(client, officer):
    client.force_login(officer)

    assert client.get("/accounts/logout/").status_code == 405
    assert SESSION_KEY in client.session

    response = client.post("/accounts/logout/", follow=True)

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    html = compact(response)
    assert "You have signed out." in html
    assert "Signed in as" not in html

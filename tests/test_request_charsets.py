"""A form sent in another character set (``charset=latin-1``, ``utf-16``) is a 400 page,
never a 500, whoever sends it and wherever (issue 13, "Bad input never gives a 500"):
Django refuses to read such a body, and nothing on the way to the 400 page may try to read
it again."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.support.world import client_for

CHARSETS = ["latin-1", "utf-16", "iso-8859-1", "x-no-such-charset"]


def _urls(w) -> list[str]:
    return [
        reverse("login"),
        "/cy" + reverse("login"),
        reverse("logout"),
        reverse("scrutiny:meeting-due", kwargs={"pk": w.next_meeting_a.pk}),
        reverse("recommendations:update-create", kwargs={"review_pk": w.review_a.pk}),
        reverse("scrutiny:review-create"),
    ]


@pytest.mark.parametrize("charset", CHARSETS)
@pytest.mark.parametrize("who", ["anonymous", "democratic"])
@pytest.mark.parametrize("csrf", [True, False])
def test_a_form_in_another_charset_is_a_400_page(world, db, charset, who, csrf):
    client = Client(enforce_csrf_checks=csrf, raise_request_exception=False)
    client_for(client, world.user(who))
    client.get(reverse("login"))  # a CSRF cookie, as a browser has
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""
    for url in _urls(world):
        response = client.generic(
            "POST",
            url,
            "username=caf\xe9&password=x".encode("latin-1"),
            content_type=f"application/x-www-form-urlencoded; charset={charset}",
            headers={"X-CSRFToken": token},
        )
        # Refused (400, or 403 without a CSRF token it could read), or sent to sign in;
        # some charsets Django reads as it would UTF-8.
        assert response.status_code < 500, (url, charset, response.status_code)


def test_the_400_page_is_the_services_own(world, db):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    response = client.generic(
        "POST",
        reverse("login"),
        "username=caf\xe9".encode("latin-1"),
        content_type="application/x-www-form-urlencoded; charset=latin-1",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )
    assert response.status_code == 400
    assert "Sorry, there is a problem with that request" in response.content.decode()

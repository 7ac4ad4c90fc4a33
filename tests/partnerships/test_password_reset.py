"""Resetting a forgotten password by email, through a real SMTP server (aiosmtpd) on this
machine: the link in the email sets a new password once; an unknown or inactive address
gets the same page and no email; under /cy/ the email is in Welsh; one address gets at most
three emails an hour; the security log records the request and the reset."""

from __future__ import annotations

import json
import logging
import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Role
from scrutiny.common.security import RESET_EMAILS_PER_HOUR
from tests.factories import user_with_role
from tests.support.smtp import body, smtp_server

pytestmark = pytest.mark.django_db

ADDRESS = "sam.officer@example.gov.uk"
NEW_PASSWORD = "Quiet-otters-paddle-at-dawn"


@pytest.fixture
def inbox():
    with smtp_server() as handler:
        yield handler


@pytest.fixture
def officer():
    return user_with_role(Role.OFFICER, username="sam.officer", email=ADDRESS)


def link_in(message) -> str:
    found = re.search(
        r"http://testserver(\S+/accounts/password/reset/\S+/|/accounts/password/reset/\S+/)",
        body(message),
    )
    assert found, body(message)
    return found.group(1)


def ask(client, address, prefix=""):
    return client.post(prefix + reverse("password_reset"), {"email": address}, follow=True)


def page(response) -> str:
    """The page without its per-response CSP nonce and request id."""
    text = re.sub(r'nonce="[^"]*"', "", response.content.decode())
    return re.sub(r"[0-9a-f]{32}", "", text)


def security_events(caplog) -> list[dict]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "scrutiny.security"]


def test_the_sign_in_page_links_to_the_reset_page(client):
    page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in page
    assert "Forgotten your password?" in page


def test_the_emailed_link_sets_a_new_password_once(client, inbox, officer, caplog):
    caplog.set_level(logging.INFO)
    response = ask(client, ADDRESS.upper())

    assert "Check your email" in response.content.decode()
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == ADDRESS
    assert message["Subject"] == "Reset your password for Scrutiny recommendation tracker"
    assert "sam.officer" in body(message)
    path = link_in(message)
    assert path in body(message, "html")

    # Django swaps the token for a session key and redirects to the form.
    form = client.get(path, follow=True)
    assert "Set a new password" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert "Your password has been set" in done.content.decode()

    old = client.post(
        reverse("login"), {"username": "sam.officer", "password": "correct-horse-battery"}
    )
    assert old.status_code == 200
    signed_in = client.post(reverse("login"), {"username": "sam.officer", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302
    assert client.session[SESSION_KEY] == str(officer.pk)
    client.logout()

    again = client.get(path, follow=True)
    assert "This link does not work" in again.content.decode()
    assert "Set a new password" not in again.content.decode()

    logged = [(e["event"], e["user"], e["outcome"]) for e in security_events(caplog)]
    assert ("password_reset_requested", None, "requested") in logged
    assert ("password_reset", "sam.officer", "success") in logged


def test_an_unknown_or_inactive_address_gets_the_same_page_and_no_email(client, inbox, officer):
    known = ask(client, ADDRESS)
    assert len(inbox.messages) == 1

    unknown = ask(client, "nobody@example.gov.uk")
    officer.is_active = False
    officer.save()
    inactive = ask(client, ADDRESS)

    assert len(inbox.messages) == 1
    assert known.redirect_chain == unknown.redirect_chain == inactive.redirect_chain
    assert page(known) == page(unknown) == page(inactive)


def test_the_email_is_in_welsh_when_asked_for_under_cy(client, inbox, officer):
    response = ask(client, ADDRESS, prefix="/cy")

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/cy/")
    message = inbox.messages[0]
    assert message["Subject"].startswith("Ailosod eich cyfrinair")
    assert "Traciwr argymhellion craffu" in message["Subject"]
    assert "Someone asked" not in body(message)
    path = link_in(message)
    assert path.startswith("/cy/accounts/password/reset/")
    assert "Gosod cyfrinair newydd" in client.get(path, follow=True).content.decode()


def test_one_address_gets_at_most_three_emails_an_hour(client, inbox, officer):
    for _ in range(RESET_EMAILS_PER_HOUR + 2):
        response = ask(client, ADDRESS)
        assert "Check your email" in response.content.decode()

    assert RESET_EMAILS_PER_HOUR == 3
    assert len(inbox.messages) == 3


def test_a_new_password_is_checked_like_any_other(client, inbox, officer):
    ask(client, ADDRESS)
    form = client.get(link_in(inbox.messages[0]), follow=True)
    refused = client.post(
        form.redirect_chain[-1][0], {"new_password1": "short", "new_password2": "short"}
    )

    assert refused.status_code == 200
    assert "There is a problem" in refused.content.decode()
    officer.refresh_from_db()
    assert officer.check_password("correct-horse-battery")


def test_the_reset_pages_take_a_fixed_number_of_queries(client, officer, django_assert_num_queries):
    # No queries for the pages; asking costs the same for a known and an unknown address
    # (the throttle's count, then the account lookup), so the time taken tells nothing.
    for name in ("password_reset", "password_reset_done", "password_reset_complete"):
        with django_assert_num_queries(0):
            assert client.get(reverse(name)).status_code == 200
    counts = []
    for address in (ADDRESS, "nobody@example.gov.uk"):
        with CaptureQueriesContext(connection) as captured:
            client.post(reverse("password_reset"), {"email": address})
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert counts[0] <= 15

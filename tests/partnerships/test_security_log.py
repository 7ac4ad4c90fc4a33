"""The security log: one JSON line per sign-in, failed sign-in, lockout, sign-out and
refusal, with the same fields, and never a password, session key, CSRF token or query
string."""

import datetime
import json
import logging

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from partnerships.models import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's
ADDRESS = "192.0.2.44"
FIELDS = {"event", "time", "user", "address", "url_name", "outcome"}


@pytest.fixture
def officer():
    return user_with_role(Role.OFFICER, username="sam.officer")


@pytest.fixture
def log(caplog):
    caplog.set_level(logging.INFO)
    return caplog


def events(caplog) -> list[dict]:
    lines = [r.getMessage() for r in caplog.records if r.name == "scrutiny.security"]
    records = [json.loads(line) for line in lines]
    for record in records:
        assert set(record) == FIELDS
        moment = datetime.datetime.fromisoformat(record["time"])
        assert moment.utcoffset() == datetime.timedelta(0)
        assert abs(datetime.datetime.now(datetime.UTC) - moment) < datetime.timedelta(minutes=1)
    return records


def everything_logged(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records)


def test_signing_in_is_logged_without_the_password_or_session_key(client, officer, log):
    client.post(LOGIN_URL, {"username": "sam.officer", "password": PASSWORD}, REMOTE_ADDR=ADDRESS)

    assert events(log) == [
        {
            "event": "sign_in",
            "time": events(log)[0]["time"],
            "user": "sam.officer",
            "address": ADDRESS,
            "url_name": "login",
            "outcome": "success",
        }
    ]
    logged = everything_logged(log)
    assert PASSWORD not in logged
    assert client.cookies[settings.SESSION_COOKIE_NAME].value not in logged


def test_a_failed_sign_in_logs_the_username_typed_but_never_the_password(client, officer, log):
    typed = "Tr0ub4dor&3-secret-guess"

    client.post(
        f"{LOGIN_URL}?next=/%3Ftoken%3Dsecret-in-query",
        {"username": "sam.officer", "password": typed},
        REMOTE_ADDR=ADDRESS,
    )

    [event] = events(log)
    assert event["event"] == "sign_in_failed"
    assert event["user"] == "sam.officer"
    assert event["address"] == ADDRESS
    assert event["url_name"] == "login"
    assert event["outcome"] == "wrong_credentials"
    logged = everything_logged(log)
    assert typed not in logged
    assert "secret-in-query" not in logged


def test_a_lockout_is_logged_and_so_is_each_refused_try(client, officer, log):
    for n in range(10):
        client.post(LOGIN_URL, {"username": "sam.officer", "password": f"guess-{n}"})
    client.post(LOGIN_URL, {"username": "sam.officer", "password": PASSWORD})

    logged = events(log)
    kinds = [(e["event"], e["outcome"]) for e in logged]
    assert kinds == [
        *[("sign_in_failed", "wrong_credentials")] * 9,
        # The tenth failure locks the username...
        ("lockout", "locked"),
        ("sign_in_failed", "locked"),
        # ...and the right password is then refused because of the lock.
        ("sign_in_failed", "locked"),
    ]
    assert all(e["user"] == "sam.officer" for e in logged)
    assert PASSWORD not in everything_logged(log)
    assert "guess-3" not in everything_logged(log)


def test_signing_out_is_logged(client, officer, log):
    client.force_login(officer)
    log.clear()

    client.post("/accounts/logout/", REMOTE_ADDR=ADDRESS)

    [event] = events(log)
    assert event["event"] == "sign_out"
    assert event["user"] == "sam.officer"
    assert event["url_name"] == "logout"
    assert event["address"] == ADDRESS
    assert event["outcome"] == "success"


def test_a_refusal_by_a_view_is_logged_without_the_query_string(client, log):
    councillor = user_with_role(Role.COUNCILLOR, username="kim.councillor")
    client.force_login(councillor)
    log.clear()

    response = client.get("/committees/new/?token=secret-in-query", REMOTE_ADDR=ADDRESS)

    assert response.status_code == 403
    [event] = events(log)
    assert event["event"] == "access_refused"
    assert event["user"] == "kim.councillor"
    assert event["url_name"] == "scrutiny:committee-create"
    assert event["outcome"] == "forbidden"
    assert "secret-in-query" not in everything_logged(log)


def test_a_failed_csrf_check_is_logged_and_shows_the_house_page(officer, log):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    log.clear()

    response = client.post(
        "/accounts/logout/", {"csrfmiddlewaretoken": "forged-token-value"}, REMOTE_ADDR=ADDRESS
    )

    assert response.status_code == 403
    html = " ".join(response.content.decode().split())
    assert '<h1 class="govuk-heading-l">That form has expired</h1>' in html
    assert "Nothing was saved" in html
    assert "CSRF" not in html
    [event] = events(log)
    assert event["event"] == "access_refused"
    assert event["outcome"] == "csrf_failed"
    assert event["url_name"] == "logout"
    assert event["user"] == "sam.officer"
    logged = everything_logged(log)
    assert "forged-token-value" not in logged
    assert client.cookies[settings.SESSION_COOKIE_NAME].value not in logged


def test_an_absurd_username_is_refused_and_cut_short_in_the_log_and_the_count(client, log):
    response = client.post(LOGIN_URL, {"username": "x" * 5000, "password": "whatever-it-is"})

    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    [event] = [e for e in events(log) if e["event"] == "sign_in_failed"]
    assert event["user"] == "x" * 150
    # Cut to a username's longest (150), within axes' column on PostgreSQL (255).
    assert AccessAttempt.objects.get().username == "x" * 150

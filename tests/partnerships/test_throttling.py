"""Sign-in throttling (django-axes): 10 failures for a username lock it for 5 minutes,
whatever address they come from, even against the right password; the lockout page is the
same for every username; the address counted is the connection's, not a forged header's."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import Client, RequestFactory, override_settings

from partnerships.models import Role
from scrutiny.common.security import client_address
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's
LIMIT = 10


@pytest.fixture
def officer():
    return user_with_role(Role.OFFICER, username="sam.officer")


def sign_in(client, username, password, address="192.0.2.10", forwarded=None):
    meta = {"REMOTE_ADDR": address}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(LOGIN_URL, {"username": username, "password": password}, **meta)


def fail(client, username, times, **kwargs):
    return [sign_in(client, username, f"wrong-guess-{n}", **kwargs) for n in range(times)]


def text(response) -> str:
    return " ".join(response.content.decode().split())


def test_nine_failures_still_let_the_right_password_in(client, officer):
    responses = fail(client, "sam.officer", LIMIT - 1)

    assert [r.status_code for r in responses] == [200] * (LIMIT - 1)
    assert sign_in(client, "sam.officer", PASSWORD).status_code == 302
    assert client.session[SESSION_KEY] == str(officer.pk)


def test_the_tenth_failure_locks_the_username_even_against_the_right_password(client, officer):
    responses = fail(client, "sam.officer", LIMIT)

    assert responses[-2].status_code == 200
    assert responses[-1].status_code == 429
    response = sign_in(client, "sam.officer", PASSWORD)

    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    page = text(response)
    assert '<h1 class="govuk-heading-l">You cannot sign in for now</h1>' in page
    assert "Wait 5 minutes" in page
    assert "democratic services" in page
    assert response["Retry-After"] == "300"


def test_the_lockout_page_is_the_same_for_a_username_that_does_not_exist(client, officer):
    fail(client, "sam.officer", LIMIT)
    fail(client, "nobody.here", LIMIT)

    real = sign_in(client, "sam.officer", PASSWORD)
    made_up = sign_in(client, "nobody.here", PASSWORD)

    assert real.status_code == made_up.status_code == 429

    def page(response):
        return re.sub(r'nonce="[^"]*"', "", text(response))

    assert page(real) == page(made_up)
    assert "sam.officer" not in page(real)


def test_forged_forwarded_addresses_neither_help_nor_get_recorded(client, officer):
    for n in range(LIMIT):
        sign_in(client, "sam.officer", "wrong", forwarded=f"198.51.100.{n}")

    response = sign_in(client, "sam.officer", PASSWORD, forwarded="203.0.113.99")

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.10"}


def test_changing_address_for_each_attempt_does_not_help(client, officer):
    for n in range(LIMIT):
        sign_in(client, "sam.officer", "wrong", address=f"192.0.2.{n + 1}")

    assert sign_in(client, "sam.officer", PASSWORD, address="192.0.2.200").status_code == 429


def test_a_new_browser_for_each_attempt_does_not_help(officer):
    for n in range(LIMIT):
        browser = Client(headers={"user-agent": f"Browser/{n}"})
        sign_in(browser, "sam.officer", "wrong")

    fresh = Client(headers={"user-agent": "Another/1.0"})
    assert sign_in(fresh, "sam.officer", PASSWORD).status_code == 429


def test_another_username_is_not_affected(client, officer):
    other = user_with_role(Role.COUNCILLOR, username="kim.councillor")
    fail(client, "sam.officer", LIMIT)

    response = sign_in(client, "kim.councillor", PASSWORD)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(other.pk)


def test_the_lock_ends_five_minutes_after_it_began(client, officer):
    fail(client, "sam.officer", LIMIT)
    assert sign_in(client, "sam.officer", PASSWORD).status_code == 429

    # Trying while locked does not stretch the lock: it is still 5 minutes from the 10th
    # failure, which is moved back to just under, then just over, 5 minutes ago.
    now = datetime.datetime.now(datetime.UTC)
    AccessAttempt.objects.update(attempt_time=now - datetime.timedelta(minutes=4, seconds=50))
    assert sign_in(client, "sam.officer", PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=now - datetime.timedelta(minutes=5, seconds=1))
    response = sign_in(client, "sam.officer", PASSWORD)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(officer.pk)


def test_signing_in_clears_the_count_but_cannot_unlock(client, officer):
    fail(client, "sam.officer", LIMIT - 1)
    assert sign_in(client, "sam.officer", PASSWORD).status_code == 302
    client.post("/accounts/logout/")

    # The count began again: nine more failures are allowed...
    assert [r.status_code for r in fail(client, "sam.officer", LIMIT - 1)] == [200] * (LIMIT - 1)
    # ...and the tenth locks, after which the right password changes nothing.
    assert sign_in(client, "sam.officer", "wrong").status_code == 429
    assert sign_in(client, "sam.officer", PASSWORD).status_code == 429
    assert sign_in(client, "sam.officer", "wrong").status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # No proxy of ours: the header is whatever the client wrote, never believed.
        (0, "203.0.113.7", "192.0.2.10"),
        (0, None, "192.0.2.10"),
        # One proxy of ours appends the address it saw: the right-most entry.
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        # Two proxies: the outer one's entry, second from the right.
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        # Fewer entries than proxies: the set-up is not as configured; the connection's own.
        (2, "203.0.113.7", "192.0.2.10"),
    ],
)
def test_the_client_address_trusts_only_our_own_proxies(proxies, forwarded, expected):
    meta = {"REMOTE_ADDR": "192.0.2.10"}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **meta)

    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_address(request) == expected


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_saw_is_recorded(client, officer):
    sign_in(client, "sam.officer", "wrong", address="10.0.0.2", forwarded="6.6.6.6, 203.0.113.7")

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.7"]

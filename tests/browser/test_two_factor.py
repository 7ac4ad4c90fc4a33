"""In a real browser: democratic services, who must use two-factor sign-in, sign in, are
sent to set up an authenticator app, type its key into the "app" (here: the code computed
from the key on the page), keep their recovery codes, sign out, and sign in again with a
code from the app."""

import re
import time
from base64 import b32decode

import pytest
from django.test import override_settings
from django_otp.oath import TOTP
from playwright.sync_api import expect

from partnerships.models import Role
from tests.factories import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def app_code(secret: str, *, later: int = 0) -> str:
    """What an authenticator app given ``secret`` shows (``later`` 30-second steps on)."""
    totp = TOTP(b32decode(secret.replace(" ", "")))
    totp.time = time.time() + 30 * later
    return f"{totp.token():06d}"


def sign_in(page, url):
    page.get_by_label("Username").fill("dee.services")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_democratic_services_set_up_two_factor_then_sign_in_with_a_code(live_server, page):
    user_with_role(Role.DEMOCRATIC_SERVICES, username="dee.services")
    page.goto(live_server.url + "/accounts/login/")
    sign_in(page, live_server.url)

    # Sent to set up, and nowhere else until done.
    expect(page).to_have_url(live_server.url + "/accounts/two-factor/set-up/")
    page.goto(live_server.url + "/reviews/")
    expect(page).to_have_url(live_server.url + "/accounts/two-factor/set-up/")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = page.locator("#two-factor-secret").inner_text()
    page.get_by_label("Code from the app").fill(app_code(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()

    expect(page).to_have_url(live_server.url + "/accounts/two-factor/recovery-codes/")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have kept my codes").click()
    expect(page).to_have_url(live_server.url + "/")
    page.get_by_role("button", name=re.compile("Sign out")).click()

    # Signing in again: the password, then a code from the app.
    page.goto(live_server.url + "/accounts/password/")
    sign_in(page, live_server.url)
    expect(page).to_have_url(re.compile(r"/accounts/login/code/\?next=%2Faccounts%2Fpassword%2F$"))
    page.get_by_label("Code", exact=True).fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right.")
    page.get_by_label("Code", exact=True).fill(app_code(secret, later=1))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(live_server.url + "/accounts/password/")

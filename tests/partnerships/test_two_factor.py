"""Two-factor sign-in: after the password, a person with an authenticator app gives its
6-digit code (or a recovery code, once) before being signed in; democratic services and
administrators must set one up when TWO_FACTOR_REQUIRED is on and reach nothing else
until they do; others may; the Django admin cannot be signed into around it; wrong codes
count towards django-axes' lock of the username."""

from __future__ import annotations

import logging
import re
import time
from base64 import b32decode

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.models import Role
from partnerships.services.two_factor import recovery_codes_replace
from tests.checkers import validate, vnu_jar  # noqa: F401 (a fixture)
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's
LIMIT = 10  # settings.AXES_FAILURE_LIMIT


def code_for(device: TOTPDevice, *, later: int = 0) -> str:
    """The code the person's app shows now (or ``later`` steps on)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + later * device.step
    return f"{totp.token():06d}"


def with_app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def text(response) -> str:
    return " ".join(response.content.decode().split())


def sign_in(client, user, next_url: str = ""):
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


@pytest.fixture
def officer():
    return user_with_role(Role.OFFICER, username="sam.officer")


@pytest.fixture
def democratic():
    return user_with_role(Role.DEMOCRATIC_SERVICES, username="dee.services")


def test_the_password_alone_does_not_sign_in_a_person_with_an_app(client, officer):
    with_app(officer)
    response = sign_in(client, officer, "/reviews/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/code/?next=%2Freviews%2F"
    assert SESSION_KEY not in client.session
    assert client.get(reverse("two-factor")).status_code == 302  # still signed out


def test_a_wrong_code_is_refused_with_a_govuk_error(client, officer, caplog):
    with_app(officer)
    sign_in(client, officer)
    with caplog.at_level(logging.INFO, logger="scrutiny.security"):
        response = client.post(reverse("login-code"), {"code": "000000"})

    page = text(response)
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "The code is not right." in page
    assert 'href="#id_code"' in page
    assert SESSION_KEY not in client.session
    assert any('"outcome": "wrong_code"' in r.getMessage() for r in caplog.records)


def test_the_right_code_signs_in_and_goes_on_to_the_page_asked_for(client, officer):
    device = with_app(officer)
    sign_in(client, officer, "/reviews/")
    response = client.post(reverse("login-code"), {"code": code_for(device), "next": "/reviews/"})

    assert response.status_code == 302
    assert response["Location"] == "/reviews/"
    assert client.session[SESSION_KEY] == str(officer.pk)
    assert client.get(reverse("two-factor")).status_code == 200


def test_the_same_code_does_not_sign_in_twice(client, officer):
    device = with_app(officer)
    code = code_for(device)
    sign_in(client, officer)
    client.post(reverse("login-code"), {"code": code})
    client.post(reverse("logout"))
    sign_in(client, officer)

    response = client.post(reverse("login-code"), {"code": code})

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_a_recovery_code_works_once(client, officer):
    with_app(officer)
    code = recovery_codes_replace(user=officer)[0]
    sign_in(client, officer)
    response = client.post(reverse("login-code"), {"code": code.upper()}, follow=True)

    assert client.session[SESSION_KEY] == str(officer.pk)
    assert "You used a recovery code. You have 9 left." in text(response)
    client.post(reverse("logout"))
    sign_in(client, officer)

    response = client.post(reverse("login-code"), {"code": code})

    assert response.status_code == 200
    assert "The code is not right." in text(response)
    assert SESSION_KEY not in client.session


def test_the_code_page_without_a_password_first_sends_to_sign_in(client, officer):
    device = with_app(officer)

    response = client.post(reverse("login-code"), {"code": code_for(device)})

    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert SESSION_KEY not in client.session


def test_ten_wrong_codes_lock_the_username(client, officer):
    device = with_app(officer)
    sign_in(client, officer)
    responses = [client.post(reverse("login-code"), {"code": "111111"}) for _ in range(LIMIT)]

    assert [r.status_code for r in responses] == [200] * (LIMIT - 1) + [429]
    # Locked: the right code, and the right password, are refused too.
    assert client.post(reverse("login-code"), {"code": code_for(device)}).status_code == 429
    assert SESSION_KEY not in client.session
    assert sign_in(client, officer).status_code == 429


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_democratic_services_without_an_app_must_set_one_up_first(client, democratic):
    response = sign_in(client, democratic)
    assert response.status_code == 302

    for url in ("/", "/reviews/", reverse("password_change"), "/admin/", "/cy/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("two-factor-set-up"), url
    assert client.get(reverse("two-factor-set-up")).status_code == 200


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_an_administrator_set_up_reaches_the_pages_and_the_codes_are_shown_once(client):
    admin = UserFactory(organisation=None, is_superuser=True, is_staff=True)
    sign_in(client, admin)
    page = text(client.get(reverse("two-factor-set-up")))
    assert "<svg" in page and 'aria-label="QR code for your authenticator app"' in page
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', page).group(1)
    device = TOTPDevice(key=b32decode(secret.replace(" ", "")).hex())

    wrong = client.post(reverse("two-factor-set-up"), {"code": "123456"})
    assert "The code is not right." in text(wrong)
    assert not TOTPDevice.objects.filter(user=admin).exists()
    response = client.post(reverse("two-factor-set-up"), {"code": code_for(device)}, follow=True)

    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=admin).count() == 10
    assert TOTPDevice.objects.get(user=admin, confirmed=True)
    assert client.get("/").status_code == 200
    assert client.get("/admin/").status_code == 200
    again = text(client.get(reverse("two-factor-recovery-codes")))
    assert codes[0] not in again
    assert "You have 10 recovery codes left." in again


def test_setting_it_up_signs_out_the_sessions_that_gave_only_a_password(client, officer):
    other = Client()
    other.force_login(officer)
    assert other.get(reverse("two-factor")).status_code == 200
    sign_in(client, officer)
    page = text(client.get(reverse("two-factor-set-up")))
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', page).group(1)
    device = TOTPDevice(key=b32decode(secret.replace(" ", "")).hex())

    client.post(reverse("two-factor-set-up"), {"code": code_for(device)})

    assert client.get(reverse("two-factor")).status_code == 200
    assert other.get(reverse("two-factor")).status_code == 302


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_others_may_go_without_and_may_set_it_up(client, officer):
    sign_in(client, officer)

    assert client.get("/").status_code == 200
    assert "Two-factor authentication is off" in text(client.get(reverse("two-factor")))
    assert client.get(reverse("two-factor-set-up")).status_code == 200


def test_it_can_be_turned_off_with_a_code_unless_the_role_needs_it(client, officer, democratic):
    device = with_app(officer)
    client.force_login(officer)
    # force_login gives no code: the session is ended and sent to sign in.
    assert client.get("/").status_code == 302
    sign_in(client, officer)
    client.post(reverse("login-code"), {"code": code_for(device)})

    refused = client.post(reverse("two-factor-remove"), {"code": "000000"})
    assert "The code is not right." in text(refused)
    response = client.post(reverse("two-factor-remove"), {"code": code_for(device, later=1)})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    with override_settings(TWO_FACTOR_REQUIRED=True):
        boss = with_app(democratic)
        client.post(reverse("logout"))
        sign_in(client, democratic)
        client.post(reverse("login-code"), {"code": code_for(boss)})
        page = client.get(reverse("two-factor-remove"))
        assert "cannot be turned off" in text(page)
        client.post(reverse("two-factor-remove"), {"code": code_for(boss, later=1)})
        assert TOTPDevice.objects.filter(user=democratic).exists()


def test_the_admin_sign_in_leads_to_the_site_sign_in_and_its_code(client):
    admin = UserFactory(organisation=None, is_superuser=True, is_staff=True)
    device = with_app(admin)

    response = client.post(
        "/admin/login/?next=/admin/", {"username": admin.username, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
    assert SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 302
    sign_in(client, admin, "/admin/")
    client.post(reverse("login-code"), {"code": code_for(device), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200


def test_the_pages_seen_with_an_app_are_valid_html(client, officer, vnu_jar, tmp_path):  # noqa: F811
    """The crawl (tests/test_html_valid.py) sees these pages only as someone without an
    authenticator app; here they are drawn with one, in English and Welsh."""
    with_app(officer)
    url = {
        name: reverse(name)
        for name in ("login", "logout", "login-code", "two-factor", "two-factor-remove")
    }
    url["codes"] = reverse("two-factor-recovery-codes")
    pages = {}
    for prefix in ("", "/cy"):
        client.post(url["logout"])
        client.post(prefix + url["login"], {"username": officer.username, "password": PASSWORD})
        pages[f"{prefix}code"] = client.get(prefix + url["login-code"])
        pages[f"{prefix}code-wrong"] = client.post(prefix + url["login-code"], {"code": "1"})
        code = recovery_codes_replace(user=officer)[0]
        client.post(prefix + url["login-code"], {"code": code})
        pages[f"{prefix}overview"] = client.get(prefix + url["two-factor"])
        client.post(prefix + url["codes"])
        pages[f"{prefix}codes"] = client.get(prefix + url["codes"])
        pages[f"{prefix}remove-wrong"] = client.post(
            prefix + url["two-factor-remove"], {"code": "2"}
        )
    assert "<li><code>" in pages["codes"].content.decode()
    assert "Cod" in pages["/cycode"].content.decode()
    files = []
    for name, response in pages.items():
        assert response.status_code == 200, name
        path = tmp_path / f"{name.replace('/', '')}.html"
        path.write_text(response.content.decode(), encoding="utf-8")
        files.append(path)
    java, jar = vnu_jar
    findings = validate(java, jar, files)
    assert not findings, "\n".join(f"{f.path.name}:{f.line}: {f.message}" for f in findings)

"""Resetting someone's two-factor sign-in when they lost their phone: their council's
democratic services (and administrators) do it from the person's page; the authenticator
app and recovery codes go, the person is signed out everywhere, told by email (a real SMTP
server) in their language, and it is in the security log. Nobody resets their own this way,
and another council's democratic services are refused."""

from __future__ import annotations

import json
import logging

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.models import Role
from partnerships.services.two_factor import recovery_codes_replace, two_factor_reset
from tests.factories import CouncilFactory, user_with_role
from tests.support.smtp import body, smtp_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox():
    with smtp_server() as handler:
        yield handler


@pytest.fixture
def council():
    return CouncilFactory(name="Ashby Borough Council")


@pytest.fixture
def democratic(council):
    return user_with_role(Role.DEMOCRATIC_SERVICES, council, first_name="Dana", last_name="Dem")


@pytest.fixture
def officer(council):
    person = user_with_role(
        Role.OFFICER, council, first_name="Olu", last_name="Officer", email="olu@example.gov.uk"
    )
    TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)
    recovery_codes_replace(user=person)
    return person


def reset_url(person) -> str:
    return reverse("partnerships:user-two-factor-reset", args=[person.pk])


def test_democratic_services_reset_a_lost_phone(
    client, democratic, officer, inbox, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.INFO)
    theirs = Client()
    theirs.force_login(officer)
    client.force_login(democratic)
    detail = client.get(reverse("partnerships:user-detail", args=[officer.pk])).content.decode()
    assert reset_url(officer) in detail
    assert "Reset Olu Officer’s two-factor" in client.get(reset_url(officer)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reset_url(officer))
    assert response["Location"] == reverse("partnerships:user-detail", args=[officer.pk])
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    # They are signed out; the one who reset it is not.
    still = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(officer.pk) not in still and str(democratic.pk) in still
    [message] = [m for m in inbox.messages if m["To"] == "olu@example.gov.uk"]
    assert "reset" in message["Subject"]
    assert "Dana Dem" in body(message)
    events = [json.loads(r.getMessage()) for r in caplog.records if r.name == "scrutiny.security"]
    assert {"event": "two_factor_reset", "user": officer.username} in [
        {"event": e["event"], "user": e["user"]} for e in events
    ]


def test_the_email_is_in_their_language(
    client, democratic, officer, inbox, django_capture_on_commit_callbacks
):
    officer.language = "cy"
    officer.save()
    client.force_login(democratic)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reset_url(officer))
    [message] = inbox.messages
    assert "ailosod" in message["Subject"]


def test_nobody_resets_their_own(client, democratic):
    # (Their own page turns it off, with a code: a session here has no device to keep.)
    recovery_codes_replace(user=democratic)
    client.force_login(democratic)
    assert client.get(reset_url(democratic)).status_code == 403
    assert client.post(reset_url(democratic)).status_code == 403
    assert StaticDevice.objects.filter(user=democratic).exists()


def test_another_councils_democratic_services_are_refused(client, officer):
    other = user_with_role(Role.DEMOCRATIC_SERVICES, CouncilFactory(name="Other Council"))
    client.force_login(other)
    assert client.post(reset_url(officer)).status_code == 403
    assert TOTPDevice.objects.filter(user=officer).exists()


def test_an_officer_cannot_reset_a_colleagues(client, council, officer):
    colleague = user_with_role(Role.OFFICER, council)
    client.force_login(colleague)
    assert client.post(reset_url(officer)).status_code == 403
    assert StaticDevice.objects.filter(user=officer).exists()


def test_the_service_asks_the_same_rule(officer):
    other = user_with_role(Role.DEMOCRATIC_SERVICES, CouncilFactory(name="Other Council"))
    with pytest.raises(ValidationError):
        two_factor_reset(actor=other, user=officer)
    assert TOTPDevice.objects.filter(user=officer).exists()

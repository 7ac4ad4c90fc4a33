"""Someone invited who lost the invitation asks the reset-password page: they get a new
invitation link (through a real SMTP server), in the language they were invited in; the page,
and the queries it takes, are the same as for an unknown address."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Role
from tests.factories import user_with_role
from tests.support.smtp import body, smtp_server

pytestmark = pytest.mark.django_db

ADDRESS = "robin.new@example.gov.uk"
PASSWORD = "Quiet-otters-paddle-at-dawn"


@pytest.fixture
def inbox():
    with smtp_server() as handler:
        yield handler


@pytest.fixture
def invited():
    person = user_with_role(Role.OFFICER, username=ADDRESS, email=ADDRESS, first_name="Robin")
    person.set_unusable_password()
    person.save()
    return person


def ask(client, address):
    return client.post(reverse("password_reset"), {"email": address}, follow=True)


def page(response) -> str:
    text = re.sub(r'nonce="[^"]*"', "", response.content.decode())
    return re.sub(r"[0-9a-f]{32}", "", text)


def test_an_invited_person_gets_a_new_invitation_link_that_works(client, inbox, invited):
    asked = ask(client, ADDRESS)
    unknown = ask(client, "nobody@example.gov.uk")
    assert page(asked) == page(unknown)
    [message] = inbox.messages
    assert message["To"] == ADDRESS
    found = re.search(r"http://testserver(/invitations/\S+/)", body(message))
    assert found, body(message)
    form = client.get(found.group(1), follow=True)
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert done.status_code == 302
    invited.refresh_from_db()
    assert invited.check_password(PASSWORD)
    assert client.session[SESSION_KEY] == str(invited.pk)


def test_in_welsh_when_invited_in_welsh(client, inbox, invited):
    invited.language = "cy"
    invited.save()
    ask(client, ADDRESS)
    [message] = inbox.messages
    assert "/cy/invitations/" in body(message)
    assert "cyfrinair" in message["Subject"]


def test_a_deactivated_invitee_gets_nothing(client, inbox, invited):
    invited.is_active = False
    invited.save()
    ask(client, ADDRESS)
    assert inbox.messages == []


def test_asking_for_an_invited_address_takes_the_queries_of_an_unknown_one(client, inbox, invited):
    counts = []
    for address in (ADDRESS, "nobody@example.gov.uk"):
        with CaptureQueriesContext(connection) as captured:
            client.post(reverse("password_reset"), {"email": address})
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert len(inbox.messages) == 1

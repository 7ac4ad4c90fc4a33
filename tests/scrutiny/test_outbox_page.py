"""The outbox page (/outbox/): democratic services see their council's emails, and
administrators everyone's; each email's state, and why a failed one failed; "Send again"
queues a failed one once more (POST), and it goes; the page costs the same number of
queries however many emails there are; it is in Welsh under /cy/."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Role
from scrutiny.models import Outbox
from tests.factories import CouncilFactory, UserFactory, user_with_role
from tests.support.queries import SESSION_SAVE
from tests.support.smtp import smtp_server

pytestmark = pytest.mark.django_db

LIST = reverse("scrutiny:outbox-list")


def message(council, to, **state) -> Outbox:
    return Outbox.objects.create(
        to=to,
        kind="weekly_digest",
        council=council,
        subject=f"Digest for {to}",
        text="List.",
        **state,
    )


@pytest.fixture
def councils():
    return CouncilFactory(name="Ashby"), CouncilFactory(name="Blaby")


@pytest.fixture
def emails(councils):
    ashby, blaby = councils
    now = timezone.now()
    return {
        "sent": message(ashby, "sent@ashby.example", sent_at=now, attempts=1),
        "failed": message(
            ashby,
            "failed@ashby.example",
            failed_at=now,
            attempts=4,
            last_error="SMTPRecipientsRefused: 550 Mailbox unavailable",
        ),
        "queued": message(ashby, "queued@ashby.example"),
        "other": message(blaby, "failed@blaby.example", failed_at=now, attempts=4),
        "none": message(None, "site@example", failed_at=now, attempts=4),
    }


def test_democratic_services_see_their_councils_emails_only(client, councils, emails):
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, councils[0]))
    page = client.get(LIST).content.decode()
    for shown in ("sent@ashby", "failed@ashby", "queued@ashby"):
        assert shown in page
    assert "failed@blaby" not in page and "site@example" not in page
    assert "SMTPRecipientsRefused: 550 Mailbox unavailable" in page
    assert page.count(">Send again<") == 1


def test_administrators_see_every_email(client, councils, emails):
    client.force_login(UserFactory(is_superuser=True, is_staff=True, organisation=None))
    page = client.get(LIST).content.decode()
    for shown in ("sent@ashby", "failed@ashby", "queued@ashby", "failed@blaby", "site@example"):
        assert shown in page


@pytest.mark.parametrize(
    ("state", "shown"),
    [("sent", ["sent@ashby"]), ("failed", ["failed@ashby"]), ("queued", ["queued@ashby"])],
)
def test_the_list_filters_by_state(client, councils, emails, state, shown):
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, councils[0]))
    page = client.get(LIST, {"state": state}).content.decode()
    listed = [to for to in ("sent@ashby", "failed@ashby", "queued@ashby") if to in page]
    assert listed == shown


def test_others_are_refused(client, councils, emails):
    assert client.get(LIST).status_code == 302  # to sign in
    for role in (Role.OFFICER, Role.COUNCILLOR, Role.PARTNER):
        client.force_login(user_with_role(role, councils[0]))
        assert client.get(LIST).status_code == 403
        resend = reverse("scrutiny:outbox-resend", args=[emails["failed"].pk])
        assert client.post(resend).status_code == 403


def test_another_councils_email_cannot_be_sent_again(client, councils, emails):
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, councils[0]))
    response = client.post(reverse("scrutiny:outbox-resend", args=[emails["other"].pk]))
    assert response.status_code == 404


def test_send_again_queues_a_failed_email_and_it_goes(
    client, councils, emails, django_capture_on_commit_callbacks
):
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, councils[0]))
    failed = emails["failed"]
    with smtp_server() as inbox, django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("scrutiny:outbox-resend", args=[failed.pk]), follow=True)
    assert "The email to failed@ashby.example is queued again." in response.content.decode()
    failed.refresh_from_db()
    assert failed.state == Outbox.State.SENT and failed.attempts == 1
    assert [m["To"] for m in inbox.messages] == ["failed@ashby.example"]


def test_a_sent_email_is_not_sent_again(client, councils, emails):
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, councils[0]))
    response = client.post(reverse("scrutiny:outbox-resend", args=[emails["sent"].pk]))
    assert response.status_code == 403


@pytest.mark.parametrize("size", [2, 30])
def test_the_page_runs_a_fixed_number_of_queries(
    client, councils, django_assert_max_num_queries, size
):
    for n in range(size):
        message(councils[0], f"person{n}@ashby.example", failed_at=timezone.now(), attempts=4)
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, councils[0]))
    # The session, the user and their groups, the page of emails with their councils, and
    # what every signed-in page reads: the same for 2 emails as for 30.
    with django_assert_max_num_queries(5 + SESSION_SAVE):
        response = client.get(LIST)
    assert response.content.decode().count(">Send again<") == size


def test_the_page_is_in_welsh(client, councils, emails):
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, councils[0]))
    page = client.get("/cy" + LIST).content.decode()
    assert "Negeseuon e-bost a anfonwyd" in page and "Anfon eto" in page


def test_democratic_services_find_it_from_the_home_page(client, councils):
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, councils[0]))
    assert f'href="{LIST}"' in client.get(reverse("scrutiny:home")).content.decode()
    client.force_login(user_with_role(Role.OFFICER, councils[0]))
    assert f'href="{LIST}"' not in client.get(reverse("scrutiny:home")).content.decode()


def test_administrators_read_the_outbox_and_set_a_councils_reminders_in_the_admin(
    client, councils, emails
):
    client.force_login(UserFactory(is_superuser=True, is_staff=True, organisation=None))
    page = client.get(reverse("admin:scrutiny_outbox_changelist")).content.decode()
    assert "failed@blaby.example" in page
    assert client.get(reverse("admin:scrutiny_councilchasing_add")).status_code == 200

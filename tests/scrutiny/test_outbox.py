"""Every email goes through the outbox: written as a row when asked for, sent once the
transaction commits, by Django's tasks framework: the real ``db_worker`` (django-tasks-db)
against the test database and a real SMTP server on this machine (aiosmtpd). A failed send
is tried again after each wait, recorded, and in the end marked failed; a keyed message is
written once; a rolled-back change sends nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from scrutiny.models import Outbox
from scrutiny.services.mail import Mail, mail_send
from scrutiny.services.outbox import outbox_attempt
from tests.factories import CouncilFactory
from tests.support.smtp import body, free_port, smtp_server, smtp_settings

ADDRESS = "sam.officer@example.gov.uk"
MAIL = Mail(subject="Your update is due", text="Please give it.", html="<p>Please give it.</p>")
DATABASE_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
)


def run_worker():
    """The real worker, until no task is ready (``--batch``), in this process: the test
    database may be SQLite in memory, which another process cannot open."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_a_queued_message_through_smtp():
    council = CouncilFactory()
    with smtp_server() as inbox, DATABASE_TASKS:
        with transaction.atomic():
            mail_send(to=ADDRESS, mail=MAIL, kind="update_request", council_id=council.pk)
        row = Outbox.objects.get()
        assert (row.to, row.kind, row.council_id, row.subject) == (
            ADDRESS,
            "update_request",
            council.pk,
            "Your update is due",
        )
        assert row.state == Outbox.State.QUEUED and inbox.messages == []

        run_worker()

    row.refresh_from_db()
    assert row.state == Outbox.State.SENT and row.attempts == 1 and row.last_error == ""
    [message] = inbox.messages
    assert message["To"] == ADDRESS and message["Subject"] == "Your update is due"
    assert body(message).strip() == "Please give it."
    assert body(message, "html").strip() == "<p>Please give it.</p>"


@pytest.mark.django_db(transaction=True)
def test_the_worker_in_its_own_process_sends_what_the_app_queued():
    """As in production: ``manage.py db_worker`` started as a process of its own, with the
    settings from its environment, on the test database (PostgreSQL: an SQLite test
    database lives in this process's memory, where the worker above runs)."""
    if connection.vendor != "postgresql":
        pytest.skip("another process reaches the test database on PostgreSQL only")
    db = connection.settings_dict
    with DATABASE_TASKS:
        mail_send(to=ADDRESS, mail=MAIL, kind="update_request")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "TASKS_BACKEND": "database",
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
    }
    with smtp_server(port) as inbox:
        done = subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=Path(__file__).resolve().parents[2],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    assert Outbox.objects.get().state == Outbox.State.SENT
    assert [m["To"] for m in inbox.messages] == [ADDRESS]


@pytest.mark.django_db(transaction=True)
@override_settings(OUTBOX_RETRY_MINUTES=[0, 0, 0])
def test_a_server_that_is_down_is_tried_again_then_the_message_is_marked_failed():
    # Nothing listens on the port: every try is refused. The waits are 0 so that the
    # worker's batch runs each retry it enqueues.
    with smtp_settings(free_port()), DATABASE_TASKS:
        mail_send(to=ADDRESS, mail=MAIL, kind="update_request")
        run_worker()

    row = Outbox.objects.get()
    assert row.state == Outbox.State.FAILED
    assert row.attempts == 4  # the first try and three more
    assert "ConnectionRefusedError" in row.last_error
    assert row.failed_at is not None and row.sent_at is None


@pytest.mark.django_db
def test_a_refused_message_waits_longer_after_each_try(django_capture_on_commit_callbacks):
    with smtp_server() as inbox:
        inbox.refusing = True
        with django_capture_on_commit_callbacks(execute=True):
            mail_send(to=ADDRESS, mail=MAIL, kind="update_request")
        row = Outbox.objects.get()
        assert row.attempts == 1 and "550" in row.last_error
        waits = [row.next_attempt_at - row.queued_at]
        # Not yet due: a task run early sends nothing and counts no try.
        assert outbox_attempt(message_id=row.pk) is None
        row.refresh_from_db()
        assert row.attempts == 1
        for _ in range(2):
            outbox_attempt(message_id=row.pk, now=row.next_attempt_at)
            previous = row.next_attempt_at
            row.refresh_from_db()
            waits.append(row.next_attempt_at - previous)
        assert [round(wait.total_seconds() / 60) for wait in waits] == [1, 5, 30]
        outbox_attempt(message_id=row.pk, now=row.next_attempt_at)
        row.refresh_from_db()
        assert row.state == Outbox.State.FAILED and row.attempts == 4

        # The server takes mail again, and someone sends it again: it goes.
        inbox.refusing = False
        row.failed_at = None
        row.save()
        outbox_attempt(message_id=row.pk, now=row.queued_at.replace(year=2999))
    row.refresh_from_db()
    assert row.state == Outbox.State.SENT and len(inbox.messages) == 1


@pytest.mark.django_db
def test_a_keyed_message_is_written_once(django_capture_on_commit_callbacks):
    with smtp_server() as inbox, django_capture_on_commit_callbacks(execute=True):
        first = mail_send(to=ADDRESS, mail=MAIL, kind="weekly_digest", key="digest:1:2026-W49")
        again = mail_send(to=ADDRESS, mail=MAIL, kind="weekly_digest", key="digest:1:2026-W49")
    assert first is not None and again is None
    assert Outbox.objects.count() == 1 and len(inbox.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_nothing():
    with smtp_server() as inbox, pytest.raises(RuntimeError), transaction.atomic():
        mail_send(to=ADDRESS, mail=MAIL, kind="update_request")
        raise RuntimeError("the change failed")
    assert Outbox.objects.count() == 0 and inbox.messages == []

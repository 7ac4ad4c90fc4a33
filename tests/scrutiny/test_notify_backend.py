"""GOV.UK Notify as the email backend: each message becomes one Notify email notification
through the one template, its subject and plain text as the personalisation, posted to
Notify's API (here a real HTTP server on this machine recording what it is sent) with a
signed token; a refusal by Notify is recorded in the outbox like any failed send."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jwt
import pytest
from django.test import override_settings

from scrutiny.models import Outbox
from scrutiny.services.mail import Mail, mail_send

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
API_KEY = f"scrutiny_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = str(uuid.uuid4())


class FakeNotify(BaseHTTPRequestHandler):
    """Answers POST /v2/notifications/email as Notify does (201), or 400 when told to."""

    received: list[dict] = []
    refuse = False

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        self.received.append(
            {
                "path": self.path,
                "authorization": self.headers["Authorization"],
                "json": json.loads(self.rfile.read(length)),
            }
        )
        status, answer = (
            (
                400,
                {
                    "errors": [
                        {"error": "BadRequestError", "message": "Can't send to this recipient"}
                    ]
                },
            )
            if self.refuse
            else (201, {"id": str(uuid.uuid4()), "content": {}, "template": {}})
        )
        payload = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def notify():
    FakeNotify.received = []
    FakeNotify.refuse = False
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNotify)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with override_settings(
            MAILERS={
                "default": {
                    "BACKEND": "scrutiny.common.notify_backend.NotifyEmailBackend",
                    "OPTIONS": {
                        "api_key": API_KEY,
                        "template_id": TEMPLATE_ID,
                        "base_url": f"http://127.0.0.1:{server.server_port}",
                    },
                }
            }
        ):
            yield FakeNotify
    finally:
        server.shutdown()
        server.server_close()


MAIL = Mail(subject="Your update is due", text="Please give it.\n", html="<p>Please give it.</p>")


@pytest.mark.django_db
def test_a_message_goes_to_notify_through_the_one_template(
    notify, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mail_send(to="sam@example.gov.uk", mail=MAIL, kind="update_request", key="k-1")

    [request] = notify.received
    assert request["path"] == "/v2/notifications/email"
    assert request["json"] == {
        "email_address": "sam@example.gov.uk",
        "template_id": TEMPLATE_ID,
        "personalisation": {"subject": "Your update is due", "body": "Please give it.\n"},
        "reference": "k-1",
    }
    # Signed with the key's secret, naming the service: what Notify checks.
    token = request["authorization"].removeprefix("Bearer ")
    assert jwt.decode(token, SECRET, algorithms=["HS256"])["iss"] == SERVICE_ID
    assert Outbox.objects.get().state == Outbox.State.SENT


@pytest.mark.django_db
def test_a_refusal_by_notify_is_recorded_for_another_try(
    notify, django_capture_on_commit_callbacks
):
    notify.refuse = True
    with django_capture_on_commit_callbacks(execute=True):
        mail_send(to="nobody@example.gov.uk", mail=MAIL, kind="update_request")
    row = Outbox.objects.get()
    assert row.state == Outbox.State.QUEUED and row.attempts == 1
    assert "Can't send to this recipient" in row.last_error
    assert row.next_attempt_at is not None


def test_setting_a_notify_key_sends_through_notify():
    """The environment chooses: NOTIFY_API_KEY set, the default mailer is Notify's."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "scrutiny.settings",
        "DJANGO_SECRET_KEY": "x" * 50,
        "NOTIFY_API_KEY": API_KEY,
        "NOTIFY_TEMPLATE_ID": TEMPLATE_ID,
    }
    script = (
        "import django; django.setup(); from django.core.mail import mailers; "
        "m = mailers.default; print(type(m).__name__, m.template_id, m.base_url)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.split() == [
        "NotifyEmailBackend",
        TEMPLATE_ID,
        "https://api.notifications.service.gov.uk",
    ], done.stderr

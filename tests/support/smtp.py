"""A real SMTP server on this machine (aiosmtpd) that keeps what it receives, for the tests
of the emails the app sends; the app's mailer pointed at it while a test runs."""

from __future__ import annotations

import email
import email.policy
import socket
from contextlib import contextmanager

from aiosmtpd.controller import Controller
from django.test import override_settings


class Inbox:
    """aiosmtpd's handler: keeps every message the server receives."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_inbox():
    """An Inbox behind a real SMTP server, the app's mail going to it meanwhile."""
    handler = Inbox()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            MAILERS={
                "default": {
                    "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                    "OPTIONS": {"host": "127.0.0.1", "port": port},
                }
            },
            DEFAULT_FROM_EMAIL="tracker@example.gov.uk",
        ):
            yield handler
    finally:
        controller.stop()


def body(message, subtype: str = "plain") -> str:
    return message.get_body(preferencelist=(subtype,)).get_content()

"""A real SMTP server on this machine (aiosmtpd) for the tests that send email, and the
settings that send the app's mail to it."""

from __future__ import annotations

import contextlib
import email
import email.policy
import socket

from aiosmtpd.controller import Controller
from django.test import override_settings


class Inbox:
    """aiosmtpd's handler: keeps every message the server receives; while ``refusing``,
    refuses every one (a permanent 550, as a server rejecting a recipient would)."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refusing = False
        self.port = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refusing:
            return "550 Mailbox unavailable"
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_settings(port: int):
    """The app's mail sent by SMTP to 127.0.0.1:``port``."""
    return override_settings(
        MAILERS={
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
            }
        },
        DEFAULT_FROM_EMAIL="tracker@example.gov.uk",
    )


@contextlib.contextmanager
def smtp_server(port: int | None = None):
    """A running SMTP server (on ``port``, or a free one) whose Inbox is yielded, the app's
    mail going to it."""
    handler = Inbox()
    port = port or free_port()
    handler.port = port
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with smtp_settings(port):
            yield handler
    finally:
        controller.stop()


def body(message, subtype="plain") -> str:
    return message.get_body(preferencelist=(subtype,)).get_content()

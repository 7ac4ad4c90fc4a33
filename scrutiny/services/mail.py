"""Email: each message written from templates in its reader's language, sent once the
transaction that asked for it has committed (a rolled-back change sends nothing).

Every email the app sends goes through ``mail_send``; how it is delivered (the outbox, the
worker, retries, SMTP or GOV.UK Notify) is this module's business, not its callers'.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from scrutiny.common.context_processors import service_name


@dataclass(frozen=True)
class Mail:
    """One email written out: its subject, plain text, and HTML (optional)."""

    subject: str
    text: str
    html: str = ""


def mail_render(*, template: str, context: dict, language: str) -> Mail:
    """Render ``<template>_subject.txt``, ``<template>.txt`` and (when it exists)
    ``<template>.html`` in ``language`` ("en" or "cy"), with the service's name in the
    context as ``service_name``."""
    with translation.override(language):
        context = {"service_name": service_name(), "language": language, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = ""
    return Mail(subject=subject, text=text, html=html)


def mail_send(*, to: str, mail: Mail, kind: str, council_id: int | None = None) -> None:
    """Send ``mail`` to the address ``to`` when the current transaction commits. ``kind``
    names what it is ("invitation", "update_request", ...) and ``council_id`` whose it is,
    for the record of what was sent."""

    def send() -> None:
        message = EmailMultiAlternatives(
            subject=mail.subject, body=mail.text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
        )
        if mail.html:
            message.attach_alternative(mail.html, "text/html")
        message.send()

    transaction.on_commit(send)

"""Email: each message written from templates in its reader's language, sent once the
transaction that asked for it has committed (a rolled-back change sends nothing).

Every email the app sends goes through ``mail_send``; how it is delivered (the outbox, the
worker, retries, SMTP or GOV.UK Notify: ``scrutiny/services/outbox.py``) is not its
callers' business. (Password reset emails are Django's own, sent by its reset view.)
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from scrutiny.common.context_processors import service_name
from scrutiny.models import Outbox
from scrutiny.services.outbox import outbox_enqueue


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
    # English is the site's own English (en-gb: its date formats, its URLs without a prefix).
    with translation.override(settings.LANGUAGE_CODE if language.startswith("en") else language):
        context = {"service_name": service_name(), "language": language, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = ""
    return Mail(subject=subject, text=text, html=html)


def mail_send(
    *,
    to: str,
    mail: Mail,
    kind: str,
    council_id: int | None = None,
    key: str = "",
    headers: dict[str, str] | None = None,
) -> Outbox | None:
    """Write ``mail`` to the address ``to`` into the outbox and have it sent once the
    current transaction commits (a rolled-back change sends nothing). ``kind`` names what it
    is ("invitation", "weekly_digest", ...) and ``council_id`` whose it is. A ``key`` makes
    it once only: when a message with that key was ever written, nothing is (returns None).
    ``headers`` are extra email headers (a follow's ``List-Unsubscribe``)."""
    with transaction.atomic():
        if key and Outbox.objects.filter(key=key).exists():
            return None
        message = Outbox(
            to=to,
            kind=kind,
            council_id=council_id,
            subject=mail.subject,
            text=mail.text,
            html=mail.html,
            key=key,
            headers=headers or {},
        )
        message.full_clean(validate_constraints=False)
        try:
            # A savepoint: two runs writing the same key at once, the second writes nothing.
            with transaction.atomic():
                message.save()
        except IntegrityError:
            if key:
                return None
            raise
        outbox_enqueue(message.pk)
    return message

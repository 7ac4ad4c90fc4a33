"""Sending what is in the outbox: one try at a time, by a task, with back-off.

``mail_send`` (``scrutiny/services/mail.py``) writes each message here and enqueues
``outbox_deliver`` once its transaction commits. A try that fails is recorded (the tries,
the error) and the message waits ``OUTBOX_RETRY_MINUTES`` before the next one; after the
last wait it is marked failed, for democratic services to see on the outbox page and send
again. The task lives beside the service that enqueues it (services may not import the
wiring layer, where a ``tasks.py`` would sit).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from scrutiny.models import Outbox
from scrutiny.permissions import can_resend_mail

# How long a message is held by the try under way: another worker or the chase finds it
# not due meanwhile, and a worker that died mid-send leaves it to be tried again after.
SENDING_LEASE = datetime.timedelta(minutes=10)


def _is_due(message: Outbox, now: datetime.datetime) -> bool:
    return (
        message.sent_at is None
        and message.failed_at is None
        and (message.next_attempt_at is None or message.next_attempt_at <= now)
    )


def outbox_attempt(*, message_id: int, now: datetime.datetime | None = None):
    """Try once to send the queued message ``message_id`` if its next try is due. Returns
    when to try again after a failure that leaves tries, else None."""
    now = now or timezone.now()
    # The try is claimed (and counted) in a short transaction of its own, so no lock is
    # held while the mail server answers.
    with transaction.atomic():
        message = Outbox.objects.select_for_update().filter(pk=message_id).first()
        if message is None or not _is_due(message, now):
            return None
        message.attempts += 1
        message.next_attempt_at = now + SENDING_LEASE
        message.save(update_fields=["attempts", "next_attempt_at"])
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers={**message.headers, **({"X-Outbox-Key": message.key} if message.key else {})}
        or None,
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    try:
        email.send()
    except Exception as error:  # noqa: BLE001 - any failure to send is recorded, not raised
        waits = settings.OUTBOX_RETRY_MINUTES
        given_up = message.attempts > len(waits)
        retry_at = (
            None if given_up else now + datetime.timedelta(minutes=waits[message.attempts - 1])
        )
        Outbox.objects.filter(pk=message.pk).update(
            last_error=f"{type(error).__name__}: {error}"[:2000],
            failed_at=now if given_up else None,
            next_attempt_at=retry_at,
        )
        return retry_at
    Outbox.objects.filter(pk=message.pk).update(sent_at=now, next_attempt_at=None)
    return None


@task
def outbox_deliver(message_id: int) -> None:
    """Send one outbox message; after a failure, enqueue the next try for when it is due
    (a backend that cannot wait, the immediate one, leaves it to ``outbox_send_due``)."""
    retry_at = outbox_attempt(message_id=message_id)
    if retry_at is not None and outbox_deliver.get_backend().supports_defer:
        outbox_deliver.using(run_after=retry_at).enqueue(message_id)


def outbox_enqueue(message_id: int) -> None:
    """Hand ``message_id`` to the task backend once the current transaction commits."""
    transaction.on_commit(lambda: outbox_deliver.enqueue(message_id))


def outbox_send_due(*, now: datetime.datetime | None = None) -> int:
    """Enqueue every queued message whose try is due and that no task is waiting on (a
    task lost with a worker, or a retry the immediate backend could not wait for).
    Returns how many."""
    # Ten minutes' grace, so a task the worker is about to run is not enqueued twice.
    cutoff = (now or timezone.now()) - datetime.timedelta(minutes=10)
    due = Outbox.objects.due(cutoff).filter(queued_at__lte=cutoff)
    ids = list(due.values_list("pk", flat=True))
    for message_id in ids:
        outbox_enqueue(message_id)
    return len(ids)


def outbox_resend(*, actor, message: Outbox) -> None:
    """Queue a failed message again with fresh tries (democratic services of its council,
    or an administrator)."""
    if not can_resend_mail(actor, message.council_id):
        raise PermissionDenied
    with transaction.atomic():
        message = Outbox.objects.select_for_update().get(pk=message.pk)
        message.failed_at = None
        message.next_attempt_at = None
        message.attempts = 0
        message.full_clean(validate_constraints=False)
        message.save()
        outbox_enqueue(message.pk)

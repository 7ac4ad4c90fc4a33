"""The daily chase: a list of rules, each sending what falls due on a day. ``manage.py
chase`` runs them all once a day (cron or a systemd timer); running it twice on a day,
or again after a failure, sends nothing twice, because each message is keyed in the outbox.
A new reminder is one more ``Rule`` in ``RULES``."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from scrutiny.selectors.chase import councils_chasing, democratic_services_of, weekly_digest
from scrutiny.services.follows import chase_follows
from scrutiny.services.mail import mail_render, mail_send
from scrutiny.services.outbox import outbox_send_due
from scrutiny.services.reminders import (
    chase_response_deadline,
    chase_target_passed,
    chase_update_overdue,
)
from scrutiny.services.update_requests import chase_update_requests


@dataclass(frozen=True)
class Rule:
    """One kind of chase: its name and what it does on ``today`` (returns how many emails
    it queued)."""

    name: str
    run: Callable[[datetime.date], int]


def chase_weekly_digest(today: datetime.date) -> int:
    """On each council's digest day (where the digest is on), each of its democratic
    services accounts gets one digest of what is outstanding, once that ISO week, in the
    language they chose for their emails (the council's where none is set)."""
    year, week, _day = today.isocalendar()
    queued = 0
    for council, chasing in councils_chasing():
        if not chasing.weekly_digest or today.weekday() != chasing.digest_day:
            continue
        for user in democratic_services_of(council):
            language = getattr(user, "language", "") or chasing.language
            digest = weekly_digest(user, council, today)
            if not digest["anything"]:
                continue
            mail = mail_render(
                template="scrutiny/email/weekly_digest",
                context={**digest, "user": user, "site_url": settings.SITE_URL},
                language=language,
            )
            with transaction.atomic():
                sent = mail_send(
                    to=user.email,
                    mail=mail,
                    kind="weekly_digest",
                    council_id=council.pk,
                    key=f"weekly_digest:{council.pk}:{user.pk}:{year}-W{week:02d}",
                )
            queued += sent is not None
    return queued


def chase_outbox(today: datetime.date) -> int:
    """Messages whose next try is long due (a task lost with a worker, or a retry the
    immediate backend could not wait for) are handed to the worker again."""
    return outbox_send_due()


RULES: list[Rule] = [
    Rule("outbox", chase_outbox),
    Rule("weekly_digest", chase_weekly_digest),
    Rule("update_overdue", chase_update_overdue),
    Rule("target_passed", chase_target_passed),
    Rule("response_deadline", chase_response_deadline),
    Rule("follows", chase_follows),
    Rule("update_requests", chase_update_requests),
]


def chase_run(*, today: datetime.date) -> dict[str, int]:
    """Run every rule for ``today``; how many emails each queued, by rule name."""
    return {rule.name: rule.run(today) for rule in RULES}

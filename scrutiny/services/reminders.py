"""The reminders of the daily chase (``scrutiny.services.chase.RULES``), each switchable per
council (``CouncilChasing``): progress updates overdue and target dates passed, to the
officers and partner representatives who owe them; executive responses near their deadline
or late, to the council's democratic services. Each is sent once per recommendation (or
review) per date: a ``Reminded`` row records it, so that chase running twice, or a person
owing one more the next day, sends nothing twice."""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict

from django.conf import settings
from django.db import transaction

from partnerships.models import Organisation, User
from scrutiny.models import CouncilChasing, Reminded
from scrutiny.selectors.chase import councils_chasing, democratic_services_of
from scrutiny.selectors.reminders import (
    overdue_updates,
    owers,
    responses_due,
    targets_passed,
)
from scrutiny.services.mail import mail_render, mail_send


def _not_yet(keys: list[str]) -> set[str]:
    return set(keys) - set(Reminded.objects.filter(key__in=keys).values_list("key", flat=True))


def _send(
    *,
    user: User,
    council: Organisation,
    chasing: CouncilChasing,
    template: str,
    context: dict,
    kind: str,
    keys: list[str],
    today: datetime.date,
) -> int:
    """Email ``user`` from ``template`` about ``council`` and record ``keys`` as reminded,
    in one transaction (a failure records nothing). The message's own key names what it is
    about, so that two runs at once send it once, and a second run the same day that finds
    something new sends that."""
    language = getattr(user, "language", "") or chasing.language
    mail = mail_render(
        template=template,
        context={**context, "user": user, "council": council, "site_url": settings.SITE_URL},
        language=language,
    )
    with transaction.atomic():
        sent = mail_send(
            to=user.email,
            mail=mail,
            kind=kind,
            council_id=council.pk,
            key=f"{kind}:{council.pk}:{user.pk}:{today.isoformat()}:{_digest(keys)}",
        )
        Reminded.objects.bulk_create([Reminded(key=key) for key in keys], ignore_conflicts=True)
    return sent is not None


def _digest(keys: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:32]


def _per_council(recommendations, key_of) -> dict[int, list]:
    """The recommendations not yet reminded of (by ``key_of``), by their council's id."""
    fresh = _not_yet([key_of(rec) for rec in recommendations])
    found: dict[int, list] = defaultdict(list)
    for rec in recommendations:
        if key_of(rec) in fresh:
            found[rec.review.committee.council_id].append(rec)
    return found


def _owed_rule(today: datetime.date, kind: str) -> int:
    switch = "update_overdue" if kind == "update_overdue" else "target_passed"
    chasing = {c.pk: (c, ch) for c, ch in councils_chasing() if getattr(ch, switch)}
    if not chasing:
        return 0
    queued = 0
    for user in owers():
        recs = (overdue_updates if kind == "update_overdue" else targets_passed)(user, today)

        def key_of(rec, user=user) -> str:
            date = rec.next_due if kind == "update_overdue" else rec.current_target_date
            return f"{kind}:{user.pk}:{rec.pk}:{date}"

        for council_id, found in _per_council(recs, key_of).items():
            if council_id not in chasing:
                continue
            council, switches = chasing[council_id]
            queued += _send(
                user=user,
                council=council,
                chasing=switches,
                template=f"scrutiny/email/{kind}",
                context={"recommendations": found},
                kind=kind,
                keys=[key_of(rec) for rec in found],
                today=today,
            )
    return queued


def chase_update_overdue(today: datetime.date) -> int:
    """Each officer or partner representative who owes progress updates due before
    ``today`` (``updates_owed``) gets one email per council listing those not yet reminded
    of, once per recommendation per due date, where the council has this reminder on."""
    return _owed_rule(today, "update_overdue")


def chase_target_passed(today: datetime.date) -> int:
    """Each officer or partner representative who may log updates on open recommendations
    whose (revised) target date passed yesterday or earlier gets one email per council
    listing those not yet reminded of, once per recommendation per target date, where the
    council has this reminder on."""
    return _owed_rule(today, "target_passed")


def chase_response_deadline(today: datetime.date) -> int:
    """Each council's democratic services get one email listing the executive responses not
    yet received that came within its days of warning of their deadline, or became late,
    since they were last reminded: once per review per threshold (near, late) per due date,
    naming each review's decision-makers (the app has no account for the executive)."""
    chasing = {c.pk: (c, ch) for c, ch in councils_chasing() if ch.response_deadline}
    if not chasing:
        return 0
    days = {pk: switches.response_warning_days for pk, (_c, switches) in chasing.items()}
    reviews = responses_due(today, days)
    for review in reviews:
        review.late = review.response_due_on < today
        threshold = "late" if review.late else "near"
        review.reminder_key = f"response_{threshold}:{review.pk}:{review.response_due_on}"
    fresh = _not_yet([review.reminder_key for review in reviews])
    queued = 0
    for council_id, (council, switches) in chasing.items():
        found = [
            r for r in reviews if r.committee.council_id == council_id and r.reminder_key in fresh
        ]
        if not found:
            continue
        for user in democratic_services_of(council):
            queued += _send(
                user=user,
                council=council,
                chasing=switches,
                template="scrutiny/email/response_deadline",
                context={"reviews": found, "today": today},
                kind="response_deadline",
                keys=[r.reminder_key for r in found],
                today=today,
            )
    return queued

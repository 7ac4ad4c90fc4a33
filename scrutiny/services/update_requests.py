"""Update requests: before each meeting's papers are due (its committee's
``update_request_days``), every officer or partner representative who owes a progress update
on a recommendation due there gets one email asking for it, with a signed link that works
without signing in until the meeting's date and reaches only that request's
recommendations."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from partnerships.models import User
from scrutiny.models import Meeting
from scrutiny.selectors.chase import councils_chasing
from scrutiny.selectors.reminders import owers
from scrutiny.selectors.update_requests import requests_due
from scrutiny.services.mail import mail_render, mail_send

_SALT = "scrutiny.update-request"


def request_token(user: User, meeting: Meeting) -> str:
    """The signed token naming ``user`` and ``meeting``."""
    return signing.Signer(salt=_SALT).sign(f"{user.pk}.{meeting.pk}")


def request_url(user: User, meeting: Meeting) -> str:
    """The full address of the form a request to ``user`` for ``meeting`` links to."""
    path = reverse(
        "recommendations:update-request-respond", kwargs={"token": request_token(user, meeting)}
    )
    return f"{settings.SITE_URL}{path}"


def request_open(*, token: str, today: datetime.date | None = None):
    """(user, meeting) that ``token`` names, or None when it was tampered with, its person is
    no longer active, or its meeting has passed or was cancelled (a link expires at the end
    of its meeting's day)."""
    try:
        user_pk, meeting_pk = signing.Signer(salt=_SALT).unsign(token).split(".")
    except (signing.BadSignature, ValueError):
        return None
    user = User.objects.filter(pk=user_pk, is_active=True).first()
    meeting = (
        Meeting.objects.filter(pk=meeting_pk, cancelled=False)
        .select_related("committee__council")
        .first()
    )
    if user is None or meeting is None or meeting.date < (today or timezone.localdate()):
        return None
    return user, meeting


def request_send(*, user: User, meeting: Meeting, recommendations: list, language: str) -> bool:
    """Email ``user`` the request for ``meeting`` listing ``recommendations``, once only
    (keyed by person and meeting); True when it was written now."""
    mail = mail_render(
        template="scrutiny/email/update_request",
        context={
            "user": user,
            "meeting": meeting,
            "council": meeting.committee.council,
            "recommendations": recommendations,
            "url": request_url(user, meeting),
        },
        language=language,
    )
    with transaction.atomic():
        sent = mail_send(
            to=user.email,
            mail=mail,
            kind="update_request",
            council_id=meeting.committee.council_id,
            key=f"update_request:{user.pk}:{meeting.pk}",
        )
    return sent is not None


def chase_update_requests(today: datetime.date) -> int:
    """Each officer or partner representative gets one email per coming meeting whose
    committee's lead time is reached, asking for the updates they owe there
    (``requests_due``), once per person per meeting, in their language (the council's where
    none is set)."""
    languages = {council.pk: chasing.language for council, chasing in councils_chasing()}
    queued = 0
    for user in owers():
        for meeting, recommendations in requests_due(user, today):
            council_id = meeting.committee.council_id
            language = getattr(user, "language", "") or languages.get(council_id, "en")
            queued += request_send(
                user=user, meeting=meeting, recommendations=recommendations, language=language
            )
    return queued

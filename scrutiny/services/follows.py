"""Following a review or a committee: a signed-in user follows at once (to their account's
address); a member of the public is emailed a signed link that expires, and nothing else is
sent until they open it. Every email to a follower carries a one-click unsubscribe link.
The daily chase (``chase_follows``) emails each confirmed follower once what changed."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from scrutiny.common.security import reset_email_allowed
from scrutiny.models import Committee, Follow, Review
from scrutiny.selectors.follows import follow_changes, follows_to_chase
from scrutiny.services.mail import mail_render, mail_send

# A confirmation link works for this long, and once.
CONFIRM_MAX_AGE = datetime.timedelta(days=3)
_SALT = "scrutiny.follow.confirm"


def _target(review: Review | None, committee: Committee | None) -> dict:
    if (review is None) == (committee is None):
        raise ValueError("Follow either a review or a committee.")
    return {"review": review} if review is not None else {"committee": committee}


def _council(follow: Follow):
    return (follow.review.committee if follow.review_id else follow.committee).council


def _council_id(follow: Follow) -> int:
    target = follow.review.committee if follow.review_id else follow.committee
    return target.council_id


def _title(follow: Follow) -> str:
    """What is followed, by name, in the follower's language (a committee has one name)."""
    if follow.review_id and follow.language == "cy" and follow.review.title_cy:
        return follow.review.title_cy
    return follow.review.title if follow.review_id else follow.committee.name


def unsubscribe_url(follow: Follow) -> str:
    """The one-click unsubscribe link, in the follower's language."""
    language = "cy" if follow.language == "cy" else settings.LANGUAGE_CODE
    with translation.override(language):
        return settings.SITE_URL + reverse("scrutiny:follow-unsubscribe", args=[follow.token])


def _unsubscribe_headers(follow: Follow) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(follow)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def follow_start(
    *, user, language: str, review: Review | None = None, committee: Committee | None = None
) -> Follow:
    """``user`` follows the review or the committee, confirmed at once, at their account's
    address (following again changes nothing)."""
    target = _target(review, committee)
    with transaction.atomic():
        follow, _created = Follow.objects.get_or_create(
            email=user.email, **target, defaults={"user": user, "language": language}
        )
        if follow.confirmed_at is None or follow.user_id != user.pk:
            follow.user = user
            follow.confirmed_at = follow.confirmed_at or timezone.now()
            follow.full_clean()
            follow.save()
    return follow


def follow_stop(*, user, review: Review | None = None, committee: Committee | None = None) -> None:
    """``user`` no longer follows the review or the committee."""
    target = _target(review, committee)
    with transaction.atomic():
        Follow.objects.filter(user=user, **target).delete()
        Follow.objects.filter(email__iexact=user.email, **target).delete()


def follow_request(
    *, email: str, language: str, review: Review | None = None, committee: Committee | None = None
) -> None:
    """A member of the public asks to follow: a link to confirm goes to ``email`` (no more
    than the password reset's limit an hour to one address). An address that already
    follows is sent nothing; the caller says the same either way."""
    target = _target(review, committee)
    if not reset_email_allowed(email, purpose="follow"):
        return
    with transaction.atomic():
        follow = Follow.objects.filter(email__iexact=email, **target).first()
        if follow is None:
            follow = Follow(email=email, language=language, **target)
            follow.full_clean()
            follow.save()
        if follow.confirmed_at is not None:
            return
        token = signing.TimestampSigner(salt=_SALT).sign(follow.token)
        link = settings.SITE_URL + reverse("scrutiny:follow-confirm", args=[token])
        mail = mail_render(
            template="scrutiny/email/follow_confirm",
            context={
                "follow": follow,
                "target": follow.target,
                "council": (
                    follow.review.committee if follow.review_id else follow.committee
                ).council,
                "link": link,
                "days": CONFIRM_MAX_AGE.days,
                "site_url": settings.SITE_URL,
            },
            language=follow.language,
        )
        mail_send(to=follow.email, mail=mail, kind="follow_confirm", council_id=_council_id(follow))


def follow_confirm(*, signed: str) -> Follow | None:
    """Confirm the follow behind a link: once, within CONFIRM_MAX_AGE, and only as signed.
    Returns the follow, or None for a link that is tampered, expired or used."""
    try:
        token = signing.TimestampSigner(salt=_SALT).unsign(signed, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    with transaction.atomic():
        follow = Follow.objects.select_for_update().filter(token=token).first()
        if follow is None or follow.confirmed_at is not None:
            return None
        follow.confirmed_at = timezone.now()
        follow.save(update_fields=["confirmed_at"])
    return follow


def follow_unsubscribe(*, token: str) -> bool:
    """Stop the follow whose unsubscribe token this is; whether there was one."""
    deleted, _rows = Follow.objects.filter(token=token).delete()
    return bool(deleted)


def chase_follows(today: datetime.date) -> int:
    """Each confirmed follower whose review's or committee's recommendations changed since
    their last email (or since they confirmed) gets one email of what changed, in their
    language, once a day at most."""
    queued = 0
    for follow in follows_to_chase():
        changes = follow_changes(follow, today=today)
        if not changes:
            continue
        target = follow.target
        council = _council(follow)
        mail = mail_render(
            template="scrutiny/email/follow_changes",
            context={
                "follow": follow,
                "target": target,
                "is_review": bool(follow.review_id),
                "target_title": _title(follow),
                "council": council,
                "changes": changes,
                "site_url": settings.SITE_URL,
                "unsubscribe_url": unsubscribe_url(follow),
            },
            language=follow.language,
        )
        with transaction.atomic():
            sent = mail_send(
                to=follow.email,
                mail=mail,
                kind="follow_changes",
                council_id=council.pk,
                key=f"follow_changes:{follow.pk}:{today.isoformat()}",
                headers=_unsubscribe_headers(follow),
            )
            Follow.objects.filter(pk=follow.pk).update(last_sent_at=timezone.now())
        queued += sent is not None
    return queued

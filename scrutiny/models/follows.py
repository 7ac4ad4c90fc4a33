"""Follows: an email address that asked to hear when the recommendations of one review or
one committee change. A signed-in user's follow is confirmed at once (to their account's
address); a member of the public's waits until they open the link emailed to them."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scrutiny.common.rules import CheckRule, UniqueRule
from scrutiny.models.committees import Committee
from scrutiny.models.reviews import Review


def new_follow_token() -> str:
    return secrets.token_urlsafe(32)


class FollowQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Follow(models.Model):
    """One address following one review or one committee (exactly one of the two), in the
    language of the page it was asked for on. Nothing is sent to it until it is confirmed;
    its token is the one-click unsubscribe link's."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        WELSH = "cy", _("Welsh")

    email = models.EmailField(_("email address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("user"),
    )
    review = models.ForeignKey(
        Review,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("review"),
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("committee"),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_follow_token)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            CheckRule(
                condition=Q(review__isnull=False, committee__isnull=True)
                | Q(review__isnull=True, committee__isnull=False),
                name="follow_review_or_committee",
                violation_error_message=_("Follow either a review or a committee."),
            ),
            UniqueRule(
                fields=["email", "review"],
                condition=Q(review__isnull=False),
                name="follow_once_per_review",
                field="email",
                violation_error_message=_("%(email)s already follows this review."),
            ),
            UniqueRule(
                fields=["email", "committee"],
                condition=Q(committee__isnull=False),
                name="follow_once_per_committee",
                field="email",
                violation_error_message=_("%(email)s already follows this committee."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email}: {self.review or self.committee}"

    @property
    def target(self):
        """What is followed: the review or the committee."""
        return self.review or self.committee

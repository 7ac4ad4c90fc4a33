"""Every email the app sends, kept as a row before it is sent (the outbox), and what each
council has the daily chase send (its switches)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What each kind of message is called on the outbox page.
KIND_LABELS = {
    "weekly_digest": _("Weekly digest"),
    "follow_confirm": _("Follow: confirm the address"),
    "follow_changes": _("Follow: what changed"),
}


class OutboxQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Administrators see every message; democratic services their own council's;
        nobody else any."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_democratic_services and user.organisation_id:
            return self.filter(council_id=user.organisation_id)
        return self.none()

    def in_state(self, state: str):
        """Messages in ``state`` ("queued", "sent", "failed"); any other word: all."""
        if state == Outbox.State.SENT:
            return self.filter(sent_at__isnull=False)
        if state == Outbox.State.FAILED:
            return self.filter(failed_at__isnull=False, sent_at__isnull=True)
        if state == Outbox.State.QUEUED:
            return self.filter(sent_at__isnull=True, failed_at__isnull=True)
        return self

    def due(self, now):
        """Queued messages whose next try is due (a lost task is picked up again)."""
        return self.in_state(Outbox.State.QUEUED).filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        )


class Outbox(models.Model):
    """One email to one address: written when it is asked for, then sent by a task, tried
    again after a failure and, after the last try, marked failed with the reason. A message
    with a key is sent at most once: a second one with the same key is never written."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField(_("to"))
    kind = models.CharField(_("kind"), max_length=50)
    council = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("council"),
    )
    subject = models.CharField(_("subject"), max_length=500)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    key = models.CharField(
        _("key"),
        max_length=200,
        blank=True,
        help_text=_("Set for a message that must go only once, such as a week's digest."),
    )
    headers = models.JSONField(
        _("headers"),
        default=dict,
        blank=True,
        help_text=_("Extra email headers, such as a one-click unsubscribe link."),
    )
    queued_at = models.DateTimeField(_("queued"), default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(_("next try"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("tries"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        ordering = ["-queued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~Q(key=""), name="outbox_key_unique_when_set"
            )
        ]
        indexes = [models.Index(fields=["council", "-queued_at"], name="outbox_council_queued")]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to}"

    @property
    def state(self) -> str:
        if self.sent_at:
            return self.State.SENT
        if self.failed_at:
            return self.State.FAILED
        return self.State.QUEUED

    @property
    def state_label(self) -> str:
        return str(self.State(self.state).label)

    @property
    def kind_label(self) -> str:
        """What the message is, in the reader's words (the kind itself where unnamed)."""
        return str(KIND_LABELS.get(self.kind, self.kind))


class CouncilChasing(models.Model):
    """What the daily chase sends for one council. A council without a row gets the
    defaults: the weekly digest on, on Mondays."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")

    council = models.OneToOneField(
        "partnerships.Organisation",
        on_delete=models.CASCADE,
        related_name="chasing",
        limit_choices_to={"kind": "council"},
        verbose_name=_("council"),
    )
    weekly_digest = models.BooleanField(
        _("weekly digest"),
        default=True,
        help_text=_("Email democratic services a list of what is outstanding once a week."),
    )
    digest_day = models.PositiveSmallIntegerField(
        _("digest day"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    language = models.CharField(
        _("language of the emails"),
        max_length=5,
        choices=[("en", _("English")), ("cy", _("Welsh"))],
        default="en",
        help_text=_("For people who have not chosen a language of their own."),
    )
    update_overdue = models.BooleanField(
        _("progress updates overdue"),
        default=True,
        help_text=_("Email the officers and partners who owe an overdue progress update."),
    )
    target_passed = models.BooleanField(
        _("target dates passed"),
        default=True,
        help_text=_(
            "Email the officers and partners of an open recommendation when its target date passes."
        ),
    )
    response_deadline = models.BooleanField(
        _("executive responses near their deadline or late"),
        default=True,
        help_text=_(
            "Email democratic services when an executive response is near its deadline and "
            "when it is late, naming the decision-maker."
        ),
    )
    response_warning_days = models.PositiveSmallIntegerField(
        _("days of warning before a response is due"), default=7
    )

    class Meta:
        verbose_name = _("council's reminders")
        verbose_name_plural = _("councils' reminders")

    def __str__(self) -> str:
        return str(self.council)


class Reminded(models.Model):
    """That a reminder was sent, so that it is sent once: its ``key`` names the rule, the
    person or review, what it was about and the date it was about (``update_overdue:<user>:
    <recommendation>:<due date>``)."""

    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self) -> str:
        return self.key

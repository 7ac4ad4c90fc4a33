"""Executive (Cabinet) decisions referred to scrutiny, with their numbered resolutions and
reasons."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from scrutiny.common.models import Versioned
from scrutiny.models.committees import (
    AgendaItem,
    Committee,
)
from scrutiny.models.rules import UniqueRule
from scrutiny.visibility import exempt_filter


class ExecutiveDecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(
            exempt_filter(
                user, "referred_to_item__meeting__committee__council_id", "referred_to_item__exempt"
            )
        )


class ExecutiveDecision(Versioned):
    """A Cabinet (executive) decision referred to scrutiny, such as minute C129."""

    decided_by = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        related_name="decisions",
        help_text=_("Usually the Cabinet."),
    )
    minute_number = models.CharField(max_length=30)
    decided_on = models.DateField()
    title = models.CharField(max_length=400)
    summary = models.TextField(blank=True)
    referred_to = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="references",
        help_text=_("The scrutiny committee it was referred to."),
    )
    referred_to_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        help_text=_("The agenda item at which the committee considered it."),
    )

    objects = ExecutiveDecisionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("executive decision")
        verbose_name_plural = _("executive decisions")
        ordering = ["-decided_on", "minute_number"]
        constraints = [
            # Whatever the case: minute c129 is minute C129.
            UniqueRule(
                Lower("minute_number"),
                "decided_by",
                name="decision_unique_minute_any_case",
                field="minute_number",
                words={"committee": "decided_by", "minute": "minute_number"},
                violation_error_message=_(
                    "%(committee)s already has a decision with minute %(minute)s"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.minute_number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("scrutiny:decision-detail", args=[self.pk])

    def clean(self):
        """The agenda item it was referred to is one of the committee it was referred to,
        at a meeting on or after the decision."""
        super().clean()
        if not self.referred_to_item_id:
            return
        meeting = self.referred_to_item.meeting
        if self.referred_to_id and meeting.committee_id != self.referred_to_id:
            raise ValidationError(
                {
                    "referred_to_item": gettext("Choose an agenda item of %(committee)s")
                    % {"committee": self.referred_to}
                }
            )
        if self.decided_on and meeting.date < self.decided_on:
            raise ValidationError(
                {
                    "referred_to_item": gettext(
                        "Choose an item at a meeting on or after the date of the decision"
                    )
                }
            )


class DecisionPoint(models.Model):
    """A numbered resolution, or a numbered reason for the resolutions, of a decision."""

    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Resolution")
        REASON = "reason", _("Reason")

    decision = models.ForeignKey(ExecutiveDecision, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resolution or reason")
        verbose_name_plural = _("resolutions and reasons")
        ordering = ["decision", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "kind", "number"], name="decision_point_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.number})"

"""Executive (Cabinet) decisions referred to scrutiny, with their numbered resolutions and
reasons."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from scrutiny.common.links import pk_url
from scrutiny.common.models import Versioned
from scrutiny.common.rules import CheckRule, UniqueRule
from scrutiny.models.committees import (
    AgendaItem,
    Committee,
)
from scrutiny.visibility import exempt_filter

NUMBER_USED_TWICE = _("%(kind)s (%(number)s) is used more than once: give each a different number")


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
        return pk_url("scrutiny:decision-detail", self.pk)

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
    """A numbered resolution, or a numbered reason for the resolutions, of a decision.

    Rules (Meta.constraints, in the decision form's words): numbers start at 1 and are used
    once per kind in a decision; a point has its text. The rules of a decision's points
    together are ``decision_points_errors``."""

    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Resolution")
        REASON = "reason", _("Reason")

    decision = models.ForeignKey(ExecutiveDecision, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    number = models.PositiveSmallIntegerField()
    # blank=True: an empty text is refused by the constraint below, in words naming the point.
    text = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resolution or reason")
        verbose_name_plural = _("resolutions and reasons")
        ordering = ["decision", "kind", "number"]
        constraints = [
            UniqueRule(
                fields=["decision", "kind", "number"],
                name="decision_point_unique_number",
                field="number",
                violation_error_message=NUMBER_USED_TWICE,
                words={"kind": "kind_title"},
            ),
            CheckRule(
                condition=Q(number__gte=1),
                name="decision_point_number_from_one",
                field="number",
                violation_error_message=_("Numbers start at 1"),
            ),
            CheckRule(
                condition=~Q(text=""),
                name="decision_point_needs_text",
                field="text",
                violation_error_message=_("Enter the text of %(kind)s (%(number)s)"),
                words={"kind": "kind_name"},
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.number})"

    @property
    def kind_name(self) -> str:
        """ "resolution" or "reason", as a sentence names it."""
        return str(self.get_kind_display()).lower()

    @property
    def kind_title(self) -> str:
        """ "Resolution" or "Reason", as a sentence starts with it."""
        return self.kind_name.capitalize()


def decision_points_errors(points: Sequence[tuple[str, int | None]]) -> dict[int | None, str]:
    """What is wrong with one decision's points together, given as (kind, number) in the
    order they are shown (number None: a row still to be numbered): errors keyed by the index
    of the point at fault, or None for the decision as a whole.

    A decision has at least one resolution; a number is used once per kind (the second use
    is the one at fault; the database refuses it too: decision_point_unique_number)."""
    errors: dict[int | None, str] = {}
    if not any(kind == DecisionPoint.Kind.RESOLUTION for kind, _number in points):
        errors[None] = gettext("Enter at least one resolution.")
    seen: set[tuple[str, int]] = set()
    for index, (kind, number) in enumerate(points):
        if number is None:
            continue
        if (kind, number) in seen:
            errors[index] = str(NUMBER_USED_TWICE) % {
                "kind": DecisionPoint(kind=kind).kind_title,
                "number": number,
            }
        seen.add((kind, number))
    return errors

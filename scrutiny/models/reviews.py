"""Scrutiny reviews (task group inquiries) ending in a report of numbered recommendations."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, Case, F, Q, Value, When
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models import ResponseClock
from scrutiny.common.bilingual import welsh_char, welsh_textarea
from scrutiny.common.links import pk_url
from scrutiny.common.models import Versioned
from scrutiny.common.rules import CheckRule, UniqueRule
from scrutiny.models.committees import (
    Committee,
    Meeting,
    long_date,
)
from scrutiny.visibility import published_filter


def _response_overdue_q(today: datetime.date) -> Q:
    return Q(response_due_on__lt=today, response_received_on__isnull=True)


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Unpublished (draft) reviews are for their own council's people only."""
        return self.filter(published_filter(user))

    def response_overdue(self, today: datetime.date | None = None):
        """Reviews whose executive response is overdue: due before ``today``, not received."""
        return self.filter(_response_overdue_q(today or timezone.localdate()))

    def responded_late(self):
        """Reviews whose executive response was received after it was due."""
        return self.filter(response_received_on__gt=F("response_due_on"))

    def with_flags(self, today: datetime.date | None = None):
        """Each review with ``overdue``: whether its executive response is, as at ``today``
        (the rule of ``response_overdue``)."""
        return self.annotate(
            overdue=Case(
                When(_response_overdue_q(today or timezone.localdate()), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )


REPORT_AFTER_START = _(
    "The date the report was agreed must be the same as or after the date the review started"
)
RESPONSE_NEEDS_REPORT = _(
    "Enter the date the committee agreed the report: a response cannot be received before "
    "there is a report"
)
RESPONSE_AFTER_REPORT = _("The response cannot be received before the report was agreed (%(date)s)")


class Review(Versioned):
    """A scrutiny review (task group inquiry) ending in a report of numbered recommendations.

    The executive response is due by the council's clock (two months unless the council
    sets another) after the report is agreed; ``response_due_on`` is always derived from
    ``report_agreed_on`` on save (and again when the council changes its clock) so that
    lists can filter on it.
    """

    class Status(models.TextChoices):
        SCOPING = "scoping", _("Scoping")
        IN_PROGRESS = "in_progress", _("Gathering evidence")
        REPORT_AGREED = "report_agreed", _("Report agreed")
        MONITORING = "monitoring", _("Monitoring recommendations")
        CLOSED = "closed", _("Closed")

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="reviews")
    title = models.CharField(max_length=300)
    title_cy = welsh_char(_("title in Welsh"), max_length=300)
    report_title = models.CharField(
        max_length=300, blank=True, help_text=_("The title of the report as published.")
    )
    summary = models.TextField(blank=True)
    summary_cy = welsh_textarea(_("summary in Welsh"))
    lead_member = models.CharField(
        max_length=200, blank=True, help_text=_("The member who led the review.")
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCOPING)
    published = models.BooleanField(
        default=True, help_text=_("Draft reviews are seen only by their council's people.")
    )
    started_on = models.DateField(null=True, blank=True)
    report_agreed_on = models.DateField(null=True, blank=True)
    response_due_on = models.DateField(null=True, blank=True, editable=False)
    response_received_on = models.DateField(null=True, blank=True)
    response_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses_received",
        help_text=_("The meeting at which the executive response was received."),
    )
    update_interval_months = models.PositiveSmallIntegerField(
        default=6,
        help_text=_(
            "How often the committee wants progress on each open recommendation, in "
            "months: an update falls due this long after the last one (or the response)."
        ),
    )

    objects = ReviewQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-report_agreed_on", "title"]
        constraints = [
            # Whatever the case: "workforce" beside "Workforce" is the same review.
            UniqueRule(
                Lower("title"),
                "committee",
                name="review_unique_title_any_case",
                field="title",
                violation_error_message=_("%(committee)s already has a review called “%(title)s”"),
            ),
            CheckRule(
                condition=Q(report_agreed_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(report_agreed_on__gte=models.F("started_on")),
                name="review_report_after_start",
                field="report_agreed_on",
                violation_error_message=REPORT_AFTER_START,
            ),
            CheckRule(
                condition=Q(response_received_on__isnull=True) | Q(report_agreed_on__isnull=False),
                name="review_response_needs_report",
                field="response_received_on",
                violation_error_message=RESPONSE_NEEDS_REPORT,
            ),
            CheckRule(
                condition=Q(response_received_on__isnull=True)
                | Q(report_agreed_on__isnull=True)
                | Q(response_received_on__gte=models.F("report_agreed_on")),
                name="review_response_after_report",
                field="response_received_on",
                violation_error_message=RESPONSE_AFTER_REPORT,
                words={"date": "report_agreed_label"},
            ),
            CheckRule(
                condition=Q(update_interval_months__gte=1, update_interval_months__lte=36),
                name="review_update_interval_plausible",
                field="update_interval_months",
                violation_error_message=_(
                    "How often progress should be reported must be between 1 and 36 months"
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.response_due_on = self.response_due_after(self.report_agreed_on)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "response_due_on"}
        super().save(*args, **kwargs)

    def clean(self):
        """The response meeting is a meeting of the review's committee, and gives the date the
        response was received when none is given: a date that must meet the rules a typed one
        does (Meta.constraints), reported on the meeting that gave it."""
        super().clean()
        if not self.response_meeting_id or not self.committee_id:
            return
        meeting = self.response_meeting
        if meeting.committee_id != self.committee_id:
            raise ValidationError(
                {
                    "response_meeting": gettext("Choose a meeting of %(committee)s")
                    % {"committee": self.committee}
                }
            )
        if self.response_received_on:
            return
        if not self.report_agreed_on:
            raise ValidationError({"response_meeting": str(RESPONSE_NEEDS_REPORT)})
        if meeting.date < self.report_agreed_on:
            raise ValidationError(
                {
                    "response_meeting": str(RESPONSE_AFTER_REPORT)
                    % {"date": self.report_agreed_label}
                }
            )
        self.response_received_on = meeting.date

    @property
    def response_clock(self) -> ResponseClock:
        """How long the executive has to respond: the clock of the review's council."""
        return ResponseClock(self.committee.council.response_clock)

    def response_due_after(self, agreed_on: datetime.date | None) -> datetime.date | None:
        """When the executive response is due for a report agreed on ``agreed_on``."""
        return None if agreed_on is None else self.response_clock.due_after(agreed_on)

    @property
    def response_days_late(self) -> int | None:
        """How many days after it was due the response was received (None: not late)."""
        if not (self.response_received_on and self.response_due_on):
            return None
        late = (self.response_received_on - self.response_due_on).days
        return late if late > 0 else None

    @property
    def report_agreed_label(self) -> str:
        """The date the report was agreed, as pages write a date."""
        return long_date(self.report_agreed_on) if self.report_agreed_on else ""

    def get_absolute_url(self) -> str:
        return pk_url("scrutiny:review-detail", self.pk)

    def response_overdue(self, today: datetime.date | None = None) -> bool:
        """For a review in hand (no query): the rule of ``ReviewQuerySet.response_overdue``."""
        return bool(
            self.response_due_on
            and not self.response_received_on
            and self.response_due_on < (today or timezone.localdate())
        )

"""The scrutiny process: committees, meetings and agenda items, reviews, executive decisions
referred to scrutiny, and the actions a meeting agrees."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.access import exempt_filter, published_filter
from partnerships.bilingual import welsh_char, welsh_textarea
from partnerships.models import Versioned
from recommendations.models import Recommendation


def long_date(day: datetime.date) -> str:
    """A date as councils write it: 4 December 2017."""
    return dateformat.format(day, "j F Y")


class Committee(Versioned):
    """A council's committee: a scrutiny committee or commission, or its Cabinet."""

    class Kind(models.TextChoices):
        SCRUTINY = "scrutiny", _("Scrutiny committee")
        CABINET = "cabinet", _("Cabinet")
        OTHER = "other", _("Other committee")

    council = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="committees",
        limit_choices_to={"kind": "council"},
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SCRUTINY)
    chair = models.CharField(max_length=200, blank=True, help_text=_("The Chair's name."))
    vice_chair = models.CharField(max_length=200, blank=True, help_text=_("The Vice Chair's name."))
    remit = models.TextField(blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["council__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="committee_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("scrutiny:committee-detail", args=[self.pk])


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, today: datetime.date | None = None):
        return self.filter(date__gte=today or timezone.localdate()).order_by("date", "start_time")

    def past(self, today: datetime.date | None = None):
        return self.filter(date__lt=today or timezone.localdate()).order_by("-date")


class Meeting(Versioned):
    """A dated meeting of a committee."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    cancelled = models.BooleanField(default=False)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-start_time"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "date", "start_time"],
                name="meeting_unique_committee_date_time",
            ),
            # NULLs are distinct in a unique index, so a meeting with no time needs its own
            # partial index (SQLite has no NULLS NOT DISTINCT).
            models.UniqueConstraint(
                fields=["committee", "date"],
                condition=Q(start_time__isnull=True),
                name="meeting_unique_committee_date_without_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee.name}, {long_date(self.date)}"

    def get_absolute_url(self) -> str:
        return reverse("scrutiny:meeting-detail", args=[self.pk])

    def recommendations_due(self, user):
        """Open recommendations of this committee's reviews, visible to ``user``, whose next
        progress update is due by this meeting, with their status as at the meeting."""
        return (
            Recommendation.objects.visible_to(user)
            .filter(review__committee_id=self.committee_id)
            .with_status(as_at=self.date, user=user)
            .update_due(self.date)
        )

    def previous(self) -> Meeting | None:
        """The committee's last meeting before this one (cancelled ones do not count)."""
        return (
            Meeting.objects.filter(committee_id=self.committee_id, date__lt=self.date)
            .exclude(cancelled=True)
            .order_by("-date", "-start_time")
            .first()
        )


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(exempt_filter(user, "meeting__committee__council_id", "exempt"))


class AgendaItem(Versioned):
    """A numbered item on a meeting's agenda. Exempt items (Local Government Act 1972,
    Schedule 12A) are not public and must say which paragraph makes them so."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    review = models.ForeignKey(
        "Review",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text=_("The scrutiny review this item reports on, if any."),
    )
    exempt = models.BooleanField(default=False)
    exempt_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("For example: Schedule 12A, paragraph 3 (financial or business affairs)."),
    )

    objects = AgendaItemQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_unique_number"),
            models.CheckConstraint(
                condition=Q(exempt=False) | ~Q(exempt_reason=""),
                name="agenda_item_exempt_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Item %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#item-{self.number}"


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Unpublished (draft) reviews are for their own council's people only."""
        return self.filter(published_filter(user))

    def response_overdue(self, today: datetime.date | None = None):
        return self.filter(
            response_due_on__lt=today or timezone.localdate(), response_received_on__isnull=True
        )


class Review(Versioned):
    """A scrutiny review (task group inquiry) ending in a report of numbered recommendations.

    The executive response is due two months after the report is agreed; ``response_due_on``
    is always derived from ``report_agreed_on`` on save so that lists can filter on it.
    """

    class Status(models.TextChoices):
        SCOPING = "scoping", _("Scoping")
        IN_PROGRESS = "in_progress", _("Gathering evidence")
        REPORT_AGREED = "report_agreed", _("Report agreed")
        MONITORING = "monitoring", _("Monitoring recommendations")
        CLOSED = "closed", _("Closed")

    RESPONSE_MONTHS = 2

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
            models.UniqueConstraint(fields=["committee", "title"], name="review_unique_title"),
            models.CheckConstraint(
                condition=Q(report_agreed_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(report_agreed_on__gte=models.F("started_on")),
                name="review_report_after_start",
            ),
            models.CheckConstraint(
                condition=Q(response_received_on__isnull=True) | Q(report_agreed_on__isnull=False),
                name="review_response_needs_report",
            ),
            models.CheckConstraint(
                condition=Q(update_interval_months__gte=1, update_interval_months__lte=36),
                name="review_update_interval_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.response_due_on = (
            self.report_agreed_on + relativedelta(months=self.RESPONSE_MONTHS)
            if self.report_agreed_on
            else None
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "response_due_on"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("scrutiny:review-detail", args=[self.pk])

    def response_overdue(self, today: datetime.date | None = None) -> bool:
        return bool(
            self.response_due_on
            and not self.response_received_on
            and self.response_due_on < (today or timezone.localdate())
        )


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
            models.UniqueConstraint(
                fields=["decided_by", "minute_number"], name="decision_unique_minute"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.minute_number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("scrutiny:decision-detail", args=[self.pk])


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


class AgreedActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(exempt_filter(user, "meeting__committee__council_id", "item__exempt"))

    def outstanding(self):
        return self.filter(delivered_on__isnull=True)

    def overdue(self, today: datetime.date | None = None):
        """Outstanding actions whose due meeting's date, or (when not placed at a meeting)
        due date, has passed: the same rule as ``AgreedAction.is_overdue``."""
        today = today or timezone.localdate()
        return self.outstanding().filter(
            Q(due_meeting__date__lt=today) | Q(due_meeting__isnull=True, due_on__lt=today)
        )

    def due_at(self, meeting: Meeting):
        """Outstanding actions of the meeting's committee, agreed at an earlier meeting, that
        fall to this meeting: placed at it; due by a date on or before it; asked for "at a
        future meeting"; or placed at an earlier meeting that did not deliver them (they
        carry forward until delivered). Actions placed at a later meeting are not due yet.
        For a past meeting, actions delivered since then still count as due at it."""
        return self.filter(
            Q(delivered_on__isnull=True) | Q(delivered_on__gte=meeting.date),
            Q(due_meeting=meeting)
            | Q(due_meeting__isnull=True, due_on__isnull=True)
            | Q(due_meeting__isnull=True, due_on__lte=meeting.date)
            | Q(due_meeting__date__lt=meeting.date),
            meeting__committee_id=meeting.committee_id,
            meeting__date__lt=meeting.date,
        )

    def unplaced(self):
        """Outstanding actions not yet placed at any meeting."""
        return self.outstanding().filter(due_meeting__isnull=True)


class AgreedAction(Versioned):
    """What a meeting resolved, followed until it is delivered.

    An action is due by a date, at a named meeting, or (when both are empty) "at a future
    meeting". Delivered actions record when, and at which meeting if any.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agreed_actions")
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreed_actions",
    )
    review = models.ForeignKey(
        Review,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreed_actions",
    )
    text = models.TextField(
        help_text=_(
            'What was agreed, for example "That a detailed update '
            'report be brought to a future meeting."'
        )
    )
    text_cy = welsh_textarea(_("what was agreed, in Welsh"))
    falls_to = models.CharField(
        max_length=300, blank=True, help_text=_("Who it falls to, by role.")
    )
    falls_to_organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreed_actions",
    )
    due_on = models.DateField(null=True, blank=True)
    due_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_due",
    )
    delivered_on = models.DateField(null=True, blank=True)
    delivered_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_delivered",
    )

    objects = AgreedActionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        ordering = ["meeting__date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(delivered_meeting__isnull=True) | Q(delivered_on__isnull=False),
                name="agreed_action_delivered_meeting_needs_date",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#action-{self.pk}"

    @property
    def due_label(self) -> str:
        if self.due_meeting_id:
            return gettext("at the meeting of %(date)s") % {
                "date": long_date(self.due_meeting.date)
            }
        if self.due_on:
            return gettext("by %(date)s") % {"date": long_date(self.due_on)}
        return gettext("at a future meeting")

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        if self.delivered_on:
            return False
        today = today or timezone.localdate()
        due = self.due_meeting.date if self.due_meeting_id else self.due_on
        return bool(due and due < today)

    @property
    def state_label(self) -> str:
        if self.delivered_on:
            return pgettext("agreed action", "Delivered")
        if self.is_overdue():
            return pgettext("agreed action", "Overdue")
        return pgettext("agreed action", "Outstanding")

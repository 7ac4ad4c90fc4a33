"""Committees, their dated meetings and the numbered items of a meeting's agenda."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import dateformat, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from scrutiny.common.links import pk_url
from scrutiny.common.models import Versioned
from scrutiny.common.rules import CheckRule, UniqueRule
from scrutiny.visibility import exempt_filter


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
            # Whatever the case: "Scrutiny Committee" beside "scrutiny committee" is one name.
            UniqueRule(
                Lower("name"),
                "council",
                name="committee_unique_name_any_case",
                field="name",
                violation_error_message=_("%(council)s already has a committee called “%(name)s”"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return pk_url("scrutiny:committee-detail", self.pk)


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
            UniqueRule(
                fields=["committee", "date", "start_time"],
                name="meeting_unique_committee_date_time",
                field="date",
                violation_error_message=_(
                    "%(committee)s already has a meeting on this date at this time"
                ),
            ),
            # NULLs are distinct in a unique index, so a meeting with no time needs its own
            # partial index (SQLite has no NULLS NOT DISTINCT).
            UniqueRule(
                fields=["committee", "date"],
                condition=Q(start_time__isnull=True),
                name="meeting_unique_committee_date_without_time",
                field="date",
                violation_error_message=_(
                    "%(committee)s already has a meeting on this date with no start time"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee.name}, {long_date(self.date)}"

    def get_absolute_url(self) -> str:
        return pk_url("scrutiny:meeting-detail", self.pk)

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
            UniqueRule(
                fields=["meeting", "number"],
                name="agenda_item_unique_number",
                field="number",
                violation_error_message=_("Item %(number)s is already on this meeting's agenda"),
            ),
            CheckRule(
                condition=Q(number__gte=1),
                name="agenda_item_number_from_one",
                field="number",
                violation_error_message=_("Item numbers start at 1"),
            ),
            CheckRule(
                condition=Q(exempt=False) | ~Q(exempt_reason=""),
                name="agenda_item_exempt_needs_reason",
                field="exempt_reason",
                violation_error_message=_(
                    "Say why the item is exempt, for example Schedule 12A, paragraph 3"
                ),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Item %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#item-{self.number}"

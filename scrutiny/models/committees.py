"""Committees, their dated meetings and the numbered items of a meeting's agenda."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
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
    update_request_days = models.PositiveSmallIntegerField(
        _("days before a meeting to ask for updates"),
        default=21,
        # In the database too, so rows written by code that predates the column (an older
        # release mid-deployment, a migration's historical model) still get one.
        db_default=21,
        help_text=_(
            "How many days before each meeting the officers and partners who owe a progress"
            " update on a recommendation due there are emailed to ask for it."
        ),
    )
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

    def taking(self, review):
        """The items that take ``review``: as their main review or as one they also report
        on (``taking_review``)."""
        return self.filter(taking_review(review))


def taking_review(review, prefix: str = "") -> Q:
    """The one rule for "an agenda item that takes ``review``" (a review or its pk): the
    item's main review, or one it also reports on. ``prefix`` reaches the item from another
    model ("item__"). Two indexed look-ups in a union, each item once: an OR of the two
    read every agenda item (issue 17)."""
    main = AgendaItem.objects.filter(review=review).values("pk")
    also = AgendaItem.other_reviews.through.objects.filter(review=review).values("agendaitem_id")
    return Q(**{f"{prefix}pk__in": main.union(also)})


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
    other_reviews = models.ManyToManyField(
        "Review",
        blank=True,
        related_name="other_agenda_items",
        verbose_name=_("also reports on"),
        help_text=_(
            "Other scrutiny reviews of the council whose recommendations a report at this "
            "item also covers, such as a six-monthly report on all outstanding recommendations."
        ),
    )
    exempt = models.BooleanField(default=False)
    exempt_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("For example: Schedule 12A, paragraph 3 (financial or business affairs)."),
    )

    objects = AgendaItemQuerySet.as_manager()
    # Which reviews an item also reports on is kept in its history too.
    history = HistoricalRecords(excluded_fields=["version"], m2m_fields=[other_reviews])

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

    def clean_other_reviews(self, review, others) -> None:
        """The rule for the reviews an item also reports on (checked by its forms, as a
        many-to-many cannot be checked before the item is saved): each is a review of the
        meeting's committee's council, and none is the item's main ``review`` again."""
        council_id = self.meeting.committee.council_id
        errors = []
        for other in others:
            if other.committee.council_id != council_id:
                errors.append(
                    gettext("%(review)s is a review of another council: choose only this council's")
                    % {"review": other.title}
                )
            elif review is not None and other.pk == review.pk:
                errors.append(
                    gettext("%(review)s is already the review the item reports on: untick it here")
                    % {"review": other.title}
                )
        if errors:
            raise ValidationError(errors)

    @property
    def review_ids(self) -> list[int]:
        """Every review the item takes: its main review first, then those it also reports
        on (read from ``other_reviews``, so prefetch it when reading many items)."""
        ids = [self.review_id] if self.review_id else []
        if self.pk is None:  # not saved: it can have no others yet
            return ids
        return ids + [r.pk for r in self.other_reviews.all() if r.pk not in ids]

    @property
    def all_reviews(self) -> list:
        """Every review the item takes, its main review first, the others by title."""
        main = [self.review] if self.review_id else []
        if self.pk is None:
            return main
        others = sorted(
            (r for r in self.other_reviews.all() if r.pk != self.review_id), key=lambda r: r.title
        )
        return main + others

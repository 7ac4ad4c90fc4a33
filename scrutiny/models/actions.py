"""The actions a meeting agrees, followed until they are delivered."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from scrutiny.common.bilingual import welsh_textarea
from scrutiny.common.models import Versioned
from scrutiny.models.committees import (
    AgendaItem,
    Meeting,
    long_date,
)
from scrutiny.models.reviews import Review
from scrutiny.visibility import exempt_filter


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

    def clean(self):
        """Nothing agreed is due, or delivered, before the meeting that agreed it; a due
        meeting is a later meeting of the same committee."""
        super().clean()
        if not self.meeting_id:
            return
        meeting = self.meeting
        errors = {}
        if self.due_on and self.due_on < meeting.date:
            errors["due_on"] = gettext(
                "The due date must be on or after the meeting that agreed it"
            )
        if self.due_meeting_id and (
            self.due_meeting.committee_id != meeting.committee_id
            or self.due_meeting.date <= meeting.date
        ):
            errors["due_meeting"] = gettext("Choose a later meeting of the committee")
        if self.delivered_on and self.delivered_on < meeting.date:
            errors["delivered_on"] = gettext(
                "The delivery date must be on or after the meeting that agreed it"
            )
        if errors:
            raise ValidationError(errors)

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

"""The actions a meeting agrees, followed until they are delivered."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from scrutiny.common.bilingual import welsh_textarea
from scrutiny.common.models import Versioned
from scrutiny.common.rules import CheckRule
from scrutiny.models.committees import (
    AgendaItem,
    Meeting,
    long_date,
)
from scrutiny.models.reviews import Review
from scrutiny.visibility import exempt_filter


def _outstanding_q(as_at: datetime.date | None = None) -> Q:
    """Not delivered; as at a date, delivered only after it counts as not yet delivered."""
    if as_at is None:
        return Q(delivered_on__isnull=True)
    return Q(delivered_on__isnull=True) | Q(delivered_on__gt=as_at)


def _next_meeting_held(today: datetime.date) -> Exists:
    """A meeting of the action's committee was held (not cancelled) after the meeting that
    agreed it and before ``today``: the committee's next meeting has passed."""
    return Exists(
        Meeting.objects.filter(
            committee_id=OuterRef("meeting__committee_id"),
            cancelled=False,
            date__gt=OuterRef("meeting__date"),
            date__lt=today,
        )
    )


def _overdue_q(today: datetime.date, as_at: datetime.date | None = None) -> Q:
    """The overdue rule: outstanding (as at ``as_at``), and its due meeting's date or (when
    not placed at a meeting) its due date is before ``today``, or it was due at the
    committee's next meeting and that meeting has been held."""
    return _outstanding_q(as_at) & (
        Q(due_meeting__date__lt=today)
        | Q(due_meeting__isnull=True, due_on__lt=today)
        | Q(_next_meeting_held(today), due_meeting__isnull=True, due_next_meeting=True)
    )


def _first_missed_meeting(today: datetime.date, dated: bool) -> Subquery:
    """The date of the first meeting of the action's committee held (not cancelled) after
    the meeting that agreed it and before ``today``, and (``dated``: for an action due by a
    date) on or after its due date."""
    meetings = Meeting.objects.filter(
        committee_id=OuterRef("meeting__committee_id"),
        cancelled=False,
        date__gt=OuterRef("meeting__date"),
        date__lt=today,
    )
    if dated:
        meetings = meetings.filter(date__gte=OuterRef("due_on"))
    return Subquery(meetings.order_by("date").values("date")[:1])


class AgreedActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(exempt_filter(user, "meeting__committee__council_id", "item__exempt"))

    def outstanding(self):
        return self.filter(_outstanding_q())

    def overdue(self, today: datetime.date | None = None):
        """Outstanding actions whose due meeting's date, or (when not placed at a meeting)
        due date, has passed: the rule ``with_flags`` annotates."""
        return self.filter(_overdue_q(today or timezone.localdate()))

    def with_flags(
        self,
        today: datetime.date | None = None,
        *,
        as_at: datetime.date | None = None,
        missed_meetings: bool = False,
    ):
        """Each action with ``overdue`` (True or False): outstanding, and the meeting or date
        it was due at is before ``today`` (default: today). With ``as_at``, an action
        delivered after that date counts as not yet delivered (a pack shows actions as at
        its meeting). This is the one definition every page, the pack and the work
        programme use.

        With ``missed_meetings``, also ``missed_on``: for an outstanding action due by a
        date or asked for "at a future meeting", the date of the first meeting of its
        committee held after the meeting that agreed it (and on or after its due date) and
        before ``today`` — a meeting that did not receive it; None when there is none, or
        for an action placed at a meeting or delivered."""
        today = today or timezone.localdate()
        flags = {
            "overdue": Case(
                When(_overdue_q(today, as_at), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        }
        if missed_meetings:
            flags["missed_on"] = Case(
                When(due_meeting__isnull=False, then=Value(None)),
                When(~_outstanding_q(as_at), then=Value(None)),
                When(due_on__isnull=True, then=_first_missed_meeting(today, dated=False)),
                default=_first_missed_meeting(today, dated=True),
                output_field=models.DateField(),
            )
        return self.annotate(**flags)

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

    An action is due by a date, at a named meeting, at the committee's next meeting, or
    (when none is given) "at a future meeting". Delivered actions record when, and at which
    meeting if any.
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
    # Due at whichever meeting of the committee comes next after the one that agreed it:
    # that meeting, once it is in the tracker, is where the action falls (no date to keep
    # in step when meetings are added, moved or cancelled).
    due_next_meeting = models.BooleanField(_("due at the committee's next meeting"), default=False)
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
            CheckRule(
                condition=Q(delivered_meeting__isnull=True) | Q(delivered_on__isnull=False),
                name="agreed_action_delivered_meeting_needs_date",
                field="delivered_on",
                violation_error_message=_(
                    "Enter the date it was delivered, or leave the meeting it was delivered "
                    "at empty"
                ),
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
        if self.due_next_meeting:
            return gettext("at the committee's next meeting")
        return gettext("at a future meeting")

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """The ``overdue`` flag ``AgreedAction.objects.with_flags`` gives, for this one
        action (one query; lists use ``with_flags``)."""
        if self.pk is None:
            return False
        return (
            AgreedAction.objects.filter(pk=self.pk)
            .with_flags(today)
            .values_list("overdue", flat=True)
            .get()
        )

    @property
    def state_label(self) -> str:
        if self.delivered_on:
            return pgettext("agreed action", "Delivered")
        if self.is_overdue():
            return pgettext("agreed action", "Overdue")
        return pgettext("agreed action", "Outstanding")

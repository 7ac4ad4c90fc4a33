"""Progress updates, dated and verbal or written, and their entries, one per recommendation
they speak of, each optionally setting a new status."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from recommendations.models.recommendations import Recommendation, Status
from scrutiny.common.bilingual import welsh_textarea
from scrutiny.common.links import pk_url
from scrutiny.common.models import LiveManager, SoftDeletable, SoftDeletableQuerySet, Versioned
from scrutiny.common.rules import CheckRule
from scrutiny.visibility import exempt_filter, live_filter

# An entry's rules in the log-an-update form's words, which the form, the service and the
# database rules share; ``%(number)s`` is the recommendation's number.
SLIPPED_NEEDS_DATE = _(
    "Recommendation %(number)s: enter the revised target date when it has slipped"
)
SLIPPED_NEEDS_REASON = _("Recommendation %(number)s: give the reason it slipped")
PAUSED_NEEDS_REASON = _("Recommendation %(number)s: give the reason it is paused")
CLOSING_NEEDS_OUTCOME = _("Recommendation %(number)s: give the outcome when you close it")

# The one statement of which statuses need what, read by the database rules below, the
# log-an-update and meeting record forms and ``update_create``: each status, the field it
# needs filled and the message naming the recommendation. Not started and on track need
# nothing.
ENTRY_NEEDS: list[tuple[list[str], str, str, str]] = [
    # (statuses, field, constraint name, message)
    (
        [Status.SLIPPED],
        "revised_target_date",
        "update_entry_slipped_needs_date",
        SLIPPED_NEEDS_DATE,
    ),
    ([Status.SLIPPED], "reason", "update_entry_slipped_needs_reason", SLIPPED_NEEDS_REASON),
    ([Status.PAUSED], "reason", "update_entry_paused_needs_reason", PAUSED_NEEDS_REASON),
    (Status.closing(), "reason", "update_entry_closing_needs_outcome", CLOSING_NEEDS_OUTCOME),
]


def entry_missing(*, new_status: str, revised_target_date, reason: str) -> list[tuple[str, str]]:
    """(field, message) for each thing ``new_status`` needs that the entry lacks, in
    ``ENTRY_NEEDS`` order; messages still hold ``%(number)s``."""
    given = {"revised_target_date": revised_target_date is not None, "reason": bool(reason.strip())}
    return [
        (field, message)
        for statuses, field, _name, message in ENTRY_NEEDS
        if new_status in statuses and not given[field]
    ]


def _needs_rule(statuses, field, name, message) -> CheckRule:
    filled = (
        Q(revised_target_date__isnull=False) if field == "revised_target_date" else ~Q(reason="")
    )
    condition = ~Q(new_status__in=statuses) if len(statuses) > 1 else ~Q(new_status=statuses[0])
    return CheckRule(
        condition=condition | filled,
        name=name,
        field=field,
        violation_error_message=message,
        words={"number": "recommendation_number"},
    )


class UpdateKind(models.TextChoices):
    VERBAL = "verbal", _("Verbal update")
    WRITTEN = "written", _("Written update")


class ProgressUpdateQuerySet(SoftDeletableQuerySet):
    def visible_to(self, user):
        return self.filter(
            exempt_filter(user, "item__meeting__committee__council_id", "item__exempt")
        )

    def managed_by(self, user):
        """Updates ``user`` manages: for democratic services, those whose every
        recommendation is their council's; for administrators, all."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        if not user.is_democratic_services or user.organisation_id is None:
            return self.none()
        entries = UpdateEntry.all_objects.filter(update=OuterRef("pk"))
        elsewhere = entries.exclude(
            recommendation__review__committee__council_id=user.organisation_id
        )
        return self.filter(Exists(entries), ~Exists(elsewhere))

    def with_live_entries(self):
        """Leave out an update whose every entry is hidden because its recommendation was
        deleted (an update with no entries at all stays)."""
        return self.filter(
            ~Exists(UpdateEntry.all_objects.filter(update=OuterRef("pk")))
            | Exists(UpdateEntry.objects.filter(update=OuterRef("pk")))
        )

    def given_at(self, meeting, user):
        """The updates given at ``meeting``'s items that ``user`` may see, in agenda order,
        each with its entries on recommendations the user may see, review by review (one
        report can cover several), by number."""
        entries = (
            UpdateEntry.objects.filter(recommendation__in=Recommendation.objects.visible_to(user))
            .select_related("recommendation__review")
            .order_by(
                "recommendation__review__title",
                "recommendation__review_id",
                "recommendation__sort_key",
            )
        )
        return (
            self.visible_to(user)
            .with_live_entries()
            .filter(item__meeting=meeting)
            .select_related("organisation")
            .prefetch_related(Prefetch("entries", queryset=entries))
            .order_by("item__number", "created_at", "pk")
        )


class ProgressUpdate(SoftDeletable, Versioned):
    """A dated report of progress on one or more recommendations, verbal or written, given by
    someone in a role for an organisation, between meetings or at a meeting's agenda item
    (then its date is the meeting's)."""

    given_on = models.DateField(_("date given"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=UpdateKind.choices, default=UpdateKind.WRITTEN
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="updates_given",
        verbose_name=_("organisation"),
        help_text=_("The organisation the update was given for."),
    )
    given_by_role = models.CharField(
        _("given by (role)"),
        max_length=200,
        help_text=_("For example: Director of Adult Social Care and Commissioning."),
    )
    given_by_name = models.CharField(_("given by (name)"), max_length=200, blank=True)
    item = models.ForeignKey(
        "scrutiny.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="updates",
        verbose_name=_("agenda item"),
        help_text=_("The agenda item at which it was given, if at a meeting."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("What was said about the work in general.")
    )
    summary_cy = welsh_textarea(_("summary in Welsh"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="updates_recorded",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = LiveManager.from_queryset(ProgressUpdateQuerySet)()
    all_objects = models.Manager.from_queryset(ProgressUpdateQuerySet)()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-given_on", "-created_at"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            *SoftDeletable.constraints("progress_update"),
        ]

    def __str__(self) -> str:
        return gettext("%(kind)s by %(role)s, %(date)s") % {
            "kind": self.get_kind_display(),
            "role": self.given_by_role,
            "date": self.given_on,
        }

    def get_absolute_url(self) -> str:
        return pk_url("recommendations:update-detail", self.pk)

    @property
    def name(self) -> str:
        """How pages name it: "Written update of 25 May 2021"."""
        return gettext("%(kind)s of %(date)s") % {
            "kind": self.get_kind_display(),
            "date": formats.date_format(self.given_on),
        }

    @property
    def given_by(self) -> str:
        """Who gave it, as minutes say it: "Representative, LSCDG"."""
        who = self.given_by_role
        if self.given_by_name:
            who = f"{self.given_by_name}, {who}"
        body = self.organisation.short_name or self.organisation.name
        return f"{who} ({body})"


class LiveEntryManager(models.Manager):
    """Entries of deleted updates, and entries on deleted recommendations, are left out of
    every query and reverse relation, so that they never count towards a status or a
    last-heard date, nor show. ``all_objects`` reaches them too."""

    def get_queryset(self):
        return (
            super().get_queryset().filter(live_filter("update__"), live_filter("recommendation__"))
        )


class UpdateEntry(models.Model):
    """What one update said of one recommendation, optionally setting a new status.

    A slipped status needs a revised target date and a reason, a paused one a reason; a
    closing status (achieved, not achieved, superseded) needs the outcome, kept in
    ``reason``, and a meeting (clean). ``ENTRY_NEEDS`` states these once."""

    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("progress update"),
    )
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("recommendation"),
    )
    text = models.TextField(_("text"), help_text=_("What was reported on this recommendation."))
    text_cy = welsh_textarea(_("what was reported, in Welsh"))
    new_status = models.CharField(
        _("new status"), max_length=20, choices=Status.choices, blank=True
    )
    revised_target_date = models.DateField(_("revised target date"), null=True, blank=True)
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why it slipped or paused, or the outcome when it closes."),
    )

    objects = LiveEntryManager.from_queryset(models.QuerySet)()
    all_objects = models.Manager.from_queryset(models.QuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation__sort_key"]
        verbose_name = _("update entry")
        verbose_name_plural = _("update entries")
        constraints = [
            models.UniqueConstraint(
                fields=["update", "recommendation"], name="update_entry_once_per_update"
            ),
            *(_needs_rule(*need) for need in ENTRY_NEEDS),
        ]

    def __str__(self) -> str:
        return gettext("%(recommendation)s in %(update)s") % {
            "recommendation": self.recommendation,
            "update": self.update,
        }

    @property
    def recommendation_number(self) -> int:
        """The recommendation's number, as the rules' messages name it ("" before one is
        chosen: the form then says to choose one)."""
        if self.recommendation_id is None and not self._meta.get_field("recommendation").is_cached(
            self
        ):
            return ""
        return self.recommendation.reference

    def clean(self):
        """Only a meeting closes one: a closing status needs an update at an agenda item."""
        super().clean()
        has_update = self.update_id is not None or self._meta.get_field("update").is_cached(self)
        if self.new_status in Status.closing() and has_update and self.update.item_id is None:
            message = gettext(
                "Recommendation %(number)s: only a meeting can agree to close it; "
                "choose the agenda item above"
            )
            raise ValidationError(
                {"new_status": message % {"number": self.recommendation.reference}}
            )

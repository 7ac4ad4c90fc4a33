"""Recommendations and the executive response to each (their choices: ``choices``).

A recommendation's status is never stored on it: the status at any date is the one set by
its latest update on or before that date (``not started`` before any), which
``RecommendationQuerySet.with_status`` reads from the timeline kept from the updates
(``recommendations.models.timeline``).
"""

from __future__ import annotations

import datetime
from functools import partial

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower, NullIf, Trim
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from recommendations.models.choices import Audience, Response, Status
from recommendations.models.references import (
    REFERENCE_MAX_LENGTH,
    SORT_KEY_MAX_LENGTH,
    natural_sort_key,
)
from scrutiny.common.bilingual import welsh_char, welsh_textarea
from scrutiny.common.links import pk_url
from scrutiny.common.models import LiveManager, SoftDeletable, SoftDeletableQuerySet, Versioned
from scrutiny.common.rules import UniqueRule
from scrutiny.visibility import exempt_councils_of, published_filter

STALE_MONTHS = 6
# When the committee last heard of a recommendation: its last update, else the executive
# response, else the report (needs with_status).
_LAST_HEARD = Coalesce(
    F("last_update_on"), F("review__response_received_on"), F("review__report_agreed_on")
)


def _audiences_read(full_councils: set[int] | None) -> list[str]:
    """The timelines a reader needs: the full one where they see exempt items (``None``:
    everywhere), the public one elsewhere."""
    if full_councils is None:
        return [Audience.FULL]
    return [Audience.FULL, Audience.PUBLIC] if full_councils else [Audience.PUBLIC]


def _period_at(as_at: datetime.date | None, audience: str) -> FilteredRelation:
    """The one period of ``audience``'s timeline that holds ``as_at`` (None: the current
    one); periods never overlap, so the join adds at most one row per recommendation."""
    if as_at is None:
        when = Q(status_periods__ends_on__isnull=True)
    else:
        when = Q(status_periods__starts_on__lte=as_at) & (
            Q(status_periods__ends_on__gt=as_at) | Q(status_periods__ends_on__isnull=True)
        )
    return FilteredRelation("status_periods", condition=Q(status_periods__audience=audience) & when)


def _field_for_reader(periods: dict, full_councils: set[int] | None, field: str):
    """``field`` of the period the reader counts: the full timeline's for recommendations of
    the councils in ``full_councils`` (None: all), the public one's for the rest."""
    if len(periods) == 1:
        return F(f"{next(iter(periods.values()))}__{field}")
    return Case(
        When(
            review__committee__council_id__in=full_councils,
            then=F(f"{periods[Audience.FULL]}__{field}"),
        ),
        default=F(f"{periods[Audience.PUBLIC]}__{field}"),
    )


def _proposals(user):
    """The closure proposals ``user`` may see (None: all live ones)."""
    # Imported here, not at the top: the sign-off module imports this one.
    from recommendations.models.signoff import ClosureProposal

    proposals = ClosureProposal.objects.live()
    return proposals if user is None else proposals.visible_to(user)


def _open() -> Q:
    return ~Q(status__in=Status.closing())


def _overdue(today: datetime.date) -> Q:
    return _open() & Q(current_target_date__lt=today)


def _stale(today: datetime.date) -> Q:
    """Needs ``last_heard`` (``_LAST_HEARD``)."""
    return _open() & Q(last_heard__lt=today - relativedelta(months=STALE_MONTHS))


class RecommendationQuerySet(SoftDeletableQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """As Django's, each row's reference trimmed and its ``sort_key`` set first, as
        ``save()`` does (``bulk_create`` calls no ``save()``)."""
        objs = list(objs)
        for obj in objs:
            obj.set_sort_key()
        return super().bulk_create(objs, *args, **kwargs)

    def visible_to(self, user):
        return self.filter(published_filter(user, prefix="review__"))

    def managed_by(self, user):
        """Those ``user`` manages: their own council's, for democratic services; every
        one, for administrators; none for anyone else."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        if not user.is_democratic_services or user.organisation_id is None:
            return self.none()
        return self.filter(review__committee__council_id=user.organisation_id)

    def with_status(
        self,
        as_at: datetime.date | None = None,
        user=None,
        prefix: str = "",
        council_id: int | None = None,
    ):
        """Annotate each recommendation with its status as at ``as_at`` (default: now).

        Adds ``status``, ``status_since``, ``status_reason`` (why it slipped, or the outcome
        when closed), ``status_entry_id`` (the entry that set it), ``status_sign_off_id`` (or the
        committee's sign-off that set it), ``revised_target_date``,
        ``current_target_date`` and ``last_update_on``, each name after ``prefix`` (call
        twice with a prefix to compare two dates), and without a prefix ``council_id``, the
        council whose words show the status (``StatusWords``). Updates given at exempt items
        count only for a ``user`` who may see them: the reader's council decides which of the
        kept timelines (``StatusPeriod``) is read, one indexed join per audience. The
        ``council_id`` argument says every row is of that one council (the caller filters by
        it): then only the one timeline the reader counts there is joined, with no choice per
        row.
        """
        # No reader: every update counts.
        full_councils = None if user is None else exempt_councils_of(user)
        if council_id is not None and full_councils is not None:
            # Within the one council, the reader counts exempt updates everywhere or nowhere.
            full_councils = None if council_id in full_councils else set()
        queryset, periods = self, {}
        for audience in _audiences_read(full_councils):
            name = f"{prefix}{audience}_period"
            queryset = queryset.annotate(**{name: _period_at(as_at, audience)})
            periods[audience] = name
        pick = partial(_field_for_reader, periods, full_councils)
        revised = pick("revised_target_date")
        annotations = {
            "status": Coalesce(pick("status"), Value(Status.NOT_STARTED.value)),
            "status_since": pick("status_since"),
            "status_reason": pick("reason"),
            "status_entry_id": pick("entry_id"),
            "status_sign_off_id": pick("sign_off_id"),
            "revised_target_date": revised,
            "current_target_date": Coalesce(revised, F("target_date")),
            "last_update_on": pick("starts_on"),
        }
        if not prefix:
            # Whose words the status is shown in (StatusWords); the review is joined anyway.
            annotations["council_id"] = F("review__committee__council_id")
        return queryset.annotate(**{prefix + name: value for name, value in annotations.items()})

    def open(self):
        """Only on a queryset annotated by ``with_status``."""
        return self.filter(_open())

    def overdue(self, today: datetime.date | None = None):
        """Open recommendations past their (revised) target date. Needs ``with_status``."""
        return self.filter(_overdue(today or timezone.localdate()))

    def not_overdue(self, today: datetime.date | None = None):
        """Exactly those that ``overdue`` leaves out: closed, with no target date, or not yet
        past it. Needs ``with_status``."""
        return self.exclude(pk__in=self.overdue(today).values("pk"))

    def no_update_for(self, months: int, today: datetime.date | None = None):
        """Recommendations, open or closed, whose latest progress update was given more than
        ``months`` calendar months before ``today``, and those with no update at all.

        Counts only the updates ``with_status`` counted (the user's visible ones, through
        ``last_update_on``). An update given exactly ``months`` months ago is not older:
        on 15 July, with 6 months, one of 15 January is recent enough and one of 14 January
        is not. A month end counts back to the shorter month's last day (31 August less six
        months is 28 or 29 February). Needs ``with_status``."""
        cutoff = (today or timezone.localdate()) - relativedelta(months=months)
        return self.filter(Q(last_update_on__lt=cutoff) | Q(last_update_on__isnull=True))

    def stale(self, today: datetime.date | None = None):
        """Open recommendations with no update for six months: counted from the last update,
        or from the executive response (or report) when there has been none. Needs
        ``with_status``."""
        return self.alias(last_heard=_LAST_HEARD).filter(_stale(today or timezone.localdate()))

    def status_counts(self, today: datetime.date | None = None) -> dict[str, dict]:
        """For each status some recommendation stands at: how many (``n``), and how many of
        them are ``overdue`` and ``stale``, in one pass over them. Needs ``with_status``."""
        today = today or timezone.localdate()
        rows = (
            self.order_by()
            .alias(last_heard=_LAST_HEARD)
            .values("status")
            .annotate(
                n=Count("pk"),
                overdue=Count("pk", filter=_overdue(today)),
                stale=Count("pk", filter=_stale(today)),
            )
        )
        return {row["status"]: row for row in rows}

    def update_due(self, as_at: datetime.date | None = None):
        """Open recommendations whose next progress update is due by ``as_at``: their review's
        update interval has passed since the last update (or, before any, the executive
        response or the report). Needs ``with_status`` as at the same date."""
        as_at = as_at or timezone.localdate()
        # Imported here, not at the top: scrutiny.models imports this module.
        from scrutiny.models import Review

        intervals = (
            Review.objects.order_by().values_list("update_interval_months", flat=True).distinct()
        )
        due = Q(pk__in=[])
        for months in intervals:
            due |= Q(
                review__update_interval_months=months,
                last_heard__lte=as_at - relativedelta(months=months),
            )
        return self.open().alias(last_heard=_LAST_HEARD).filter(due)

    def with_proposal(self, user=None, as_at: datetime.date | None = None):
        """Annotate each with the closure waiting for the committee's sign-off as at
        ``as_at`` (default: now; else proposed in an update given by then, and not decided
        at a meeting or withdrawn by then) that ``user`` may see (None: any):
        ``proposal_id``, ``proposal_status``, ``proposal_evidence``, ``proposal_on`` (the
        date of the update that proposed it), ``proposal_by`` (role) and ``proposal_body``;
        and with the committee's latest decision on one (``decision_state``,
        ``decision_reason``, ``decision_on``), so that a declined one says why."""
        waiting = _proposals(user).filter(recommendation=OuterRef("pk"))
        if as_at is None:
            waiting = waiting.filter(state="proposed")
        else:
            waiting = waiting.filter(
                Q(entry__update__given_on__lte=as_at)
                & (
                    Q(state="proposed")
                    | Q(item__meeting__date__gt=as_at)
                    | Q(state="withdrawn", decided_at__date__gt=as_at)
                )
            )
        waiting = waiting.order_by("-proposed_at", "-pk")
        decided = _proposals(user).filter(
            recommendation=OuterRef("pk"), state__in=["signed_off", "declined"]
        )
        if as_at is not None:
            decided = decided.filter(item__meeting__date__lte=as_at)
        decided = decided.order_by("-item__meeting__date", "-decided_at", "-pk")

        def first(queryset, field):
            return Subquery(queryset.values(field)[:1])

        body = Coalesce(
            NullIf("entry__update__organisation__short_name", Value("")),
            "entry__update__organisation__name",
        )
        return self.annotate(
            proposal_id=first(waiting, "pk"),
            proposal_status=first(waiting, "status"),
            proposal_evidence=first(waiting, "evidence"),
            proposal_on=first(waiting, "entry__update__given_on"),
            proposal_by=first(waiting, "entry__update__given_by_role"),
            proposal_body=first(waiting.annotate(body=body), "body"),
            decision_state=first(decided, "state"),
            decision_reason=first(decided, "decline_reason"),
            decision_on=first(decided, "item__meeting__date"),
        )

    def proposed_for_sign_off(self, user=None):
        """Those with a closure waiting for the committee's sign-off that ``user`` may see
        (None: any)."""
        return self.filter(
            Exists(_proposals(user).filter(recommendation=OuterRef("pk"), state="proposed"))
        )

    def carried_by(self, organisation_id: int):
        return self.filter(responsible_bodies__id=organisation_id)


class Recommendation(SoftDeletable, Versioned):
    """One recommendation of a review, with the executive response to it.

    Its reference is whatever the report uses ("7", "R10", "3a", "OSC (24/25) 07"), unique
    within the review ignoring case and surrounding spaces, and sorted naturally (R2 before
    R10, 3 before 3a before 4) by ``sort_key``, which ``save()`` derives from it.
    """

    review = models.ForeignKey(
        "scrutiny.Review",
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("review"),
    )
    reference = models.CharField(
        _("reference"),
        max_length=REFERENCE_MAX_LENGTH,
        help_text=_('As the report gives it, for example 7, R10, 3a or "OSC (24/25) 07".'),
    )
    sort_key = models.CharField(
        _("sort key"), max_length=SORT_KEY_MAX_LENGTH, editable=False, default=""
    )
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_(
            'A short heading, for example "Quality of care and improving retention rates".'
        ),
    )
    title_cy = welsh_char(_("short heading in Welsh"), max_length=300)
    text = models.TextField(_("text"), help_text=_("The recommendation as the report words it."))
    text_cy = welsh_textarea(_("recommendation in Welsh"))
    response = models.CharField(
        _("executive response"),
        max_length=20,
        choices=Response.choices,
        default=Response.AWAITING,
    )
    response_text = models.TextField(
        _("response and reasons"),
        blank=True,
        help_text=_("The executive's answer: its reasons and the actions it commits to."),
    )
    lead_officer = models.CharField(
        _("lead officer"),
        max_length=200,
        blank=True,
        help_text=_("The officer who leads on it, by role."),
    )
    responsible_bodies = models.ManyToManyField(
        "partnerships.Organisation",
        blank=True,
        related_name="recommendations",
        verbose_name=_("responsible bodies"),
        help_text=_("The bodies that carry it, including partners and other councils."),
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    # Where a council's tracker records them; blank: as the review (its committee and the
    # date the report was agreed).
    agreed_by = models.ForeignKey(
        "scrutiny.Committee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreed by"),
        help_text=_("The committee that agreed it, if not the review's committee."),
    )
    agreed_on = models.DateField(
        _("agreed on"),
        null=True,
        blank=True,
        help_text=_("The date it was agreed, if not the date the report was agreed."),
    )
    # The minute of the meeting that agreed it ("Minute 45", "OSC/23/7"), as a tracker gives it.
    minute = models.CharField(_("minute number"), max_length=50, blank=True)
    directorate = models.CharField(_("directorate or service area"), max_length=200, blank=True)
    decision_maker = models.CharField(
        _("decision-maker"),
        max_length=200,
        blank=True,
        help_text=_("The Cabinet member or portfolio who decides on it."),
    )
    expected_outcome = models.TextField(_("expected outcome"), blank=True)

    objects = LiveManager.from_queryset(RecommendationQuerySet)()
    all_objects = models.Manager.from_queryset(RecommendationQuerySet)()
    # The sort key is the reference's, derived: the history keeps the reference.
    history = HistoricalRecords(
        excluded_fields=["version", "sort_key"], m2m_fields=[responsible_bodies]
    )

    class Meta:
        ordering = ["review", "sort_key", "reference"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            # Deleted ones included: a deleted recommendation's reference stays taken, so
            # that restoring it never clashes. "r1 " is "R1".
            UniqueRule(
                Lower(Trim("reference")),
                "review",
                name="recommendation_unique_reference_any_case",
                field="reference",
                violation_error_message=_(
                    "This review already has a recommendation %(reference)s: give another reference"
                ),
            ),
            *SoftDeletable.constraints("recommendation"),
        ]
        indexes = [
            models.Index(fields=["review", "sort_key"], name="recommendation_order"),
            # Search finds a recommendation by its reference, in any review.
            models.Index(fields=["sort_key"], name="recommendation_reference"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}. {self.heading}"

    def clean(self) -> None:
        """The committee that agreed it is one of the review's council's."""
        super().clean()
        self.reference = (self.reference or "").strip()
        if self.agreed_by_id and self.review_id:
            council_id = self.review.committee.council_id
            if self.agreed_by.council_id != council_id:
                raise ValidationError(
                    {"agreed_by": _("Choose one of the council's own committees")}
                )

    def set_sort_key(self) -> None:
        """Trim the reference and derive ``sort_key`` from it: the one place both are set,
        by ``save()`` and by ``RecommendationQuerySet.bulk_create``."""
        self.reference = str(self.reference).strip()
        self.sort_key = natural_sort_key(self.reference)

    def save(self, *args, **kwargs) -> None:
        self.set_sort_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "reference" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)

    @property
    def agreed_by_committee(self):
        """The committee that agreed it: its own, else the review's."""
        return self.agreed_by or self.review.committee

    @property
    def agreed_date(self) -> datetime.date | None:
        """When it was agreed: its own date, else the date the review's report was agreed."""
        return self.agreed_on or self.review.report_agreed_on

    def get_absolute_url(self) -> str:
        return pk_url("recommendations:recommendation-detail", self.pk)

    def next_update_due(self) -> datetime.date | None:
        """When the next progress update falls due (needs ``with_status``): the first day
        that is the review's interval after the last one, as ``update_due`` counts it (a
        month end rolls into the next month: 31 August + 6 months is 1 March)."""
        review = self.review
        last = self.last_update_on or review.response_received_on or review.report_agreed_on
        if last is None:
            return None
        interval = relativedelta(months=review.update_interval_months)
        due = last + interval
        while due - interval < last:
            due += datetime.timedelta(days=1)
        return due

    @property
    def heading(self) -> str:
        """The short heading, or the start of the text where there is none."""
        if self.title:
            return self.title
        return _shortened(self.text)

    @property
    def heading_cy(self) -> str:
        """The heading in Welsh, for ``{% localised rec "heading" %}``: the Welsh short
        heading; with no English short heading either, the start of the Welsh text; else
        nothing (the English heading is shown, with the note that it is English)."""
        if self.title_cy:
            return self.title_cy
        if self.title:
            return ""
        return _shortened(self.text_cy)


def _shortened(text: str) -> str:
    """``text`` as a heading: up to 90 characters, else its start and an ellipsis."""
    return text if len(text) <= 90 else text[:87].rstrip() + "…"

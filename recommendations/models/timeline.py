"""A recommendation's status kept as a timeline: written on every change, read by every page.

The entries stay the source of truth; ``StatusPeriod`` rows are what they say, kept as data
so that ``RecommendationQuerySet.with_status`` reads one indexed period instead of scanning
the entries. ``recommendations.services.timeline_rebuild``
writes them from the entries, in the same transaction as each change that moves them.

Each recommendation has one timeline per audience (``Audience``). A period starts on each
date an update the audience may see spoke of the recommendation and holds the state after
that date's updates, to the next such date (``ends_on``, exclusive; null for the current
one). So the period that holds a date gives the status as at that date, what set it, the
revised target date, and the last update on or before it (``starts_on``). Before its first
period, or with none, a recommendation is not started.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from recommendations.models.recommendations import Audience, Recommendation, Status
from recommendations.models.signoff import ClosureProposal, ProposalState
from recommendations.models.updates import UpdateEntry


class StatusPeriod(models.Model):
    """From ``starts_on`` to ``ends_on`` (exclusive; null: still), what ``audience`` sees of
    a recommendation: its status, since when and why, and its revised target date. Derived
    from the entries by ``timeline_rebuild``: never edited by hand."""

    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="status_periods",
        verbose_name=_("recommendation"),
    )
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    entry = models.ForeignKey(
        UpdateEntry,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entry that set the status"),
    )
    sign_off = models.ForeignKey(
        ClosureProposal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sign-off that set the status"),
    )
    status_since = models.DateField(_("status since"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    revised_target_date = models.DateField(_("revised target date"), null=True, blank=True)

    class Meta:
        ordering = ["recommendation", "audience", "starts_on"]
        verbose_name = _("status period")
        verbose_name_plural = _("status periods")
        constraints = [
            # Also the index for "as at a date": recommendation, audience, then a range.
            models.UniqueConstraint(
                fields=["recommendation", "audience", "starts_on"],
                name="status_period_one_per_start",
            ),
            models.UniqueConstraint(
                fields=["recommendation", "audience"],
                condition=Q(ends_on__isnull=True),
                name="status_period_one_current",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="status_period_ends_after_start",
            ),
        ]
        indexes = [
            # The current status and last update of every recommendation, by audience.
            models.Index(
                fields=["audience", "status"],
                condition=Q(ends_on__isnull=True),
                name="status_period_current_status",
            ),
            models.Index(
                fields=["audience", "starts_on"],
                condition=Q(ends_on__isnull=True),
                name="status_period_current_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.audience} {self.starts_on}: {self.status}"


@dataclass(frozen=True)
class _Entry:
    pk: int
    recommendation_id: int
    given_on: datetime.date
    public: bool
    new_status: str
    revised_target_date: datetime.date | None
    reason: str
    # The order within a date: when it was recorded, entries before sign-offs, then id.
    created_at: datetime.datetime | None = None
    sign_off: bool = False

    def order(self) -> tuple:
        return (self.recommendation_id, self.given_on, self.created_at, self.sign_off, self.pk)


def _timeline(entries: list[_Entry], audience: str, period_model) -> list:
    """One recommendation's periods for ``audience`` from its entries in the order
    ``with_status`` reads them (given on, update created, entry id): the last to set a status
    (or a revised target date) by the end of a date is the one that counts then."""
    periods = []
    status, entry_id, since, reason, revised = Status.NOT_STARTED.value, None, None, "", None
    sign_off_id = None
    for given_on, group in groupby(entries, key=lambda e: e.given_on):
        for e in group:
            if e.new_status:
                status, since, reason = e.new_status, given_on, e.reason
                entry_id, sign_off_id = (None, e.pk) if e.sign_off else (e.pk, None)
            if e.revised_target_date is not None:
                revised = e.revised_target_date
        if periods:
            periods[-1].ends_on = given_on
        periods.append(
            period_model(
                recommendation_id=e.recommendation_id,
                audience=audience,
                starts_on=given_on,
                ends_on=None,
                status=status,
                entry_id=entry_id,
                sign_off_id=sign_off_id,
                status_since=since,
                reason=reason,
                revised_target_date=revised,
            )
        )
    return periods


def _sign_offs(recommendation_ids, sign_off_model) -> list[_Entry]:
    """The live signed-off proposals of ``recommendation_ids`` as entries."""
    if sign_off_model is None:
        return []
    rows = sign_off_model._base_manager.filter(
        recommendation_id__in=recommendation_ids,
        state=ProposalState.SIGNED_OFF,
        entry__update__deleted_at__isnull=True,
        recommendation__deleted_at__isnull=True,
    ).values_list(
        "pk",
        "recommendation_id",
        "item__meeting__date",
        "item__exempt",
        "entry__update__item__exempt",
        "status",
        "evidence",
        "decided_at",
    )
    return [
        _Entry(pk, rec, on, not (exempt or bool(proposed_exempt)), status, None, evidence, at, True)
        for pk, rec, on, exempt, proposed_exempt, status, evidence, at in rows
    ]


def timeline_periods(
    recommendation_ids,
    *,
    entry_model=UpdateEntry,
    period_model=StatusPeriod,
    sign_off_model=ClosureProposal,
):
    """The periods of each of ``recommendation_ids`` for every audience, unsaved, read from
    the live entries (neither the update nor the recommendation deleted) and the sign-offs.
    The models are parameters so that a migration can pass its historical ones (None for
    ``sign_off_model`` before sign-offs existed)."""
    rows = (
        entry_model._base_manager.filter(
            recommendation_id__in=recommendation_ids,
            update__deleted_at__isnull=True,
            recommendation__deleted_at__isnull=True,
        )
        .order_by("recommendation_id", "update__given_on", "update__created_at", "pk")
        .values_list(
            "pk",
            "recommendation_id",
            "update__given_on",
            "update__item__exempt",
            "new_status",
            "revised_target_date",
            "reason",
            "update__created_at",
        )
    )
    entries = [
        _Entry(pk, rec, given_on, not exempt, status, revised, reason, created)
        for pk, rec, given_on, exempt, status, revised, reason, created in rows
    ]
    sign_offs = _sign_offs(recommendation_ids, sign_off_model)
    if sign_offs:
        entries = sorted(entries + sign_offs, key=_Entry.order)
    periods = []
    for _rec, group in groupby(entries, key=lambda e: e.recommendation_id):
        everything = list(group)
        periods += _timeline(everything, Audience.FULL.value, period_model)
        public = [e for e in everything if e.public]
        periods += _timeline(public, Audience.PUBLIC.value, period_model)
    return periods

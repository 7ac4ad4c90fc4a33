"""Closure proposed for sign-off: an officer or partner reporting progress says "we consider
this achieved" (or not achieved, or superseded) with evidence; only the committee, at a
meeting, signs it off (agrees the closing status) or declines it with a reason.

A proposal is made in a progress update's entry, so it is as public as that update: one
made in an update given at an exempt item is seen only by those who see the item. While a
proposal waits, the recommendation stays open and is "proposed for sign-off" (a state to
filter by, not a status). A signed-off proposal sets the closing status as at the meeting's
date in the status timeline (``recommendations.models.timeline``), with the evidence as
its outcome: the committee's decision, with no second update and no presenter.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from recommendations.models.recommendations import Recommendation, Status
from recommendations.models.updates import UpdateEntry
from scrutiny.common.rules import CheckRule
from scrutiny.visibility import exempt_filter, live_filter, published_filter

PROPOSAL_NEEDS_EVIDENCE = _("Recommendation %(number)s: give the evidence that it can be closed")
DECLINE_NEEDS_REASON = _(
    "Recommendation %(number)s: give the reason the committee declined to sign it off"
)


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed for sign-off")
    SIGNED_OFF = "signed_off", _("Signed off")
    DECLINED = "declined", _("Sign-off declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ClosureProposalQuerySet(models.QuerySet):
    def live(self):
        """Leave out proposals made in a deleted update or on a deleted recommendation."""
        return self.filter(live_filter("entry__update__"), live_filter("recommendation__"))

    def visible_to(self, user):
        """Those ``user`` may read: live, on a published review they see, made in an update
        they may see (not at an exempt item of another council), and decided (if decided)
        at an item they may see."""
        council = "recommendation__review__committee__council_id"
        return self.live().filter(
            published_filter(user, prefix="recommendation__review__"),
            exempt_filter(user, council, "entry__update__item__exempt"),
            exempt_filter(user, council, "item__exempt"),
        )

    def waiting(self):
        return self.filter(state=ProposalState.PROPOSED)


class ClosureProposal(models.Model):
    """A proposal, made in an update's entry, that the committee close a recommendation
    with ``status``; decided at one agenda item of a meeting (signed off or declined, then
    with a reason), or withdrawn. At most one waits per recommendation."""

    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        related_name="closure_proposals",
        verbose_name=_("recommendation"),
    )
    entry = models.ForeignKey(
        UpdateEntry,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("update entry"),
        help_text=_("The entry of the progress update that proposed it."),
    )
    status = models.CharField(_("proposed status"), max_length=20, choices=Status.choices)
    evidence = models.TextField(_("evidence"), help_text=_("Why it can be closed."))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=20, choices=ProposalState.choices, default=ProposalState.PROPOSED
    )
    item = models.ForeignKey(
        "scrutiny.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closure_decisions",
        verbose_name=_("decided at agenda item"),
    )
    decline_reason = models.TextField(_("reason declined"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided or withdrawn by"),
    )
    decided_at = models.DateTimeField(_("decided or withdrawn at"), null=True, blank=True)

    objects = ClosureProposalQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("closure proposal")
        verbose_name_plural = _("closure proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation"],
                condition=Q(state="proposed"),
                name="closure_proposal_one_waiting",
                violation_error_message=_("This recommendation is already proposed for sign-off."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.closing()),
                name="closure_proposal_closing_status",
            ),
            CheckRule(
                condition=~Q(evidence=""),
                name="closure_proposal_needs_evidence",
                field="evidence",
                violation_error_message=PROPOSAL_NEEDS_EVIDENCE,
                words={"number": "recommendation_number"},
            ),
            CheckRule(
                condition=~Q(state="declined") | ~Q(decline_reason=""),
                name="closure_proposal_decline_needs_reason",
                field="decline_reason",
                violation_error_message=DECLINE_NEEDS_REASON,
                words={"number": "recommendation_number"},
            ),
            # Signed off or declined only by a meeting, at one of its items.
            models.CheckConstraint(
                condition=Q(state__in=["signed_off", "declined"], item__isnull=False)
                | (~Q(state__in=["signed_off", "declined"]) & Q(item__isnull=True)),
                name="closure_proposal_decided_at_item",
            ),
        ]

    def __str__(self) -> str:
        status, state = self.get_status_display(), self.get_state_display()
        return f"{self.recommendation_number}: {status} ({state})"

    @property
    def recommendation_number(self):
        return self.recommendation.reference

    @property
    def waiting(self) -> bool:
        return self.state == ProposalState.PROPOSED

"""The committee's decision on closures proposed for sign-off, recorded at a meeting's
agenda item: signed off (the closing status agreed as at the meeting's date) or declined
with a reason. No update and no presenter is made up for it: the timeline reads the
sign-off itself (``recommendations.models.timeline``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from partnerships.models import User
from recommendations.models import DECLINE_NEEDS_REASON, ClosureProposal, ProposalState
from recommendations.permissions import can_sign_off
from recommendations.services import change_reason, timeline_rebuild
from scrutiny.models import AgendaItem


@dataclass(frozen=True)
class SignOffRecord:
    """The committee's decision on one proposal: signed off, or declined with a reason."""

    proposal: ClosureProposal
    signed_off: bool
    reason: str = ""


def proposals_decide(
    *,
    item: AgendaItem,
    actor: User,
    decisions: Sequence[SignOffRecord],
    fail: Callable[[str], None],
) -> list[ClosureProposal]:
    """Record the committee's decisions at ``item``, in the caller's transaction; each
    broken rule goes to ``fail`` (and the caller rolls everything back).

    Rules: democratic services of the recommendation's council (and admins) record it; the
    proposal still waits (locked, so that two people recording cannot both decide it), was
    made by the meeting's date, and is on a recommendation of a review the item reports
    on (its main review or one it also reports on); a decline needs a reason.
    The timeline of each signed-off recommendation is rebuilt here, in the same
    transaction.
    """
    if not decisions:
        return []
    current = {
        p.pk: p
        for p in ClosureProposal.objects.live()
        .select_for_update(of=("self",))
        .select_related("recommendation__review__committee", "entry__update")
        .filter(pk__in=[d.proposal.pk for d in decisions])
    }
    done = []
    now = timezone.now()
    for decision in decisions:
        proposal = current.get(decision.proposal.pk)
        number = {"number": decision.proposal.recommendation.reference, "item": item.number}
        if proposal is None or proposal.recommendation.review_id not in item.review_ids:
            fail(
                gettext(
                    "Item %(item)s: recommendation %(number)s is not proposed for sign-off "
                    "under this item"
                )
                % number
            )
            continue
        if not can_sign_off(actor, proposal.recommendation):
            fail(gettext("Only the council's democratic services can record a sign-off."))
            continue
        if proposal.state != ProposalState.PROPOSED:
            fail(
                gettext(
                    "Item %(item)s: recommendation %(number)s is no longer waiting for "
                    "sign-off (someone else decided it, or it was withdrawn)"
                )
                % number
            )
            continue
        if proposal.entry.update.given_on > item.meeting.date:
            fail(
                gettext(
                    "Item %(item)s: recommendation %(number)s was proposed for sign-off after "
                    "this meeting, so the meeting cannot have decided it"
                )
                % number
            )
            continue
        reason = decision.reason.strip()
        if not decision.signed_off and not reason:
            fail(
                gettext("Item %(item)s, %(message)s")
                % {"item": item.number, "message": _lower(DECLINE_NEEDS_REASON % number)}
            )
            continue
        proposal.state = ProposalState.SIGNED_OFF if decision.signed_off else ProposalState.DECLINED
        proposal.item = item
        proposal.decline_reason = "" if decision.signed_off else reason
        proposal.decided_by, proposal.decided_at = actor, now
        try:
            proposal.full_clean(exclude=["recommendation", "entry", "item"])
        except ValidationError as error:
            for message in error.messages:
                fail(message)
            continue
        proposal._history_user = actor
        proposal._change_reason = change_reason(
            f"Signed off at item {item.number}"
            if decision.signed_off
            else f"Declined at item {item.number}: {reason}"
        )
        proposal.save()
        done.append(proposal)
    timeline_rebuild(
        recommendations=[p.recommendation_id for p in done if p.state == ProposalState.SIGNED_OFF]
    )
    return done


def _lower(message: str) -> str:
    return f"{message[:1].lower()}{message[1:]}"

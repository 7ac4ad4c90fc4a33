"""The world's closures proposed for the committee's sign-off (``tests.support.world``)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from recommendations.models import ClosureProposal, ProposalState, Status
from tests.factories import ProgressUpdateFactory, UpdateEntryFactory


def world_proposals(w: dict) -> dict[str, ClosureProposal]:
    """Closures proposed for sign-off: one waiting (proposed between meetings, before
    meeting A), one proposed at the exempt item, and one council B's committee declined and
    one proposed again."""
    from tests.support.world import EXEMPT_MARK  # imported here: the world imports this

    update = ProgressUpdateFactory(
        given_on=w["meeting_a"].date - datetime.timedelta(days=10),
        organisation=w["council_a"],
        given_by_role="Director of Adult Social Care",
        recorded_by=w["officer"],
    )
    waiting = ClosureProposal.objects.create(
        recommendation=w["rec_a2"],
        entry=UpdateEntryFactory(update=update, recommendation=w["rec_a2"], text="Done."),
        status=Status.ACHIEVED,
        evidence="Three cooperatives are trading.",
        proposed_by=w["officer"],
    )
    exempt = ClosureProposal.objects.create(
        recommendation=w["rec_a1"],
        entry=w["exempt_update_a"].entries.get(),
        status=Status.SUPERSEDED,
        evidence=f"The contract replaces it {EXEMPT_MARK}.",
        proposed_by=w["democratic"],
    )
    declined = ClosureProposal.objects.create(
        recommendation=w["rec_b"],
        entry=w["update_b"].entries.get(),
        status=Status.ACHIEVED,
        evidence="The unit is set up.",
        proposed_by=w["democratic_b"],
        state=ProposalState.DECLINED,
        item=w["item_b"],
        decline_reason="Members want a year of figures first.",
        decided_by=w["democratic_b"],
        decided_at=timezone.now(),
    )
    again = ClosureProposal.objects.create(
        recommendation=w["rec_b"],
        entry=w["update_b"].entries.get(),
        status=Status.ACHIEVED,
        evidence="A year of figures.",
        proposed_by=w["democratic_b"],
    )
    return {
        "proposal_b": again,
        "proposal_a": waiting,
        "exempt_proposal_a": exempt,
        "declined_proposal_b": declined,
    }

"""Withdrawing a closure proposed for the committee's sign-off.

Reading follows ``visible_to`` (a proposal the user may not see is a 404); withdrawing
follows ``recommendations.permissions.can_withdraw_proposal`` (anonymous visitors are sent
to sign in, anyone else but the proposer and democratic services gets a 403).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from recommendations import permissions, services
from recommendations.models import ClosureProposal
from scrutiny.common.pages import refuse


@require_POST
@login_required
def proposal_withdraw(request, pk: int):
    """Withdraw a proposal still waiting for sign-off; back to its recommendation."""
    user = request.user
    proposal = get_object_or_404(
        ClosureProposal.objects.visible_to(user).select_related(
            "recommendation__review__committee"
        ),
        pk=pk,
    )
    if not permissions.can_withdraw_proposal(user, proposal):
        refuse(user, gettext("Only the proposer or democratic services can withdraw it."))
    try:
        services.proposal_withdraw(proposal=proposal, actor=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            gettext("Proposal for sign-off withdrawn on recommendation %(number)s")
            % {"number": proposal.recommendation.reference},
        )
    return redirect(proposal.recommendation)

"""Saving a council's switches for the daily chase."""

from __future__ import annotations

from django.db import transaction

from partnerships.models import User
from scrutiny.models import CouncilChasing
from scrutiny.permissions import can_edit_chasing


def council_chasing_save(*, actor: User, chasing: CouncilChasing) -> CouncilChasing:
    """Save ``chasing`` (its switches as chosen) for its council."""
    if not can_edit_chasing(actor, chasing.council_id):
        raise PermissionError("Only the council's democratic services choose its reminders.")
    with transaction.atomic():
        chasing.full_clean()
        chasing.save()
    return chasing

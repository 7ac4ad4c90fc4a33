"""A council's own settings, and what follows from them across its reviews."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from simple_history.utils import bulk_update_with_history

from partnerships.models import Organisation, ResponseClock, User
from scrutiny.models import Review
from scrutiny.permissions import can_manage_council


@transaction.atomic
def council_clock_set(*, council: Organisation, clock: ResponseClock, actor: User) -> int:
    """Set how long ``council``'s executive has to respond to a report, and move the due
    date of each of its reviews' responses to match (received or not: a late response is
    late by the council's clock). Returns how many reviews' due dates moved."""
    if not can_manage_council(actor, council.pk):
        raise PermissionDenied
    council.response_clock = clock
    council.full_clean()
    council.save()
    reviews = list(
        Review.objects.filter(
            committee__council=council, report_agreed_on__isnull=False
        ).select_related("committee__council")
    )
    moved = []
    for review in reviews:
        review.committee.council = council
        due = review.response_due_after(review.report_agreed_on)
        if due != review.response_due_on:
            review.response_due_on = due
            moved.append(review)
    bulk_update_with_history(
        moved,
        Review,
        ["response_due_on"],
        default_user=actor,
        default_change_reason="The council's time to respond changed",
    )
    return len(moved)

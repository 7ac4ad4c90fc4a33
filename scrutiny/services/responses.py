"""When the executive response to a review was received, recorded as responses are entered."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from partnerships.models import User
from scrutiny.models import Review


def review_response_received_check(*, review: Review, received_on: datetime.date) -> list[str]:
    """What is wrong with ``received_on`` as the day ``review``'s response was received, in
    the review's own rules' words (none: it may be recorded)."""
    trial = Review.objects.select_related("committee__council").get(pk=review.pk)
    trial.response_received_on = received_on
    try:
        trial.full_clean()
    except ValidationError as error:
        return error.message_dict.get("response_received_on", [])
    return []


@transaction.atomic
def review_response_received(*, review: Review, received_on: datetime.date, actor: User) -> bool:
    """Record that ``review``'s executive response was received on ``received_on``, unless
    a date is already recorded (the first response entered sets it: the date is asked once
    for the whole batch). Returns whether it was recorded now."""
    current = Review.objects.select_for_update().select_related("committee__council")
    current = current.get(pk=review.pk)
    if current.response_received_on is not None:
        return False
    current.response_received_on = received_on
    current.full_clean()
    current._history_user = actor
    current.version += 1
    current.save()
    return True

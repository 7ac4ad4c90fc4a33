"""Closing a recommendation and changing its status: only a meeting closes it, a slipped
one has its revised date and reason, a closed one its outcome."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from recommendations.models import Status, UpdateEntry
from tests.factories import (
    AgendaItemFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    UpdateEntryFactory,
)
from tests.rules.helpers import admin_change, full_clean_errors, refused

pytestmark = pytest.mark.django_db


def test_closing_a_recommendation_outside_a_meeting_is_refused(admin_client):
    recommendation = RecommendationFactory(reference=5)
    between_meetings = ProgressUpdateFactory(item=None)
    entry = UpdateEntryFactory(update=between_meetings, recommendation=recommendation)
    message = "Recommendation 5: only a meeting can agree to close it; choose the agenda item above"
    response = admin_change(admin_client, entry, new_status=Status.ACHIEVED, reason="Delivered.")
    assert refused(response, message)
    entry.new_status, entry.reason = Status.ACHIEVED, "Delivered."
    assert full_clean_errors(entry) == {"new_status": [message]}

    at_a_meeting = ProgressUpdateFactory(item=AgendaItemFactory())
    entry = UpdateEntryFactory(update=at_a_meeting, recommendation=recommendation)
    response = admin_change(admin_client, entry, new_status=Status.ACHIEVED, reason="Delivered.")
    assert response.status_code == 302
    assert UpdateEntry.objects.get(pk=entry.pk).new_status == Status.ACHIEVED


@pytest.mark.parametrize(
    "changes, field, message",
    [
        (
            {"new_status": Status.SLIPPED, "reason": "Staff shortages"},
            "revised_target_date",
            "Recommendation 5: enter the revised target date when it has slipped",
        ),
        (
            {"new_status": Status.SLIPPED, "revised_target_date": datetime.date(2023, 3, 31)},
            "reason",
            "Recommendation 5: give the reason it slipped",
        ),
        (
            {"new_status": Status.NOT_ACHIEVED},
            "reason",
            "Recommendation 5: give the outcome when you close it",
        ),
    ],
)
def test_a_slipped_or_closing_status_without_its_date_reason_or_outcome_is_refused(
    admin_client, changes, field, message
):
    at_a_meeting = ProgressUpdateFactory(item=AgendaItemFactory())
    entry = UpdateEntryFactory(
        update=at_a_meeting, recommendation=RecommendationFactory(reference=5)
    )
    posted = {"revised_target_date": None, "reason": "", **changes}
    assert refused(admin_change(admin_client, entry, **posted), message)
    for name, value in posted.items():
        setattr(entry, name, value)
    assert full_clean_errors(entry) == {field: [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        UpdateEntry.objects.filter(pk=entry.pk).update(**posted)

    good = {**posted, "revised_target_date": datetime.date(2023, 3, 31), "reason": "Given."}
    assert admin_change(admin_client, entry, **good).status_code == 302
    assert UpdateEntry.objects.get(pk=entry.pk).new_status == changes["new_status"]

"""Names that must be unique are unique ignoring case: a committee's name in its council, a
review's title in its committee, a decision's minute number for its decision maker."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from scrutiny.models import Committee, ExecutiveDecision, Review
from tests.factories import CommitteeFactory, ExecutiveDecisionFactory, ReviewFactory
from tests.rules.helpers import admin_change, full_clean_errors, refused

pytestmark = pytest.mark.django_db


def test_a_committee_name_differing_only_in_case_is_refused(admin_client):
    first = CommitteeFactory(name="Children and Young People Scrutiny Committee")
    second = CommitteeFactory(council=first.council, name="Another committee")
    message = f"{first.council} already has a committee called “{first.name.upper()}”"

    response = admin_change(admin_client, second, name=first.name.upper())
    assert refused(response, message)
    second.name = first.name.upper()
    assert full_clean_errors(second) == {"name": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        Committee.objects.filter(pk=second.pk).update(name=first.name.lower())

    assert admin_change(admin_client, second, name="A new name").status_code == 302
    second.refresh_from_db()
    assert second.name == "A new name"
    # Another council's committee may share the name.
    CommitteeFactory(name=first.name.upper()).full_clean()


def test_a_review_title_differing_only_in_case_is_refused(admin_client):
    workforce = ReviewFactory(title="Workforce")
    other = ReviewFactory(committee=workforce.committee, title="Care homes")
    message = f"{workforce.committee} already has a review called “workforce”"

    assert refused(admin_change(admin_client, other, title="workforce"), message)
    other.title = "workforce"
    assert full_clean_errors(other) == {"title": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=other.pk).update(title="WORKFORCE")

    assert admin_change(admin_client, other, title="Workforce planning").status_code == 302
    assert Review.objects.get(pk=other.pk).title == "Workforce planning"
    ReviewFactory(title="workforce").full_clean()  # another committee's


def test_a_decision_minute_differing_only_in_case_is_refused(admin_client):
    c129 = ExecutiveDecisionFactory(minute_number="C129")
    other = ExecutiveDecisionFactory(decided_by=c129.decided_by, minute_number="C130")
    message = f"{c129.decided_by} already has a decision with minute c129"

    assert refused(admin_change(admin_client, other, minute_number="c129"), message)
    other.minute_number = "c129"
    assert full_clean_errors(other) == {"minute_number": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        ExecutiveDecision.objects.filter(pk=other.pk).update(minute_number="c129")

    assert admin_change(admin_client, other, minute_number="C131").status_code == 302
    assert ExecutiveDecision.objects.get(pk=other.pk).minute_number == "C131"

"""Executive decisions: the agenda item a decision was referred to (the scrutiny
committee's, on or after the decision), and its resolutions and reasons (at least one
resolution, each number once, numbers from 1, each with its text)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from scrutiny.models import DecisionPoint, ExecutiveDecision, decision_points_errors
from scrutiny.services import PointInput, decision_save
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DecisionPointFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    UserFactory,
)
from tests.rules.helpers import admin_change, full_clean_errors, refused

pytestmark = pytest.mark.django_db


# --- Which agenda item a decision was referred to --------------------------------------------


def test_a_decision_referred_to_another_committees_item_or_an_earlier_one_is_refused(
    admin_client,
):
    decision = ExecutiveDecisionFactory(minute_number="C200", decided_on=datetime.date(2022, 3, 1))
    scrutiny = CommitteeFactory(council=decision.decided_by.council, name="Corporate Scrutiny")
    other = CommitteeFactory(council=scrutiny.council, name="Place Scrutiny")
    elsewhere = AgendaItemFactory(
        meeting=MeetingFactory(committee=other, date=datetime.date(2022, 4, 1))
    )
    earlier = AgendaItemFactory(
        meeting=MeetingFactory(committee=scrutiny, date=datetime.date(2022, 2, 1))
    )
    later = AgendaItemFactory(
        meeting=MeetingFactory(committee=scrutiny, date=datetime.date(2022, 4, 1))
    )
    for item, message in (
        (elsewhere, "Choose an agenda item of Corporate Scrutiny"),
        (earlier, "Choose an item at a meeting on or after the date of the decision"),
    ):
        response = admin_change(
            admin_client, decision, referred_to=scrutiny.pk, referred_to_item=item.pk
        )
        assert refused(response, message)
        decision.referred_to, decision.referred_to_item = scrutiny, item
        assert full_clean_errors(decision) == {"referred_to_item": [message]}

    response = admin_change(
        admin_client, decision, referred_to=scrutiny.pk, referred_to_item=later.pk
    )
    assert response.status_code == 302
    assert ExecutiveDecision.objects.get(pk=decision.pk).referred_to_item == later


# --- A decision's resolutions and reasons -----------------------------------------------------


def test_a_point_number_used_twice_below_one_or_a_point_without_text_is_refused(admin_client):
    first = DecisionPointFactory(number=1)
    point = DecisionPointFactory(decision=first.decision, number=2)
    for changes, field, message in (
        (
            {"number": 1},
            "number",
            "Resolution (1) is used more than once: give each a different number",
        ),
        ({"number": 0}, "number", "Numbers start at 1"),
        ({"text": ""}, "text", "Enter the text of resolution (2)"),
    ):
        assert refused(admin_change(admin_client, point, **changes), message)
        candidate = DecisionPoint.objects.get(pk=point.pk)
        for name, value in changes.items():
            setattr(candidate, name, value)
        assert full_clean_errors(candidate) == {field: [message]}
    for bad in ({"number": 0}, {"text": ""}):
        with pytest.raises(IntegrityError), transaction.atomic():
            DecisionPoint.objects.filter(pk=point.pk).update(**bad)

    # A reason may share a resolution's number.
    response = admin_change(admin_client, point, kind=DecisionPoint.Kind.REASON, number=1)
    assert response.status_code == 302
    assert DecisionPoint.objects.get(pk=point.pk).number == 1


def test_a_decisions_points_together_need_a_resolution_and_each_number_once():
    resolution, reason = DecisionPoint.Kind.RESOLUTION, DecisionPoint.Kind.REASON
    assert decision_points_errors([(reason, 1)]) == {None: "Enter at least one resolution."}
    assert decision_points_errors([(resolution, 1), (reason, 1), (resolution, 1)]) == {
        2: "Resolution (1) is used more than once: give each a different number"
    }
    assert decision_points_errors([(resolution, 1), (resolution, None), (reason, 2)]) == {}


def test_decision_save_refuses_points_in_the_same_words():
    admin = UserFactory(organisation=None, is_superuser=True, is_staff=True)
    decision = ExecutiveDecisionFactory.build(decided_by=CommitteeFactory(), minute_number="C300")
    for resolutions, reasons, message in (
        ([], [PointInput(1, "Because.")], "Enter at least one resolution."),
        (
            [PointInput(1, "THAT this."), PointInput(1, "THAT that.")],
            [],
            "Resolution (1) is used more than once: give each a different number",
        ),
        ([PointInput(0, "THAT this.")], [], "Numbers start at 1"),
        ([PointInput(1, "THAT this.")], [PointInput(3, "  ")], "Enter the text of reason (3)"),
    ):
        with pytest.raises(ValidationError) as caught:
            decision_save(decision=decision, resolutions=resolutions, reasons=reasons, actor=admin)
        assert caught.value.messages == [message]
    assert not ExecutiveDecision.objects.exists()
    decision_save(
        decision=decision,
        resolutions=[PointInput(1, "THAT this.")],
        reasons=[PointInput(1, "Because.")],
        actor=admin,
    )
    assert decision.points.count() == 2

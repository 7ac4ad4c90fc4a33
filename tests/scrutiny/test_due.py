"""What falls due at a meeting: agreed actions and recommendation updates."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from scrutiny.models import AgreedAction
from scrutiny.selectors.due import recommendations_due
from tests.factories import (
    AgreedActionFactory,
    CommitteeFactory,
    MeetingFactory,
    RecommendationFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings():
    committee = CommitteeFactory()
    dates = [datetime.date(2021, 1, 19), datetime.date(2021, 5, 25), datetime.date(2021, 11, 2)]
    return [MeetingFactory(committee=committee, date=d) for d in dates]


def due(meeting):
    return set(AgreedAction.objects.due_at(meeting).values_list("text", flat=True))


def test_actions_fall_due_by_placing_by_date_or_at_a_future_meeting(meetings):
    january, may, november = meetings
    AgreedActionFactory(meeting=january, text="future")
    AgreedActionFactory(meeting=january, text="by April", due_on=datetime.date(2021, 4, 30))
    AgreedActionFactory(meeting=january, text="by August", due_on=datetime.date(2021, 8, 31))
    AgreedActionFactory(meeting=january, text="placed in November", due_meeting=november)
    AgreedActionFactory(meeting=may, text="agreed in May")
    AgreedActionFactory(
        meeting=january,
        text="delivered",
        delivered_on=datetime.date(2021, 5, 25),
        delivered_meeting=may,
    )
    AgreedActionFactory(meeting=MeetingFactory(date=datetime.date(2021, 1, 1)), text="elsewhere")
    assert due(january) == set()
    # Delivered at May: still due there, as the May agenda had it.
    assert due(may) == {"future", "by April", "delivered"}
    assert due(november) == {
        "future",
        "by April",
        "by August",
        "placed in November",
        "agreed in May",
    }


def test_an_action_placed_at_a_meeting_that_did_not_deliver_it_carries_forward(meetings):
    january, may, november = meetings
    AgreedActionFactory(meeting=january, text="slipped", due_meeting=may)
    assert due(may) == {"slipped"}
    assert due(november) == {"slipped"}


def test_recommendations_due_at_a_meeting_are_its_committees_and_visible_ones(meetings):
    january, may, november = meetings
    review = ReviewFactory(
        committee=january.committee,
        report_agreed_on=datetime.date(2020, 10, 1),
        response_received_on=datetime.date(2021, 1, 19),
    )
    RecommendationFactory(review=review, reference=1)
    draft = ReviewFactory(
        committee=january.committee, published=False, report_agreed_on=datetime.date(2020, 7, 1)
    )
    RecommendationFactory(review=draft, reference=1)
    RecommendationFactory(review__report_agreed_on=datetime.date(2020, 7, 1))  # other committee
    assert list(recommendations_due(may, AnonymousUser())) == []
    assert [r.review for r in recommendations_due(november, AnonymousUser())] == [review]


def test_a_past_meetings_due_list_keeps_actions_delivered_since(meetings):
    january, may, november = meetings
    AgreedActionFactory(
        meeting=january,
        text="delivered in November",
        delivered_on=november.date,
        delivered_meeting=november,
    )
    assert due(may) == {"delivered in November"}
    assert due(november) == {"delivered in November"}
    assert not AgreedAction.objects.due_at(
        MeetingFactory(committee=january.committee, date=datetime.date(2022, 1, 1))
    ).exists()


def test_an_action_placed_at_a_meeting_is_judged_by_that_meeting_not_an_old_date(meetings):
    january, may, november = meetings
    action = AgreedActionFactory(
        meeting=january, text="rescheduled", due_on=datetime.date(2021, 3, 1), due_meeting=november
    )
    assert not action.is_overdue(today=datetime.date(2021, 6, 1))
    assert not AgreedAction.objects.overdue(today=datetime.date(2021, 6, 1)).exists()
    assert list(AgreedAction.objects.overdue(today=datetime.date(2021, 11, 3))) == [action]


def test_a_delivered_action_cannot_be_placed_on_an_agenda_again(meetings):
    from django.core.exceptions import ValidationError

    from partnerships.models import Role
    from scrutiny.services import agenda_items_add_from_due
    from tests.factories import user_with_role

    january, may, november = meetings
    action = AgreedActionFactory(
        meeting=january, text="delivered", delivered_on=november.date, delivered_meeting=november
    )
    clerk = user_with_role(Role.DEMOCRATIC_SERVICES, organisation=january.committee.council)
    with pytest.raises(ValidationError, match="already been delivered"):
        agenda_items_add_from_due(meeting=may, reviews=[], actions=[action], actor=clerk)
    assert not may.items.exists()

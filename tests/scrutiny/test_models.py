"""Rules of the scrutiny process that live in the model and the database."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from partnerships.models import Role
from scrutiny.models import AgendaItem, AgreedAction, Meeting, Review
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    MeetingFactory,
    ReviewFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def test_executive_response_falls_due_two_calendar_months_after_the_report():
    review = ReviewFactory(report_agreed_on=datetime.date(2020, 12, 31))
    assert review.response_due_on == datetime.date(2021, 2, 28)
    review.report_agreed_on = datetime.date(2020, 11, 10)
    review.save(update_fields=["report_agreed_on"])
    review.refresh_from_db()
    assert review.response_due_on == datetime.date(2021, 1, 10)


def test_response_is_overdue_only_when_late_and_not_received():
    review = ReviewFactory(report_agreed_on=datetime.date(2020, 10, 1))
    assert review.response_overdue(today=datetime.date(2020, 12, 2))
    assert not review.response_overdue(today=datetime.date(2020, 11, 30))
    assert list(Review.objects.response_overdue(today=datetime.date(2020, 12, 2))) == [review]
    review.response_received_on = datetime.date(2021, 1, 19)
    review.save()
    assert not review.response_overdue(today=datetime.date(2021, 6, 1))
    assert not Review.objects.response_overdue(today=datetime.date(2021, 6, 1)).exists()


def test_report_cannot_be_agreed_before_the_review_started():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(
            started_on=datetime.date(2021, 1, 1), report_agreed_on=datetime.date(2020, 1, 1)
        )


def test_agenda_item_numbers_are_unique_within_a_meeting():
    item = AgendaItemFactory(number=8)
    AgendaItemFactory(number=8)  # another meeting: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(meeting=item.meeting, number=8)


def test_an_exempt_item_must_say_why():
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(exempt=True, exempt_reason="")
    AgendaItemFactory(exempt=True, exempt_reason="Schedule 12A, paragraph 3")


def test_exempt_items_are_hidden_from_the_public_and_other_councils():
    item = AgendaItemFactory(exempt=True, exempt_reason="Schedule 12A, paragraph 1")
    public = AgendaItemFactory(meeting=item.meeting)
    council = item.meeting.committee.council
    from django.contrib.auth.models import AnonymousUser

    assert list(AgendaItem.objects.visible_to(AnonymousUser())) == [public]
    own_councillor = user_with_role(Role.COUNCILLOR, organisation=council)
    assert set(AgendaItem.objects.visible_to(own_councillor)) == {item, public}
    other_councillor = user_with_role(Role.COUNCILLOR)
    assert list(AgendaItem.objects.visible_to(other_councillor)) == [public]
    partner = user_with_role(Role.PARTNER, organisation=council)
    assert list(AgendaItem.objects.visible_to(partner)) == [public]


def test_draft_reviews_are_for_their_own_council_only():
    from django.contrib.auth.models import AnonymousUser

    draft = ReviewFactory(published=False)
    council = draft.committee.council
    assert not Review.objects.visible_to(AnonymousUser()).exists()
    assert not Review.objects.visible_to(user_with_role(Role.OFFICER)).exists()
    assert list(Review.objects.visible_to(user_with_role(Role.OFFICER, organisation=council))) == [
        draft
    ]


def test_previous_meeting_skips_cancelled_ones_and_other_committees():
    committee = CommitteeFactory()
    first = MeetingFactory(committee=committee, date=datetime.date(2021, 1, 19))
    MeetingFactory(committee=committee, date=datetime.date(2021, 3, 1), cancelled=True)
    MeetingFactory(date=datetime.date(2021, 3, 2))  # another committee
    latest = MeetingFactory(committee=committee, date=datetime.date(2021, 4, 20))
    assert latest.previous() == first
    assert first.previous() is None
    assert list(Meeting.objects.upcoming(today=datetime.date(2021, 2, 1))) != []


def test_agreed_action_due_at_a_future_meeting_is_never_overdue_until_placed():
    action = AgreedActionFactory()
    assert action.due_label == "at a future meeting"
    assert not action.is_overdue(today=datetime.date(2030, 1, 1))
    later = MeetingFactory(committee=action.meeting.committee, date=datetime.date(2021, 9, 1))
    action.due_meeting = later
    action.save()
    assert action.due_label == "at the meeting of 1 September 2021"
    assert action.is_overdue(today=datetime.date(2021, 9, 2))
    assert list(AgreedAction.objects.overdue(today=datetime.date(2021, 9, 2))) == [action]
    action.delivered_on = datetime.date(2021, 9, 1)
    action.delivered_meeting = later
    action.save()
    assert action.state_label == "Delivered"
    assert not AgreedAction.objects.overdue(today=datetime.date(2021, 9, 2)).exists()

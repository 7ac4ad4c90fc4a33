"""Agreed actions: what a meeting resolved, due by a date, at a later meeting or "at a future
meeting", followed until delivered; the forms democratic services use to record them."""

import datetime

import pytest
from django.urls import reverse

from scrutiny.models import AgreedAction
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    MeetingFactory,
    PartnershipFactory,
    ReviewFactory,
)
from tests.scrutiny.committee_people import (
    WRONG_ROLES,
    date_fields,
    error_summary,
    section,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(committee):
    return MeetingFactory(committee=committee, date=datetime.date(2021, 4, 20))


@pytest.fixture
def next_meeting(committee):
    return MeetingFactory(committee=committee, date=datetime.date(2021, 7, 6))


def action_post(**overrides):
    data = {
        "text": "That a detailed update report be brought to a future meeting.",
        "item": "",
        "review": "",
        "falls_to": "Director of Adult Social Care and Commissioning",
        "falls_to_organisation": "",
        "due_meeting": "",
        "delivered_meeting": "",
    }
    return {**data, **overrides}


def action_row(response, action) -> str:
    html = response.content.decode()
    start = html.index(f'id="action-{action.pk}"')
    return html[start : html.index("</tr>", start)]


# --- On the meeting page ----------------------------------------------------------------


def test_meeting_shows_what_it_agreed_with_state_and_due(client, meeting, next_meeting):
    item = AgendaItemFactory(meeting=meeting, number=5, title="Social Care Workforce")
    future = AgreedActionFactory(meeting=meeting, item=item, text="Bring a detailed report")
    at_meeting = AgreedActionFactory(
        meeting=meeting, text="Report back in July", due_meeting=next_meeting
    )
    late = AgreedActionFactory(
        meeting=meeting, text="Circulate the plan", due_on=datetime.date(2021, 5, 1)
    )
    done = AgreedActionFactory(
        meeting=meeting,
        text="Write to the Minister",
        due_on=datetime.date(2021, 5, 1),
        delivered_on=datetime.date(2021, 4, 30),
    )
    response = client.get(meeting.get_absolute_url())
    agreed = section(response, "agreed")
    for action in [future, at_meeting, late, done]:
        assert action.text in agreed

    row = action_row(response, future)
    assert "At a future meeting" in row and "Outstanding" in row
    assert "Item 5: Social Care Workforce" in row
    row = action_row(response, at_meeting)
    assert "At the meeting of 6 July 2021" in row
    assert "Overdue" in row  # July 2021 has passed with nothing delivered
    row = action_row(response, late)
    assert "By 1 May 2021" in row and "Overdue" in row
    row = action_row(response, done)
    assert "Delivered" in row and "Overdue" not in row


def test_meeting_shows_actions_due_and_delivered_at_it(client, meeting, next_meeting):
    due = AgreedActionFactory(meeting=meeting, text="Report back in July", due_meeting=next_meeting)
    delivered = AgreedActionFactory(
        meeting=meeting,
        text="Bring the career pathways report",
        delivered_on=next_meeting.date,
        delivered_meeting=next_meeting,
    )
    response = client.get(next_meeting.get_absolute_url())
    assert due.text in section(response, "due")
    assert delivered.text in section(response, "delivered")
    assert "Delivered" in section(response, "delivered")
    assert "No agreed actions have been recorded for this meeting." in section(response, "agreed")


def test_an_action_linked_to_a_draft_review_keeps_the_review_from_the_public(client, meeting):
    review = ReviewFactory(committee=meeting.committee, title="Draft pay review", published=False)
    action = AgreedActionFactory(meeting=meeting, review=review, text="Consult the unions")
    response = client.get(meeting.get_absolute_url())
    assert action.text in action_row(response, action)
    assert "Draft pay review" not in response.content.decode()


# --- Forms ------------------------------------------------------------------------------


def test_action_forms_send_anonymous_visitors_to_sign_in(client, meeting):
    action = AgreedActionFactory(meeting=meeting)
    for url in [
        reverse("scrutiny:action-create", args=[meeting.pk]),
        reverse("scrutiny:action-edit", args=[action.pk]),
    ]:
        for response in [client.get(url), client.post(url, action_post())]:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))
    assert AgreedAction.objects.count() == 1


@pytest.mark.parametrize("role", WRONG_ROLES)
def test_action_forms_are_forbidden_to_wrong_roles_and_other_councils(
    client, people, meeting, role
):
    action = AgreedActionFactory(meeting=meeting, text="Original")
    client.force_login(getattr(people, role))
    for url in [
        reverse("scrutiny:action-create", args=[meeting.pk]),
        reverse("scrutiny:action-edit", args=[action.pk]),
    ]:
        assert client.get(url).status_code == 403
        assert client.post(url, action_post(text="Changed")).status_code == 403
    action.refresh_from_db()
    assert action.text == "Original"
    assert AgreedAction.objects.count() == 1


def test_democratic_services_record_an_action_due_at_a_later_meeting(
    client, people, meeting, next_meeting
):
    item = AgendaItemFactory(meeting=meeting, number=5)
    review = ReviewFactory(committee=meeting.committee)
    partner = PartnershipFactory(
        name="Leicester/shire Social Care Development Group", short_name="LSCDG"
    )
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:action-create", args=[meeting.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        action_post(
            item=item.pk,
            review=review.pk,
            falls_to_organisation=partner.pk,
            due_meeting=next_meeting.pk,
        ),
        follow=True,
    )
    action = AgreedAction.objects.get()
    assert (action.meeting, action.item, action.review) == (meeting, item, review)
    assert action.falls_to_organisation == partner
    assert action.due_meeting == next_meeting and action.due_on is None
    assert response.redirect_chain[-1][0] == action.get_absolute_url()
    assert "Agreed action added" in response.content.decode()
    assert "LSCDG" in action_row(response, action)


def test_an_action_with_neither_date_nor_meeting_is_due_at_a_future_meeting(
    client, people, meeting
):
    client.force_login(people.democratic_services)
    client.post(reverse("scrutiny:action-create", args=[meeting.pk]), action_post())
    action = AgreedAction.objects.get()
    assert action.due_on is None and action.due_meeting is None
    assert action.due_label == "at a future meeting"


def test_democratic_services_record_delivery_at_a_meeting(client, people, meeting, next_meeting):
    action = AgreedActionFactory(meeting=meeting, due_meeting=next_meeting)
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:action-edit", args=[action.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        action_post(
            text=action.text,
            due_meeting=next_meeting.pk,
            delivered_meeting=next_meeting.pk,
            version="1",
        ),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.delivered_meeting == next_meeting
    assert action.delivered_on == next_meeting.date  # taken from the meeting


def test_an_edited_due_date_is_shown_back_in_the_form(client, people, meeting):
    action = AgreedActionFactory(meeting=meeting, due_on=datetime.date(2021, 9, 30))
    client.force_login(people.democratic_services)
    html = client.get(reverse("scrutiny:action-edit", args=[action.pk])).content.decode()
    assert 'name="due_on_0" value="30"' in html
    assert 'name="due_on_2" value="2021"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Enter what the committee agreed"),
        (date_fields("due_on", 31, 2, 2024), "Enter a real date"),
        (date_fields("due_on", 1, 1, 2021), "The due date must be on or after the meeting"),
        (date_fields("delivered_on", 31, 2, 2024), "Enter a real date"),
        (date_fields("delivered_on", 1, 3, 2021), "The delivery date must be on or after"),
        (date_fields("due_on", 1, "", 2022), "Enter the month"),
    ],
)
def test_action_form_errors_keep_input_and_save_nothing(client, people, meeting, data, message):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:action-create", args=[meeting.pk])
    response = client.post(url, action_post(falls_to="Typed role", **data))
    assert response.status_code == 200
    assert message in error_summary(response)
    assert 'value="Typed role"' in response.content.decode()
    assert not AgreedAction.objects.exists()


def test_an_action_cannot_be_due_both_by_a_date_and_at_a_meeting(
    client, people, meeting, next_meeting
):
    client.force_login(people.democratic_services)
    response = client.post(
        reverse("scrutiny:action-create", args=[meeting.pk]),
        action_post(due_meeting=next_meeting.pk, **date_fields("due_on", 1, 9, 2021)),
    )
    assert "Choose a due date or a meeting, not both" in error_summary(response)
    assert not AgreedAction.objects.exists()


def test_an_action_due_at_the_next_meeting_is_overdue_once_that_meeting_passes(
    client, people, meeting
):
    client.force_login(people.democratic_services)
    client.post(
        reverse("scrutiny:action-create", args=[meeting.pk]),
        action_post(due_next_meeting="on"),
    )
    action = AgreedAction.objects.get()
    assert action.due_label == "at the committee's next meeting"
    assert not action.is_overdue()  # no meeting after it yet
    later = MeetingFactory(committee=meeting.committee, date=meeting.date + datetime.timedelta(7))
    assert action.is_overdue(today=later.date + datetime.timedelta(1))
    assert not action.is_overdue(today=later.date)
    later.cancelled = True
    later.save()
    assert not action.is_overdue(today=later.date + datetime.timedelta(1))  # never met


def test_an_action_cannot_be_due_both_at_the_next_meeting_and_by_a_date(client, people, meeting):
    client.force_login(people.democratic_services)
    response = client.post(
        reverse("scrutiny:action-create", args=[meeting.pk]),
        action_post(due_next_meeting="on", **date_fields("due_on", 1, 9, 2021)),
    )
    assert "Choose the next meeting, a due date or a meeting: only one of them" in (
        error_summary(response)
    )
    assert not AgreedAction.objects.exists()


def test_choices_are_limited_to_this_meeting_and_committee(client, people, meeting, next_meeting):
    earlier = MeetingFactory(committee=meeting.committee, date=datetime.date(2021, 1, 19))
    other_committee_meeting = MeetingFactory(date=datetime.date(2021, 8, 1))
    other_item = AgendaItemFactory(meeting=next_meeting, number=9)
    foreign_review = ReviewFactory(committee=CommitteeFactory())
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:action-create", args=[meeting.pk])
    for bad in [
        {"due_meeting": earlier.pk},  # due meetings come later
        {"due_meeting": other_committee_meeting.pk},
        {"delivered_meeting": other_committee_meeting.pk},
        {"item": other_item.pk},  # an item of another meeting
        {"review": foreign_review.pk},  # another council's review
    ]:
        response = client.post(url, action_post(**bad))
        assert response.status_code == 200, bad
        assert "Select a valid choice" in error_summary(response), bad
    assert not AgreedAction.objects.exists()

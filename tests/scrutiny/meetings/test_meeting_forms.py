"""Adding and editing a meeting: who may, the date and time it is held, the errors that keep
what was typed and save nothing, and no meeting twice at the same date and time."""

import datetime

import pytest
from django.urls import reverse

from scrutiny.models import Meeting
from tests.scrutiny.committee_people import WRONG_ROLES, date_fields, error_summary

pytestmark = pytest.mark.django_db


def meeting_post(day=4, month=12, year=2017, **overrides):
    data = {
        **date_fields("date", day, month, year),
        "start_time": "17:30",
        "venue": "Committee Room 1",
    }
    return {**data, **overrides}


def test_meeting_forms_send_anonymous_visitors_to_sign_in(client, committee, meeting):
    for url in [
        reverse("scrutiny:meeting-create", args=[committee.pk]),
        reverse("scrutiny:meeting-edit", args=[meeting.pk]),
    ]:
        for response in [client.get(url), client.post(url, meeting_post())]:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize("role", WRONG_ROLES)
def test_meeting_forms_are_forbidden_to_wrong_roles_and_other_councils(
    client, people, committee, meeting, role
):
    client.force_login(getattr(people, role))
    create = reverse("scrutiny:meeting-create", args=[committee.pk])
    edit = reverse("scrutiny:meeting-edit", args=[meeting.pk])
    for url in [create, edit]:
        assert client.get(url).status_code == 403
        assert client.post(url, meeting_post(venue="Changed")).status_code == 403
    assert Meeting.objects.count() == 1
    meeting.refresh_from_db()
    assert meeting.venue == "Meeting Room G.01"


def test_democratic_services_add_a_meeting(client, people, committee):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:meeting-create", args=[committee.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, meeting_post(), follow=True)
    meeting = Meeting.objects.get()
    assert meeting.committee == committee
    assert meeting.date == datetime.date(2017, 12, 4)
    assert meeting.start_time == datetime.time(17, 30)
    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    assert "Meeting added" in response.content.decode()


def test_democratic_services_edit_a_meeting(client, people, meeting):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:meeting-edit", args=[meeting.pk])
    html = client.get(url).content.decode()
    assert 'value="Meeting Room G.01"' in html
    assert 'value="2021"' in html
    response = client.post(
        url, meeting_post(20, 4, 2021, venue="Online", cancelled="on", version="1"), follow=True
    )
    meeting.refresh_from_db()
    assert meeting.venue == "Online" and meeting.cancelled
    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    assert "This meeting was cancelled." in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date_0": "", "date_1": "", "date_2": ""}, "Enter the date of the meeting"),
        (date_fields("date", 31, 2, 2024), "Enter a real date"),
        (date_fields("date", "4", "", "2017"), "Enter the month"),
        (date_fields("date", "x", "12", "2017"), "Enter a valid date"),
        ({"start_time": "half five"}, "Enter a time like 17:30"),
    ],
)
def test_meeting_form_errors_keep_input_and_save_nothing(client, people, committee, data, message):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:meeting-create", args=[committee.pk])
    response = client.post(url, meeting_post(venue="Typed venue", **data))
    assert response.status_code == 200
    assert message in error_summary(response)
    assert 'value="Typed venue"' in response.content.decode()
    assert "(error)" in response.content.decode()  # the page title says so
    assert not Meeting.objects.exists()


def test_a_committee_cannot_meet_twice_at_the_same_date_and_time(
    client, people, committee, meeting
):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:meeting-create", args=[committee.pk])
    response = client.post(url, meeting_post(20, 4, 2021, start_time="17:30"))
    assert response.status_code == 200
    assert "already has a meeting on this date at this time" in error_summary(response)
    assert Meeting.objects.count() == 1
    # Another time the same day is a separate meeting.
    assert client.post(url, meeting_post(20, 4, 2021, start_time="10:00")).status_code == 302

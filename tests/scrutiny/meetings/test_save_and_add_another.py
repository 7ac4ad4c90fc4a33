""" "Save and add another" on the meeting's new agenda item and new agreed action forms, and
on a committee's new meeting form."""

import pytest
from django.urls import reverse

from scrutiny.models import AgendaItem, AgreedAction, Meeting
from tests.scrutiny.meetings.test_agenda_item_forms import item_post
from tests.scrutiny.meetings.test_meeting_forms import meeting_post
from tests.scrutiny.test_actions import action_post
from tests.support.pages import words

pytestmark = pytest.mark.django_db


def test_an_item_then_the_next_numbered_one(client, people, meeting):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:item-create", args=[meeting.pk])
    assert 'name="another"' in client.get(url).content.decode()
    response = client.post(url, item_post(number="1", another="1"))
    assert response.status_code == 302 and response["Location"] == url
    followed = client.get(url)
    assert "Reference from Cabinet added to the agenda" in words(followed)
    assert followed.context["form"]["number"].value() == 2
    assert AgendaItem.objects.count() == 1


def test_an_agreed_action_then_an_empty_form(client, people, meeting):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:action-create", args=[meeting.pk])
    response = client.post(url, action_post(another="1"))
    assert response.status_code == 302 and response["Location"] == url
    followed = words(client.get(url))
    assert "Agreed action added: That a detailed update report be brought" in followed
    assert AgreedAction.objects.count() == 1


def test_a_meeting_then_an_empty_form(client, people, committee):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:meeting-create", args=[committee.pk])
    response = client.post(url, meeting_post(another="1"))
    assert response.status_code == 302 and response["Location"] == url
    assert "Meeting added" in words(client.get(url))
    assert Meeting.objects.count() == 1


def test_editing_an_item_offers_no_second_button(client, people, meeting):
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Minutes")
    client.force_login(people.democratic_services)
    page = client.get(reverse("scrutiny:item-edit", args=[item.pk])).content.decode()
    assert 'name="another"' not in page

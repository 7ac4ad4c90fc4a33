"""Adding and editing agenda items: who may, numbering the next item, marking one exempt,
the errors that keep what was typed and save nothing, and reviews of the committee's
council only."""

import pytest
from django.urls import reverse

from scrutiny.models import AgendaItem
from tests.factories import AgendaItemFactory, CommitteeFactory, ReviewFactory
from tests.scrutiny.committee_people import WRONG_ROLES, error_summary

pytestmark = pytest.mark.django_db


def item_post(**overrides):
    data = {
        "number": "8",
        "title": "Reference from Cabinet",
        "description": "",
        "review": "",
        "exempt_reason": "",
    }
    return {**data, **overrides}


def test_item_forms_send_anonymous_visitors_to_sign_in(client, meeting):
    item = AgendaItemFactory(meeting=meeting, number=1)
    for url in [
        reverse("scrutiny:item-create", args=[meeting.pk]),
        reverse("scrutiny:item-edit", args=[item.pk]),
    ]:
        for response in [client.get(url), client.post(url, item_post())]:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))
    assert AgendaItem.objects.count() == 1


@pytest.mark.parametrize("role", WRONG_ROLES)
def test_item_forms_are_forbidden_to_wrong_roles_and_other_councils(client, people, meeting, role):
    item = AgendaItemFactory(meeting=meeting, number=1, title="Original")
    client.force_login(getattr(people, role))
    for url in [
        reverse("scrutiny:item-create", args=[meeting.pk]),
        reverse("scrutiny:item-edit", args=[item.pk]),
    ]:
        assert client.get(url).status_code == 403
        assert client.post(url, item_post(number="1", title="Changed")).status_code == 403
    item.refresh_from_db()
    assert item.title == "Original"
    assert AgendaItem.objects.count() == 1


def test_democratic_services_add_an_item_numbered_next(client, people, meeting):
    AgendaItemFactory(meeting=meeting, number=7)
    review = ReviewFactory(committee=meeting.committee)
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:item-create", args=[meeting.pk])
    assert 'value="8"' in client.get(url).content.decode()
    response = client.post(url, item_post(review=review.pk), follow=True)
    item = AgendaItem.objects.get(number=8)
    assert item.meeting == meeting and item.review == review
    assert response.redirect_chain[-1][0] == f"{meeting.get_absolute_url()}#item-8"
    assert "Item 8: Reference from Cabinet added to the agenda" in response.content.decode()


@pytest.mark.parametrize("number", ["1000", "40000"])
def test_an_item_number_past_999_is_refused_in_words(client, people, meeting, number):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:item-create", args=[meeting.pk])
    response = client.post(url, item_post(number=number))
    assert response.status_code == 200
    assert "The item number must be 999 or less" in response.content.decode()
    assert "32767" not in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_democratic_services_edit_an_item_and_mark_it_exempt(client, people, meeting):
    item = AgendaItemFactory(meeting=meeting, number=2, title="Contracts")
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:item-edit", args=[item.pk])
    assert 'value="Contracts"' in client.get(url).content.decode()
    response = client.post(
        url,
        item_post(
            number="2", title="Contracts", exempt="on", exempt_reason="Paragraph 3", version="1"
        ),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.exempt and item.exempt_reason == "Paragraph 3"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"number": "3"}, "Item 3 is already on this meeting&#x27;s agenda"),
        ({"exempt": "on", "exempt_reason": "  "}, "Say why the item is exempt"),
        ({"number": ""}, "Enter the item number"),
        ({"number": "0"}, "Item numbers start at 1"),
        ({"title": ""}, "Enter the item&#x27;s title"),
    ],
)
def test_item_form_errors_keep_input_and_save_nothing(client, people, meeting, data, message):
    AgendaItemFactory(meeting=meeting, number=3)
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:item-create", args=[meeting.pk])
    response = client.post(url, item_post(description="Typed description", **data))
    assert response.status_code == 200
    assert message in error_summary(response)
    assert "Typed description" in response.content.decode()
    assert AgendaItem.objects.count() == 1


def test_editing_an_item_keeps_its_own_number(client, people, meeting):
    item = AgendaItemFactory(meeting=meeting, number=3)
    client.force_login(people.democratic_services)
    response = client.post(
        reverse("scrutiny:item-edit", args=[item.pk]),
        item_post(number="3", title="Renamed", version="1"),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Renamed"


def test_item_review_must_belong_to_the_committees_council(client, people, meeting):
    own = ReviewFactory(committee=CommitteeFactory(council=meeting.committee.council))
    foreign = ReviewFactory(title="Another council's review")
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:item-create", args=[meeting.pk])
    html = client.get(url).content.decode()
    assert own.title in html and foreign.title not in html
    response = client.post(url, item_post(review=foreign.pk))
    assert response.status_code == 200
    assert "Select a valid choice" in error_summary(response)
    assert not AgendaItem.objects.exists()

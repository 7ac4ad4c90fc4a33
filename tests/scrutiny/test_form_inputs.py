"""Number and time fields are GOV.UK text inputs, so an error shows the red border too."""

import re

import pytest

from partnerships.models import Role
from tests.factories import MeetingFactory, ReviewFactory, user_with_role

pytestmark = pytest.mark.django_db


def input_tag(html: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)


def test_item_number_and_meeting_time_errors_are_marked_on_the_input(client):
    meeting = MeetingFactory()
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, meeting.committee.council))
    html = client.post(f"/meetings/{meeting.pk}/items/new/", {"number": "x"}).content.decode()
    tag = input_tag(html, "number")
    assert 'type="text"' in tag and 'inputmode="numeric"' in tag
    assert "govuk-input--error" in tag
    html = client.post(f"/meetings/{meeting.pk}/edit/", {"start_time": "25:99"}).content.decode()
    assert "govuk-input--error" in input_tag(html, "start_time")
    html = client.get(f"/meetings/{meeting.pk}/edit/").content.decode()
    assert 'value="17:30"' in input_tag(html, "start_time")


def test_recommendation_reference_error_is_marked_on_a_box_wide_enough(client):
    review = ReviewFactory()
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, review.committee.council))
    html = client.post(
        f"/reviews/{review.pk}/recommendations/new/", {"reference": "  "}
    ).content.decode()
    tag = input_tag(html, "reference")
    assert "govuk-input--error" in tag
    # Wide enough for "OSC (24/25) 07": ten characters' width, not a number's three.
    assert "govuk-input--width-10" in tag and 'maxlength="40"' in tag

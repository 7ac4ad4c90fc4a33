"""The chasing page (/chasing/): a council's democratic services switch its digest and
reminders on and off (the defaults until first saved); nobody else may; a bad number of
days is an error on its field; the page is in Welsh under /cy/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from partnerships.models import Role
from scrutiny.models import CouncilChasing
from tests.factories import CouncilFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

PAGE = reverse("scrutiny:chasing-edit")

ALL_ON = {
    "weekly_digest": "on",
    "digest_day": "0",
    "update_overdue": "on",
    "target_passed": "on",
    "response_deadline": "on",
    "response_warning_days": "7",
    "language": "en",
}


@pytest.fixture
def council():
    return CouncilFactory(name="Ashby Borough Council")


@pytest.fixture
def democratic(client, council):
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, council))
    return client


def test_the_page_shows_the_defaults_until_saved(democratic):
    response = democratic.get(PAGE)
    assert "Ashby Borough Council" in response.content.decode()
    form = response.context["form"]
    for name in ("weekly_digest", "update_overdue", "target_passed", "response_deadline"):
        assert form[name].value() is True
    assert form["response_warning_days"].value() == 7
    assert not CouncilChasing.objects.exists()


def test_democratic_services_switch_reminders_off_for_their_council(democratic, council):
    data = {**ALL_ON, "digest_day": "2", "response_warning_days": "10", "language": "cy"}
    del data["target_passed"], data["weekly_digest"]
    response = democratic.post(PAGE, data)
    assert response.status_code == 302 and response["Location"] == PAGE
    chasing = CouncilChasing.objects.get(council=council)
    assert (chasing.weekly_digest, chasing.target_passed) == (False, False)
    assert (chasing.update_overdue, chasing.response_deadline) == (True, True)
    assert (chasing.digest_day, chasing.response_warning_days, chasing.language) == (2, 10, "cy")
    # Saved again, the same row changes.
    democratic.post(PAGE, ALL_ON)
    chasing.refresh_from_db()
    assert chasing.target_passed and chasing.weekly_digest
    assert CouncilChasing.objects.count() == 1


def test_a_bad_number_of_days_is_an_error_on_its_field(democratic):
    response = democratic.post(PAGE, {**ALL_ON, "response_warning_days": "500"})
    assert response.status_code == 200
    assert "Enter the days of warning, a whole number from 1 to 60" in response.content.decode()
    assert not CouncilChasing.objects.exists()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.PARTNER, Role.COUNCILLOR])
def test_nobody_else_may(client, council, role):
    client.force_login(user_with_role(role, council))
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, ALL_ON).status_code == 403
    assert not CouncilChasing.objects.exists()


def test_another_councils_switches_are_not_theirs(democratic):
    other = CouncilFactory(name="Blaby District Council")
    assert democratic.get(f"{PAGE}?council={other.pk}").status_code == 403
    assert democratic.post(f"{PAGE}?council={other.pk}", ALL_ON).status_code == 403
    assert not CouncilChasing.objects.exists()


def test_an_administrator_chooses_any_councils(client, council):
    other = CouncilFactory(name="Blaby District Council")
    client.force_login(UserFactory(organisation=None, is_superuser=True, is_staff=True))
    assert "Blaby District Council" in client.get(PAGE).content.decode()
    response = client.post(f"{PAGE}?council={other.pk}", {**ALL_ON, "language": "cy"})
    assert response["Location"] == f"{PAGE}?council={other.pk}"
    assert CouncilChasing.objects.get().council == other


def test_the_page_is_in_welsh(democratic):
    page = democratic.get("/cy" + PAGE).content.decode()
    assert "Nodiadau atgoffa a chrynodebau" in page
    assert "Diweddariadau cynnydd yn hwyr" in page


def test_the_home_page_links_to_it(democratic):
    assert f'href="{PAGE}"' in democratic.get(reverse("scrutiny:home")).content.decode()

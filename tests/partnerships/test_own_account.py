"""Your account: every signed-in person sees their name, email address, organisation and
roles, and changes their own name and the language of their emails (nothing else); the
change is in the account's history as theirs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from partnerships.models import Role, User
from tests.factories import CouncilFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    council = CouncilFactory(name="Ashby Borough Council")
    return user_with_role(
        Role.OFFICER, council, first_name="Olu", last_name="Officer", email="olu@example.gov.uk"
    )


def test_the_header_leads_to_your_account_which_says_who_you_are(client, officer):
    client.force_login(officer)
    home = client.get(reverse("scrutiny:home")).content.decode()
    assert f'href="{reverse("partnerships:account-detail")}"' in home
    page = client.get(reverse("partnerships:account-detail")).content.decode()
    for shown in ("Olu Officer", "olu@example.gov.uk", "Ashby Borough Council", "Officer"):
        assert shown in page
    assert reverse("password_change") in page
    assert reverse("two-factor") in page
    assert reverse("partnerships:account-edit") in page


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for name in ("partnerships:account-detail", "partnerships:account-edit"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_a_person_changes_their_name_and_the_language_of_their_emails(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("partnerships:account-edit"),
        {"first_name": "Olusegun", "last_name": "Officer", "language": "cy"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:account-detail")
    officer.refresh_from_db()
    assert (officer.first_name, officer.language) == ("Olusegun", "cy")
    latest = officer.history.latest()
    assert latest.history_user_id == officer.pk
    assert latest.language == "cy"


def test_nothing_else_of_the_account_changes(client, officer):
    client.force_login(officer)
    client.post(
        reverse("partnerships:account-edit"),
        {
            "first_name": "Olu",
            "last_name": "Officer",
            "language": "en",
            "email": "someone.else@example.com",
            "roles": Role.DEMOCRATIC_SERVICES.value,
            "is_staff": "on",
            "is_superuser": "on",
            "organisation": CouncilFactory().pk,
            "job_title": "Chief executive",
        },
    )
    officer = User.objects.get(pk=officer.pk)
    assert officer.email == "olu@example.gov.uk"
    assert not (officer.is_staff or officer.is_superuser or officer.is_democratic_services)
    assert officer.organisation.name == "Ashby Borough Council"
    assert officer.job_title == ""


def test_a_name_is_required_and_the_language_must_be_one_offered(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("partnerships:account-edit"),
        {"first_name": "", "last_name": "Officer", "language": "fr"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter your first name" in page
    officer.refresh_from_db()
    assert (officer.first_name, officer.language) == ("Olu", "en")


def test_the_page_is_in_welsh(client, officer):
    client.force_login(officer)
    page = client.get("/cy" + reverse("partnerships:account-detail")).content.decode()
    assert "Eich cyfrif" in page

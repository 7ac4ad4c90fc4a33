"""Error pages in the house style, never a traceback: 400, 403, 404 and 500 (the last
drawn without the request or the database)."""

import html

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from partnerships.models import Role
from scrutiny.errors import server_error
from tests.factories import PartnershipFactory, user_with_role

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    return settings


def test_a_missing_page_gives_the_house_404(client, production):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = text(response)
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert "<title>Page not found – " in page
    assert "check it is correct" in page
    assert 'class="govuk-service-navigation"' in page
    assert "Traceback" not in page


def test_a_missing_record_gives_the_house_404(client, production):
    response = client.get("/reviews/999999/")

    assert response.status_code == 404
    assert "Page not found" in text(response)


@pytest.mark.urls("tests.error_urls")
def test_a_failing_view_gives_the_house_500_without_a_traceback(client, production):
    client.raise_request_exception = False

    response = client.get("/test-only/fails/")

    assert response.status_code == 500
    page = text(response)
    assert '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>' in page
    assert "Try again later." in page
    assert f"– {production.SERVICE_NAME}" in page
    assert "a bug in a view" not in page
    assert "Traceback" not in page
    assert "RuntimeError" not in page


def test_the_500_page_needs_no_request_and_no_database():
    request = RequestFactory().get("/")

    with CaptureQueriesContext(connection) as queries:
        response = server_error(request)

    assert len(queries) == 0
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in text(response)


@pytest.mark.urls("tests.error_urls")
def test_a_bad_request_gives_the_house_400(client, production):
    response = client.get("/test-only/bad-request/")

    assert response.status_code == 400
    page = text(response)
    assert '<h1 class="govuk-heading-l">Sorry, there is a problem with that request</h1>' in page
    assert "nonsense" not in page


def test_a_host_not_served_gives_the_house_400(client, production):
    response = client.get("/", headers={"host": "evil.example"})

    assert response.status_code == 400
    assert "Sorry, there is a problem with that request" in text(response)


def test_a_refusal_gives_the_house_403_with_its_reason(client, production):
    client.force_login(user_with_role(Role.COUNCILLOR))

    response = client.get("/committees/new/")

    assert response.status_code == 403
    page = text(response)
    assert '<h1 class="govuk-heading-l">You cannot see this page</h1>' in page
    assert "Only democratic services can add committees." in page
    assert "contact your council's democratic services team" in page


def test_democratic_services_of_a_partner_body_are_told_why_they_cannot_add_a_committee(
    client, production
):
    partner = PartnershipFactory(name="Leicester/shire Social Care Development Group")
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, organisation=partner))

    response = client.get("/committees/new/")

    assert response.status_code == 403
    assert (
        "Committees belong to a council, and Leicester/shire Social Care Development Group "
        "is not one." in html.unescape(text(response))
    )


@pytest.mark.urls("tests.error_urls")
def test_an_anonymous_refusal_offers_to_sign_in(client, production):
    response = client.get("/test-only/refused/")

    assert response.status_code == 403
    assert 'href="/accounts/login/?next=/test-only/refused/"' in text(response)

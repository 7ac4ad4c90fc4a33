"""The accessibility statement: anyone may read it, every page links to it from its footer,
it has the sections of the GOV.UK model statement, and its contact details are the ones the
council configured."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.support.pages import headings, words

pytestmark = pytest.mark.django_db

SECTIONS = [
    "Using this website",
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Compliance status",
    "Non-accessible content",
    "What we do to test and improve accessibility",
    "Preparation of this accessibility statement",
]


@override_settings(
    SERVICE_NAME="Scrutiny tracker",
    COUNCIL_NAME="Ashby Borough Council",
    ACCESSIBILITY_CONTACT_EMAIL="access@ashby.example.gov.uk",
    ACCESSIBILITY_CONTACT_PHONE="01530 000 000",
    ACCESSIBILITY_RESPONSE_DAYS=5,
)
def test_anyone_reads_the_statement_with_the_councils_contact_details(client):
    response = client.get(reverse("scrutiny:accessibility"))

    assert response.status_code == 200
    found = [words for _, words in headings(response)]
    assert found[0] == "Accessibility statement for Scrutiny tracker"
    for section in SECTIONS:
        assert section in found, f"no {section!r} heading in {found}"
    text = words(response)
    assert "This website is run by Ashby Borough Council" in text
    assert 'href="mailto:access@ashby.example.gov.uk"' in response.content.decode()
    assert "call 01530 000 000" in text
    assert "within 5 working days" in text
    assert "Equality and Human Rights Commission (EHRC)" in text
    assert "Equality Commission for Northern Ireland (ECNI)" in text
    assert "fully compliant with the Web Content Accessibility Guidelines version 2.2" in text
    assert "PDF/UA" in text
    assert "This statement was prepared on 23 November 2026" in text


@override_settings(COUNCIL_NAME="", ACCESSIBILITY_CONTACT_EMAIL="", ACCESSIBILITY_CONTACT_PHONE="")
def test_with_no_contact_details_it_sends_people_to_democratic_services(client):
    response = client.get(reverse("scrutiny:accessibility"))

    text = words(response)
    assert "contact the democratic services team of the council" in text
    assert "mailto:" not in response.content.decode()
    assert "This website is run by the council" in text


@pytest.mark.parametrize("path", ["/", "/reviews/", "/accounts/login/", "/no-such-page/"])
def test_every_page_links_to_the_statement_from_its_footer(client, path):
    html = client.get(path).content.decode()

    footer = html[html.index("<footer") :]
    assert f'href="{reverse("scrutiny:accessibility")}"' in footer
    assert "Accessibility statement</a>" in footer

"""No lost updates in the Django admin: two administrators change the same organisation
(or any other record with a version); the second, saving an older copy, gets an error at
the top of the form (not a server error, and not a silent overwrite) with what they typed
kept, and saving again saves it."""

import html as html_lib
import re

import pytest
from django.test import Client

from partnerships.models import Organisation
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    CouncilFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UserFactory,
)
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db


def words(response) -> str:
    return html_lib.unescape(
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    )


@pytest.fixture
def two():
    first, second = Client(), Client()
    first.force_login(
        UserFactory(is_superuser=True, is_staff=True, first_name="Alex", last_name="Ahmed")
    )
    second.force_login(
        UserFactory(is_superuser=True, is_staff=True, first_name="Blake", last_name="Brown")
    )
    return first, second


@pytest.fixture
def leicester():
    return CouncilFactory(name="Leicester City Council", short_name="LCC")


def change_url(organisation) -> str:
    return f"/admin/partnerships/organisation/{organisation.pk}/change/"


def test_the_second_save_of_an_old_copy_is_an_error_that_keeps_what_was_typed(two, leicester):
    first, second = two
    url = change_url(leicester)
    alex_page, blake_page = first.get(url), second.get(url)
    assert 'name="version"' in alex_page.content.decode()

    saved = first.post(url, {**form_data(alex_page), "website": "https://alex.example"})
    assert saved.status_code == 302

    clash = second.post(url, {**form_data(blake_page), "website": "https://blake.example"})
    assert clash.status_code == 200
    page = words(clash)
    assert re.search(
        r"Someone else changed this organisation while you were editing: Alex Ahmed saved it "
        r"at \d{1,2}:\d\d[ap]m on \d{1,2} \w+ \d{4}\. Nothing was saved\. Different now: "
        r"Website \(saved: “https://alex\.example”, yours: “https://blake\.example”\)\.",
        page,
    )
    leicester.refresh_from_db()
    assert (leicester.website, leicester.version) == ("https://alex.example", 2)
    data = form_data(clash)
    assert data["website"] == "https://blake.example"
    assert data["version"] == "2"

    assert second.post(url, data).status_code == 302, "saving again saves it over"
    leicester.refresh_from_db()
    assert (leicester.website, leicester.version) == ("https://blake.example", 3)


@pytest.mark.parametrize("version", [None, "", "abc", "1", "99"])
def test_a_missing_or_wrong_version_never_overwrites(two, leicester, version):
    first, second = two
    url = change_url(leicester)
    blake_page = second.get(url)
    first.post(url, {**form_data(first.get(url)), "website": "https://alex.example"})
    data = {**form_data(blake_page), "website": "https://blake.example"}
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    response = second.post(url, data)
    assert response.status_code == 200
    assert "Nothing was saved" in words(response)
    assert Organisation.objects.get(pk=leicester.pk).website == "https://alex.example"


def test_adding_an_organisation_needs_no_version(two):
    first, _ = two
    page = first.get("/admin/partnerships/organisation/add/")
    data = {**form_data(page), "name": "Rutland County Council", "kind": "council"}
    assert first.post("/admin/partnerships/organisation/add/", data).status_code == 302
    assert Organisation.objects.get(name="Rutland County Council").version == 1


# One record of every model with a version, and a text field of its admin form.
RECORDS = {
    "scrutiny/committee": (CommitteeFactory, "chair"),
    "scrutiny/meeting": (MeetingFactory, "venue"),
    "scrutiny/agendaitem": (AgendaItemFactory, "title"),
    "scrutiny/review": (ReviewFactory, "lead_member"),
    "scrutiny/executivedecision": (ExecutiveDecisionFactory, "title"),
    "scrutiny/agreedaction": (AgreedActionFactory, "falls_to"),
    "recommendations/recommendation": (RecommendationFactory, "lead_officer"),
    "recommendations/progressupdate": (ProgressUpdateFactory, "given_by_role"),
}


@pytest.mark.parametrize("path", RECORDS)
def test_every_admin_change_form_of_a_versioned_record_checks_it(two, path):
    factory, field = RECORDS[path]
    record = factory()
    url = f"/admin/{path}/{record.pk}/change/"
    first, second = two
    alex_page, blake_page = first.get(url), second.get(url)
    assert first.post(url, {**form_data(alex_page), field: "Alex's words"}).status_code == 302
    clash = second.post(url, {**form_data(blake_page), field: "Blake's words"})
    assert clash.status_code == 200
    assert "while you were editing: Alex Ahmed saved it" in words(clash)
    record.refresh_from_db()
    assert getattr(record, field) == "Alex's words"
    assert second.post(url, form_data(clash)).status_code == 302
    record.refresh_from_db()
    assert getattr(record, field) == "Blake's words"

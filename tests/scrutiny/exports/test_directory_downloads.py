"""The committee list and the organisation list as files: everything each page lists, in
its order (committees by council, organisations by kind), in the reader's language, with a
link from each page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Organisation
from scrutiny.models import Committee
from tests.factories import (
    AliasFactory,
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    OrganisationFactory,
    PartnershipFactory,
)
from tests.scrutiny.exports.helpers import by_heading, rows_of

pytestmark = pytest.mark.django_db
KINDS = ["csv", "xlsx"]


def _get(client, name: str, kind: str, *, lang: str = ""):
    """The file's rows, an empty cell as "" (a spreadsheet reads it as None)."""
    rows = rows_of(client.get(lang + reverse(f"{name}-{kind}")), kind)
    return [["" if cell is None else cell for cell in row] for row in rows]


@pytest.fixture
def councils(db):
    vale = CouncilFactory(name="Vale of Glamorgan Council", short_name="VoG")
    cardiff = CouncilFactory(name="Cardiff Council", short_name="")
    care = CommitteeFactory(council=vale, name="Social Care Scrutiny", chair="Cllr Jones")
    CommitteeFactory(council=vale, name="Cabinet", kind=Committee.Kind.CABINET)
    CommitteeFactory(council=cardiff, name="Audit Committee")
    soon = timezone.localdate() + datetime.timedelta(days=14)
    MeetingFactory(committee=care, date=soon)
    MeetingFactory(committee=care, date=soon + datetime.timedelta(days=30))
    MeetingFactory(committee=care, date=datetime.date(2021, 3, 1))  # past: not next
    partnership = PartnershipFactory(name="Regional Partnership Board", short_name="RPB", host=vale)
    AliasFactory(organisation=partnership, name="Cardiff and Vale RPB")
    OrganisationFactory(name="Care Inspectorate Wales", short_name="CIW", kind="national")
    return {"vale": vale, "care": care, "soon": soon}


@pytest.mark.parametrize("kind", KINDS)
def test_the_committees_by_council_with_their_next_meeting(client, councils, kind):
    rows = _get(client, "scrutiny:committee-list", kind)
    assert rows[0] == ["Council", "Committee", "Kind", "Chair", "Next meeting"]
    assert by_heading(rows, "Committee") == ["Audit Committee", "Cabinet", "Social Care Scrutiny"]
    assert by_heading(rows, "Kind") == ["Scrutiny committee", "Cabinet", "Scrutiny committee"]
    assert by_heading(rows, "Chair") == ["", "", "Cllr Jones"]
    next_meeting = by_heading(rows, "Next meeting")
    assert not next_meeting[0] and not next_meeting[1]
    assert str(next_meeting[2])[:10] == str(councils["soon"])


@pytest.mark.parametrize("kind", KINDS)
def test_the_committees_in_welsh(client, councils, kind):
    rows = _get(client, "scrutiny:committee-list", kind, lang="/cy")
    assert rows[0] == ["Cyngor", "Pwyllgor", "Math", "Cadeirydd", "Cyfarfod nesaf"]
    assert by_heading(rows, "Math")[2] == "Pwyllgor craffu"


@pytest.mark.parametrize("kind", KINDS)
def test_the_organisations_by_kind_with_their_other_names(client, councils, kind):
    rows = _get(client, "partnerships:organisation-list", kind)
    assert rows[0] == ["Kind", "Organisation", "Short name", "Other names", "Host authority"]
    named = {row[1]: row for row in rows[1:]}
    assert by_heading(rows, "Organisation") == [
        "Cardiff Council",
        "Vale of Glamorgan Council",
        "Regional Partnership Board",
        "Care Inspectorate Wales",
    ]
    board = named["Regional Partnership Board"]
    assert board[0] == "Partnerships"
    assert board[2:] == ["RPB", "Cardiff and Vale RPB", "Vale of Glamorgan Council"]
    assert named["Care Inspectorate Wales"][0] == "National bodies"


@pytest.mark.parametrize("kind", KINDS)
def test_the_organisations_in_welsh(client, councils, kind):
    rows = _get(client, "partnerships:organisation-list", kind, lang="/cy")
    assert rows[0][:3] == ["Math", "Sefydliad", "Enw byr"]
    assert rows[0][3] != "Other names"
    assert by_heading(rows, "Math")[:3] == ["Cynghorau", "Cynghorau", "Partneriaethau"]


def test_each_list_links_to_its_files(client, councils):
    committees = client.get(reverse("scrutiny:committee-list")).content.decode()
    assert reverse("scrutiny:committee-list-csv") in committees
    assert reverse("scrutiny:committee-list-xlsx") in committees
    organisations = client.get(reverse("partnerships:organisation-list")).content.decode()
    assert reverse("partnerships:organisation-list-csv") in organisations
    assert reverse("partnerships:organisation-list-xlsx") in organisations


def test_no_file_is_offered_for_an_empty_list(client, db):
    Organisation.objects.all().delete()
    committees = client.get(reverse("scrutiny:committee-list")).content.decode()
    assert reverse("scrutiny:committee-list-csv") not in committees
    organisations = client.get(reverse("partnerships:organisation-list")).content.decode()
    assert reverse("partnerships:organisation-list-csv") not in organisations

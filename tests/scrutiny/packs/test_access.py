"""Who may have which pack: the public pack for anyone, the full pack (HTML or PDF) only for
those who may see exempt items, and the meeting page's links to each."""

import pytest

from tests.scrutiny.committee_people import sign_in
from tests.scrutiny.packs.helpers import pack_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "who, status",
    [
        ("anonymous", 403),
        ("partner", 403),
        ("other_democratic_services", 403),
        ("councillor", 200),
        ("officer", 200),
        ("democratic_services", 200),
    ],
)
def test_full_pack_only_for_those_who_may_see_exempt_items(client, scene, people, who, status):
    may, _, _ = scene
    sign_in(client, people, who)
    assert client.get(pack_url(may, full=True)).status_code == status
    assert client.get(pack_url(may)).status_code == 200


def test_full_pack_pdf_is_403_for_a_partner(client, scene, people):
    may, _, _ = scene
    client.force_login(people.partner)
    assert client.get(pack_url(may, pdf=True, full=True)).status_code == 403


def test_meeting_page_links_to_the_packs(client, scene, people):
    may, _, _ = scene
    html = client.get(may.get_absolute_url()).content.decode()
    assert pack_url(may) in html and pack_url(may, pdf=True) in html
    assert "?full=1" not in html
    client.force_login(people.officer)
    html = client.get(may.get_absolute_url()).content.decode()
    assert pack_url(may, pdf=True, full=True) in html

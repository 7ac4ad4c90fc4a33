"""Rendered PDF packs are kept in the shared cache (the database cache in the tests, as in
a default deployment): the same pack asked for again is not rendered again (the response's
X-PDF-Cache header and the render's log line say so), while an edit to anything the pack
shows, the other kind of pack and the other language each get a PDF of their own."""

import logging

import pytest

from tests.scrutiny.packs.helpers import pack_url, pdf_text

pytestmark = pytest.mark.django_db

RENDER_LOG = "scrutiny.exports.pdf"


def renders(caplog) -> int:
    return sum(
        1 for r in caplog.records if r.name == RENDER_LOG and r.msg.startswith("Rendered a PDF")
    )


@pytest.fixture(autouse=True)
def _log_renders(caplog):
    caplog.set_level(logging.INFO, logger=RENDER_LOG)


def test_the_second_request_for_a_pack_is_not_rendered_again(client, scene, caplog):
    may, _, _ = scene
    first = client.get(pack_url(may, pdf=True))
    assert (first["X-PDF-Cache"], renders(caplog)) == ("miss", 1)
    second = client.get(pack_url(may, pdf=True))
    assert (second["X-PDF-Cache"], renders(caplog)) == ("hit", 1)
    assert second.content == first.content
    assert second["Content-Disposition"] == first["Content-Disposition"]


def test_an_edit_to_an_item_makes_a_new_pdf(client, scene, caplog):
    may, _, _ = scene
    before = client.get(pack_url(may, pdf=True))
    item = may.items.get(number=7)
    item.title = "Social Care External Workforce: written update"
    item.save()
    after = client.get(pack_url(may, pdf=True))
    assert (after["X-PDF-Cache"], renders(caplog)) == ("miss", 2)
    assert "Item 7: Social Care External Workforce: written update" in pdf_text(after.content)
    assert "Item 7: Social Care External Workforce: written update" not in pdf_text(before.content)


def test_an_edit_to_an_update_makes_a_new_pdf(client, scene, caplog):
    may, _, recs = scene
    client.get(pack_url(may, pdf=True))
    entry = recs[0].entries.filter(update__item__meeting=may).first()
    entry.text = "Forty new carers started in April."
    entry.save()
    after = client.get(pack_url(may, pdf=True))
    assert (after["X-PDF-Cache"], renders(caplog)) == ("miss", 2)
    assert "Forty new carers started in April." in pdf_text(after.content)


def test_the_full_pack_and_the_welsh_pack_are_pdfs_of_their_own(client, scene, people, caplog):
    may, _, _ = scene
    english_url, full_url = pack_url(may, pdf=True), pack_url(may, pdf=True, full=True)
    welsh_url = "/cy" + english_url
    public = client.get(english_url)
    welsh = client.get(welsh_url)
    assert (welsh["X-PDF-Cache"], renders(caplog)) == ("miss", 2)
    client.force_login(people.democratic_services)
    full = client.get(full_url)
    assert (full["X-PDF-Cache"], renders(caplog)) == ("miss", 3)
    assert "9.18" in pdf_text(full.content) and "9.18" not in pdf_text(public.content)
    assert client.get(english_url)["X-PDF-Cache"] == "hit"
    assert client.get(welsh_url)["X-PDF-Cache"] == "hit"

"""A recommendation's history shows only what the reader may see today (issue 13, "Nothing
leaks"): a deleted update's words and the reason it was deleted are for those who manage
it (who see it in Deleted items), and an exempt item is named only to those who may see
exempt items, even in an update that was moved off it."""

import datetime

import pytest
from django.urls import reverse

from recommendations.services import EntryInput, update_create, update_delete
from tests.support.pages import main_text as text_of

pytestmark = pytest.mark.django_db


def history(client, user, rec) -> str:
    client.force_login(user)
    response = client.get(reverse("recommendations:recommendation-history", args=[rec.pk]))
    assert response.status_code == 200
    return text_of(response)


def _log(officer, rec, item=None, text="Workshops held."):
    return update_create(
        actor=officer,
        given_on=datetime.date(2021, 6, 1) if item is None else item.meeting.date,
        kind="verbal",
        organisation=officer.organisation,
        given_by_role="Strategic Director",
        item=item,
        entries=[EntryInput(recommendation=rec, text=text, new_status="on_track")],
    )


@pytest.mark.parametrize("reader", ["councillor", "officer", "partner_rep"])
def test_a_deleted_updates_words_and_reason_are_gone_for_readers(
    client, request, officer, recs, reader
):
    update = _log(officer, recs[8], text="Workshops with Acme Ltd held.")
    update_delete(update=update, actor=officer, reason="Named a supplier by mistake.")
    page = history(client, request.getfixturevalue(reader), recs[8])
    assert "Acme" not in page
    assert "Named a supplier by mistake" not in page
    assert "Verbal update of 1 June 2021" not in page


def test_democratic_services_still_read_a_deleted_update_and_why(
    client, officer, dem_services, recs
):
    update = _log(officer, recs[8], text="Workshops with Acme Ltd held.")
    update_delete(update=update, actor=officer, reason="Named a supplier by mistake.")
    page = history(client, dem_services, recs[8])
    assert "Acme" in page
    assert "Reason: Named a supplier by mistake." in page


def test_an_exempt_item_is_not_named_after_an_update_moved_off_it(
    client, officer, recs, item, exempt_item, partner_rep, councillor
):
    update = _log(officer, recs[4], item=exempt_item)
    update.item = item
    update.save()
    page = history(client, partner_rep, recs[4])
    assert item.title in page  # the change is there
    assert exempt_item.title not in page
    assert exempt_item.title in history(client, councillor, recs[4])

"""A form left open while someone else deletes what it edits: sending it saves nothing and
answers with what was typed, to copy, instead of a bare 404 that drops it. The
recommendation's and the review's edit forms, the update's correction form, and the
meeting record screen when the meeting was deleted."""

import pytest
from django.urls import reverse

from recommendations.models import ProgressUpdate, Recommendation
from recommendations.services import EntryInput, recommendation_delete, update_create, update_delete
from tests.factories import ReviewFactory
from tests.support.forms import form_data
from tests.support.pages import main_text as text_of

pytestmark = pytest.mark.django_db

TYPED = "That the council funds a care academy with the two universities, from April."


def opened(client, url: str, containing: str) -> dict:
    page = client.get(url)
    assert page.status_code == 200
    return form_data(page, containing=containing)


def assert_kept_after_deletion(response, typed: str = TYPED):
    assert response.status_code == 404
    page = text_of(response)
    assert "Nothing was saved" in page
    assert "someone else may have deleted it" in page
    assert typed in page


def test_the_recommendation_edit_form(client, dem_services, recs):
    client.force_login(dem_services)
    url = reverse("recommendations:recommendation-edit", args=[recs[4].pk])
    sent = opened(client, url, "version") | {"text": TYPED}
    recommendation_delete(recommendation=recs[4], actor=dem_services, reason="A duplicate")

    response = client.post(url, sent)

    assert_kept_after_deletion(response)
    assert Recommendation.all_objects.get(pk=recs[4].pk).text != TYPED


def test_the_update_correction_form(client, officer, recs, item):
    update = update_create(
        actor=officer,
        given_on=item.meeting.date,
        kind="verbal",
        organisation=officer.organisation,
        given_by_role="Strategic Director",
        item=item,
        entries=[EntryInput(recommendation=recs[4], text="Career pathways report received.")],
    )
    client.force_login(officer)
    url = reverse("recommendations:update-edit", args=[update.pk])
    sent = opened(client, url, "csrfmiddlewaretoken")
    text_field = next(name for name in sent if name.endswith("-text"))
    sent[text_field] = TYPED
    update_delete(update=update, actor=officer, reason="Logged twice")

    response = client.post(url, sent)

    assert_kept_after_deletion(response)
    assert not ProgressUpdate.objects.exists()


def test_the_review_edit_form(client, dem_services, council):
    review = ReviewFactory(committee__council=council, title="Carers")
    client.force_login(dem_services)
    url = reverse("scrutiny:review-edit", args=[review.pk])
    sent = opened(client, url, "version") | {"title": TYPED}
    review.delete()

    assert_kept_after_deletion(client.post(url, sent))


def test_the_record_screen_when_the_meeting_was_deleted(client, dem_services, recs, item):
    client.force_login(dem_services)
    url = reverse("scrutiny:meeting-record", args=[item.meeting.pk])
    sent = opened(client, url, "form_token")
    sent |= {
        f"item-6-rec-{recs[4].pk}-text": TYPED,
        "item-6-update-given_by_role": "Strategic Director",
    }
    item.meeting.delete()

    response = client.post(url, sent)

    assert_kept_after_deletion(response)
    assert "Item 6: text" in text_of(response)
    assert "Strategic Director" in text_of(response)


def test_a_forged_address_shows_only_what_was_sent(client, dem_services):
    """The page for a record not there is the same whether it never existed or is hidden:
    it echoes only what the sender sent."""
    client.force_login(dem_services)
    url = reverse("recommendations:recommendation-edit", args=[999999])
    assert_kept_after_deletion(client.post(url, {"text": TYPED, "version": "1"}))

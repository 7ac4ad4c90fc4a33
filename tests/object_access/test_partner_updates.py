"""A partner representative logs updates only on recommendations their body carries:
another recommendation's id slipped into the update form is refused, nothing stored; and
only a meeting closes a recommendation.
"""

from __future__ import annotations

from django.urls import reverse

from recommendations.models import Status, UpdateEntry
from tests.object_access.helpers import date_boxes
from tests.support.forms import page_form
from tests.support.world import World, changed_tables, client_for, snapshot


def _update_body(client, world: World, **entries) -> dict:
    """The update form of review A as the signed-in user is shown it, with ``entries``."""
    url = reverse("recommendations:update-create", kwargs={"review_pk": world.review_a.pk})
    return page_form(client.get(url)).body(**entries)


def test_a_partner_logs_updates_only_on_what_their_body_carries(client, world, db):
    client_for(client, world.partner)
    url = reverse("recommendations:update-create", kwargs={"review_pk": world.review_a.pk})
    page = client.get(url).content.decode()
    assert f"rec-{world.rec_a1.pk}-text" in page
    assert f"rec-{world.rec_a2.pk}-text" not in page, "offered one the body does not carry"

    entries_on_a2 = UpdateEntry.objects.filter(recommendation=world.rec_a2).count()
    before = snapshot()
    for smuggled in (world.rec_a2, world.rec_b, world.draft_rec_a):
        body = _update_body(
            client,
            world,
            **{
                f"rec-{world.rec_a1.pk}-text": "Retention up again.",
                f"rec-{smuggled.pk}-text": "Slipped in.",
                f"rec-{smuggled.pk}-new_status": Status.ACHIEVED,
            },
        )
        response = client.post(url, body)
        assert response.status_code in (200, 403), response.status_code
        assert changed_tables(before, snapshot()) == [], smuggled
    assert UpdateEntry.objects.filter(recommendation=world.rec_a2).count() == entries_on_a2

    # Without the smuggled one, the same update is recorded (so the test can fail).
    body = _update_body(client, world, **{f"rec-{world.rec_a1.pk}-text": "Retention up again."})
    assert client.post(url, body).status_code == 302
    assert UpdateEntry.objects.filter(recommendation=world.rec_a1, text="Retention up again.")


def test_a_partner_cannot_log_on_a_review_whose_recommendations_their_body_does_not_carry(
    client, world, db
):
    world.rec_a1.responsible_bodies.remove(world.partner_body)
    client_for(client, world.partner)
    url = reverse("recommendations:update-create", kwargs={"review_pk": world.review_a.pk})
    assert client.get(url).status_code == 403
    before = snapshot()
    response = client.post(
        url,
        {
            "kind": "written",
            "organisation": str(world.partner_body.pk),
            "given_by_role": "Representative",
            **date_boxes("given_on", 1, 6, 2021),
            f"rec-{world.rec_a1.pk}-text": "Progress.",
            f"rec-{world.rec_a2.pk}-text": "Progress.",
        },
    )
    assert response.status_code == 403
    assert changed_tables(before, snapshot()) == []


def test_a_partner_cannot_close_a_recommendation(client, world, db):
    """Only a meeting (recorded by democratic services) closes a recommendation."""
    client_for(client, world.partner)
    body = _update_body(
        client,
        world,
        item=str(world.item_a.pk),
        **{
            f"rec-{world.rec_a1.pk}-text": "Done.",
            f"rec-{world.rec_a1.pk}-new_status": Status.ACHIEVED,
            f"rec-{world.rec_a1.pk}-reason": "All done.",
        },
    )
    before = snapshot()
    url = reverse("recommendations:update-create", kwargs={"review_pk": world.review_a.pk})
    response = client.post(url, body)
    assert response.status_code in (200, 403)
    assert changed_tables(before, snapshot()) == []
    # An open status, in the same body, is recorded (so the test can fail).
    body[f"rec-{world.rec_a1.pk}-new_status"] = Status.ON_TRACK
    assert client.post(url, body).status_code == 302

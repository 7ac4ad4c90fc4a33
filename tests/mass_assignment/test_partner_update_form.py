"""A partner representative's update form stores only the choices it offered them: their
own body, items they may see, and the kind of update it offers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.mass_assignment.helpers import stored_by, stored_rows
from tests.support.forms import page_form
from tests.support.world import client_for


@pytest.mark.parametrize(
    ("field_name", "value"),
    [
        ("organisation", lambda w: w.council_a.pk),
        ("organisation", lambda w: w.other_body.pk),
        ("item", lambda w: w.exempt_item_a.pk),
        ("item", lambda w: w.item_b.pk),
        ("kind", lambda w: "minutes"),
    ],
)
def test_a_partner_cannot_choose_what_the_form_did_not_offer(client, world, db, field_name, value):
    """A partner representative gives updates for their own body, at items they may see."""
    url = reverse("recommendations:update-create", kwargs={"review_pk": world.review_a.pk})
    client_for(client, world.partner)
    body = page_form(client.get(url)).body(**{f"rec-{world.rec_a1.pk}-text": "Progress."})
    before = stored_rows()
    response = client.post(url, {**body, field_name: str(value(world))})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert stored_by(before, stored_rows()) == {}
    assert client.post(url, body).status_code == 302

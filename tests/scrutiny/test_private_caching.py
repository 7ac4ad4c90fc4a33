"""Signed-in pages show what a shared cache must never keep (exempt items, drafts, a
person's own lists): every response to a signed-in user says ``private, no-store`` unless
the view chose otherwise (issue 13, "Nothing leaks")."""

import pytest
from django.urls import reverse

from tests.support.world import client_for


def _urls(w) -> list[str]:
    return [
        reverse("scrutiny:home"),
        reverse("scrutiny:meeting-detail", kwargs={"pk": w.meeting_a.pk}),
        reverse("scrutiny:review-detail", kwargs={"pk": w.draft_review_a.pk}),
        reverse("recommendations:recommendation-detail", kwargs={"pk": w.rec_a1.pk}),
        reverse("recommendations:update-detail", kwargs={"pk": w.exempt_update_a.pk}),
        reverse("scrutiny:review-tracker-xlsx", kwargs={"pk": w.review_a.pk}),
        reverse("scrutiny:search") + "?q=contract",
        reverse("recommendations:recommendation-list"),
    ]


def test_signed_in_pages_are_private_and_not_stored(client, world, db):
    client_for(client, world.councillor)
    for url in _urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
        assert {"private", "no-store"} <= directives, (url, response.get("Cache-Control"))


def test_a_view_that_chose_its_caching_keeps_it(client, world, db):
    client_for(client, world.councillor)
    response = client.get(reverse("theme-css"))
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["scrutiny:meeting-detail"])
def test_public_pages_are_left_to_shared_caches_for_anonymous_visitors(client, world, db, name):
    response = client.get(reverse(name, kwargs={"pk": world.meeting_a.pk}))
    assert "no-store" not in response.get("Cache-Control", "")

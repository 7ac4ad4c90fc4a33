"""The API reads a review, a recommendation and a meeting one at a time, with the pages'
visibility (a draft review, its recommendations and deleted ones are not found by those
who may not see them), and gives statuses and responses as labels in the reader's
language (``?lang=cy`` or Accept-Language: cy), a status in its council's own words."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from recommendations.models import Response, Status, StatusWord
from scrutiny.models import Review
from tests.factories import RecommendationFactory, ReviewFactory, UpdateEntryFactory
from tests.support.world import client_for

pytestmark = pytest.mark.django_db


def _get(client, path: str, **headers):
    return client.get(f"/api/v1/{path}", headers=headers)


def test_one_at_a_time_as_the_pages_show_them(world, client):
    review = _get(client, f"reviews/{world.review_a.pk}").json()
    assert review["id"] == world.review_a.pk and review["title"] == world.review_a.title
    rec = _get(client, f"recommendations/{world.rec_a1.pk}").json()
    assert (rec["id"], rec["status"]) == (world.rec_a1.pk, "on_track")  # not the exempt pause
    meeting = _get(client, f"meetings/{world.meeting_a.pk}").json()
    assert meeting["date"] == str(world.meeting_a.date)
    hidden = [
        f"reviews/{world.draft_review_a.pk}",
        f"recommendations/{world.draft_rec_a.pk}",
        f"recommendations/{world.deleted_rec_a.pk}",
        "meetings/999999",
    ]
    for path in hidden:
        response = _get(client, path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Not Found"}
    client_for(client, world.democratic)
    assert _get(client, f"reviews/{world.draft_review_a.pk}").status_code == 200
    assert _get(client, f"recommendations/{world.draft_rec_a.pk}").status_code == 200
    assert _get(client, f"recommendations/{world.rec_a1.pk}").json()["status"] == "paused"
    assert _get(client, f"recommendations/{world.deleted_rec_a.pk}").status_code == 404
    assert _get(client, f"reviews/{world.draft_review_b.pk}").status_code == 404


@pytest.fixture
def slipped(db):
    review = ReviewFactory(title="Workforce")
    rec = RecommendationFactory(review=review, response=Response.ACCEPTED)
    UpdateEntryFactory(
        recommendation=rec,
        new_status=Status.SLIPPED,
        reason="Recruitment.",
        text="Late.",
        revised_target_date=datetime.date(2023, 3, 31),
    )
    StatusWord.objects.create(
        council=review.committee.council,
        status=Status.SLIPPED,
        label="Delayed",
        label_cy="Wedi oedi",
    )
    return rec


def _welsh(label) -> str:
    with translation.override("cy"):
        return str(label)


def test_labels_in_the_readers_language_in_the_councils_words(client, slipped):
    council = f"council={slipped.review.committee.council_id}"
    english = _get(client, f"recommendations/{slipped.pk}").json()
    assert (english["status"], english["status_label"]) == ("slipped", "Delayed")
    assert english["response_label"] == "Accepted"
    welsh = _get(client, f"recommendations/{slipped.pk}?lang=cy").json()
    assert welsh["status_label"] == "Wedi oedi"
    assert welsh["response_label"] == _welsh(Response.ACCEPTED.label) != "Accepted"
    asked = _get(client, f"recommendations?{council}", **{"Accept-Language": "cy"}).json()[
        "results"
    ][0]
    assert (asked["status"], asked["status_label"]) == ("slipped", "Wedi oedi")
    review = _get(client, f"reviews?lang=cy&{council}").json()["results"][0]
    assert review["status_label"] == _welsh(Review.Status.MONITORING.label)
    entry = _get(client, f"updates?lang=cy&{council}").json()["results"][0]["entries"][0]
    assert entry["new_status_label"] == "Wedi oedi"
    assert _get(client, f"reviews/{slipped.review_id}?lang=en", **{"Accept-Language": "cy"}).json()[
        "status_label"
    ] == str(Review.Status.MONITORING.label)
    assert _get(client, "reviews?lang=fr").status_code == 422


def test_the_openapi_description_gives_the_items_and_the_labels(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in ("reviews/{review_id}", "recommendations/{recommendation_id}"):
        operation = paths[f"/api/v1/{path}"]["get"]
        assert set(operation["responses"]) == {"200", "404"}
        assert "lang" in {p["name"] for p in operation["parameters"]}
    assert "/api/v1/meetings/{meeting_id}" in paths
    fields = schema["components"]["schemas"]["RecommendationOut"]["properties"]
    assert {"status_label", "response_label"} <= set(fields)

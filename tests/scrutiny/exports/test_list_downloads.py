"""The recommendation list downloads as CSV and XLSX: every page of it, as its filters
narrow it, up to EXPORT_MAX_ROWS; what the page hides (draft reviews outside their
council, deleted recommendations, updates at exempt items) the file hides; in the reader's
language with the council's status words; in a fixed number of queries however long."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from recommendations.models import Recommendation, Status, StatusWord
from tests.factories import (
    PartnershipFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)
from tests.scrutiny.exports.helpers import by_heading, rows_of
from tests.scrutiny.exports.scenes import build_scene
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db
KINDS = ["csv", "xlsx"]


def url(kind: str, language: str = "") -> str:
    return language + reverse(f"recommendations:recommendation-list-{kind}")


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_of_the_list_and_nothing_the_page_hides(client, monkeypatch, kind):
    monkeypatch.setattr("recommendations.views.recommendations.PAGE_SIZE", 2)
    scene = build_scene()
    draft = ReviewFactory(committee=scene.committee, published=False, title="Draft review")
    RecommendationFactory(review=draft, reference="D1", text="Draft words")
    gone = RecommendationFactory(review=scene.review, reference="99", text="Deleted words")
    Recommendation.all_objects.filter(pk=gone.pk).update(
        deleted_at=datetime.datetime.now(datetime.UTC), deletion_reason="Entered twice"
    )

    rows = rows_of(client.get(url(kind)), kind)
    assert by_heading(rows, "Ref.") == ["1", "2", "4", "5", "6", "R3a"]
    flat = repr(rows)
    assert "Draft words" not in flat and "Deleted words" not in flat
    assert "Staffing figures" not in flat  # given at an exempt item

    client.force_login(scene.clerk)  # the council's own: its draft, and the exempt update
    rows = rows_of(client.get(url(kind)), kind)
    assert "D1" in by_heading(rows, "Ref.")
    assert "EXEMPT – not for publication. Staffing figures." in by_heading(rows, "Latest update")
    assert "Deleted words" not in repr(rows)


@pytest.mark.parametrize("kind", KINDS)
def test_the_file_holds_what_the_filters_choose(client, kind):
    scene = build_scene()
    body = scene.recs["R3a"].responsible_bodies.get()
    rows = rows_of(client.get(url(kind), {"status": Status.SLIPPED}), kind)
    assert by_heading(rows, "Ref.") == ["R3a"]
    rows = rows_of(client.get(url(kind), {"body": body.pk, "page": "2"}), kind)
    assert by_heading(rows, "Ref.") == ["1", "R3a"]


def test_invalid_filters_go_back_to_the_list_which_says_what_is_wrong(client):
    build_scene()
    response = client.get(url("csv"), {"no_update_for": "abc"})
    assert response.status_code == 302
    assert response["Location"] == reverse("recommendations:recommendation-list") + (
        "?no_update_for=abc"
    )


def test_the_file_holds_at_most_export_max_rows(client, settings):
    build_scene()
    settings.EXPORT_MAX_ROWS = 2
    assert by_heading(rows_of(client.get(url("csv")), "csv"), "Ref.") == ["1", "2"]


@pytest.mark.parametrize("kind", KINDS)
def test_in_welsh_with_the_councils_own_status_words(client, kind):
    scene = build_scene()
    StatusWord.objects.create(
        council=scene.council, status=Status.ON_TRACK, label="Green", label_cy="Gwyrdd"
    )
    english = rows_of(client.get(url(kind)), kind)
    assert by_heading(english, "Status")[0] == "Green"
    welsh = rows_of(client.get(url(kind, "/cy")), kind)
    assert welsh[0][0] != "Ref." and "Status" not in welsh[0]
    assert welsh[1][7] == "Gwyrdd"
    with translation.override("cy"):
        paused = str(Status.PAUSED.label)
    assert (welsh[3][0], welsh[3][7]) == ("4", paused) and paused != "Paused"


def _grow(scene, size: int) -> None:
    body = PartnershipFactory()
    update = ProgressUpdateFactory(organisation=scene.council)
    for n in range(size):
        rec = RecommendationFactory(review=scene.review, reference=f"X{n}")
        rec.responsible_bodies.set([body])
        UpdateEntryFactory(update=update, recommendation=rec, new_status=Status.ON_TRACK)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("size", [2, 40])
def test_the_download_runs_the_same_queries_however_long_the_list(
    client, django_assert_num_queries, kind, size
):
    scene = build_scene()
    _grow(scene, size)
    client.force_login(scene.clerk)
    # The session, the user and their groups; the filters' councils and committees, and
    # bodies; the status words; the keys of the rows; the rows with their statuses and
    # latest updates; their bodies.
    with django_assert_num_queries(9 + SESSION_SAVE):
        rows = rows_of(client.get(url(kind), {"status": Status.ON_TRACK}), kind)
    assert len(rows) == 1 + size + 1

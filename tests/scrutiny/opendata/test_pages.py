"""The open data page, the API's documentation and description, its paging and filters, and
the fixed number of queries each download, API page and feed takes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from recommendations.models import Status
from scrutiny.common.feed_tokens import feed_token
from tests.factories import (
    AgreedActionFactory,
    CouncilFactory,
    MeetingFactory,
    PartnershipFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)

pytestmark = pytest.mark.django_db

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def _file_url(dataset: str, fmt: str) -> str:
    return reverse("scrutiny:open-data-file", kwargs={"dataset": dataset, "fmt": fmt})


def test_every_page_links_to_the_open_data_page_which_lists_each_download(client):
    CouncilFactory(name="Ashby Borough Council")
    CouncilFactory(name="Brent Vale Council")
    home = client.get("/").content.decode()
    assert f'href="{reverse("scrutiny:open-data")}"' in home
    page = client.get(reverse("scrutiny:open-data")).content.decode()
    for dataset in ("reviews", "recommendations", "updates", "actions"):
        for fmt in ("csv", "json"):
            assert f'href="{_file_url(dataset, fmt)}"' in page
    assert "Open Government Licence v3.0" in page and f'href="{OGL}"' in page
    assert "Ashby Borough Council" in page and "Brent Vale Council" in page
    assert f'href="{reverse("scrutiny:api-docs")}"' in page


def test_the_open_data_page_in_welsh(client):
    page = client.get("/cy" + reverse("scrutiny:open-data")).content.decode()
    assert "Data agored" in page and "Drwydded Llywodraeth Agored" in page


def test_the_api_docs_page_lists_each_list_and_its_fields(client):
    assert client.get("/api/v1/docs").url == reverse("scrutiny:api-docs")
    page = client.get(reverse("scrutiny:api-docs")).content.decode()
    for name in ("reviews", "recommendations", "updates", "actions", "meetings"):
        assert f"GET /<wbr>api/<wbr>v1/<wbr>{name}</code>" in page
    assert "<code>responsible_body_names</code>" in page  # a field of an item
    assert "<code>page_size</code>" in page  # a parameter
    assert "<code>no_update_for</code>" in page  # a filter of the recommendation list


def test_the_openapi_description(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        f"/api/v1/{name}"
        for name in ("reviews", "recommendations", "updates", "actions", "meetings")
    } | {
        "/api/v1/reviews/{review_id}",
        "/api/v1/recommendations/{recommendation_id}",
        "/api/v1/meetings/{meeting_id}",
    }
    assert "Open Government Licence v3.0" in schema["info"]["description"]


def test_api_pages_by_number_up_to_the_most_a_page_holds(client):
    review = ReviewFactory()
    recs = [RecommendationFactory(review=review) for _ in range(5)]
    first = client.get("/api/v1/recommendations?page_size=2").json()
    assert (first["count"], first["pages"], first["previous"]) == (5, 3, None)
    assert [r["id"] for r in first["results"]] == [rec.pk for rec in recs[:2]]
    assert first["next"].endswith("/api/v1/recommendations?page_size=2&page=2")
    last = client.get("/api/v1/recommendations?page_size=2&page=3").json()
    assert [r["id"] for r in last["results"]] == [recs[4].pk]
    assert last["next"] is None and last["previous"].endswith("page=2")
    assert client.get("/api/v1/recommendations?page_size=501").status_code == 422
    assert client.get("/api/v1/recommendations?page=0").status_code == 422
    assert client.get("/api/v1/recommendations?page=9").json()["results"] == []


def test_the_recommendation_list_takes_the_list_pages_filters(client):
    review = ReviewFactory()
    other = ReviewFactory()
    on_track = RecommendationFactory(review=review)
    RecommendationFactory(review=review)
    RecommendationFactory(review=other)
    UpdateEntryFactory(recommendation=on_track, new_status=Status.ON_TRACK)
    body = client.get(
        f"/api/v1/recommendations?committee={review.committee_id}&review={review.pk}"
        "&status=on_track"
    ).json()
    assert [r["id"] for r in body["results"]] == [on_track.pk]
    assert body["results"][0]["status"] == "on_track"
    bad = client.get("/api/v1/recommendations?status=done&no_update_for=abc")
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"status", "no_update_for"}


def _world_of(size: int) -> None:
    """``size`` of each: recommendations (each carried by two bodies, with an update),
    reviews, agreed actions and meetings, for one council."""
    council = CouncilFactory()
    review = ReviewFactory(committee__council=council)
    for _ in range(size):
        rec = RecommendationFactory(review=review)
        rec.responsible_bodies.add(PartnershipFactory(), PartnershipFactory())
        UpdateEntryFactory(recommendation=rec, new_status=Status.ON_TRACK)
        ReviewFactory(committee=review.committee)
        meeting = MeetingFactory(committee=review.committee)
        AgreedActionFactory(meeting=meeting, review=review)


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("dataset", ["reviews", "recommendations", "updates", "actions"])
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_download_streams_in_one_query(client, size, dataset, fmt, django_assert_num_queries):
    _world_of(size)
    with django_assert_num_queries(1):
        response = client.get(_file_url(dataset, fmt))
        text = b"".join(response.streaming_content).decode("utf-8-sig")
    if fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(text)))) >= size
    else:
        assert len(json.loads(text)["items"]) >= size


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize(
    "name, queries",
    # A count and the page; the updates' entries one more and their status words one; the
    # recommendation list's filters three (as on the list page: councils with committees,
    # bodies, status words, read once for the filters and the labels).
    [("reviews", 2), ("recommendations", 5), ("updates", 4), ("actions", 2), ("meetings", 2)],
)
def test_an_api_page_takes_a_fixed_number_of_queries(
    client, size, name, queries, django_assert_num_queries
):
    _world_of(size)
    with django_assert_num_queries(queries):
        body = client.get(f"/api/v1/{name}").json()
    assert len(body["results"]) >= size


@pytest.mark.parametrize("size", [3, 30])
def test_a_committees_calendar_takes_two_queries(client, size, django_assert_num_queries):
    meeting = MeetingFactory()
    for _ in range(size):
        MeetingFactory(committee=meeting.committee)
    url = reverse("scrutiny:committee-meetings-ics", kwargs={"pk": meeting.committee_id})
    with django_assert_num_queries(2):
        assert client.get(url).content.count(b"BEGIN:VEVENT") == size + 1


def test_a_download_writes_formulas_as_text(client):
    RecommendationFactory(title='=HYPERLINK("http://example.com")', lead_officer="+44 1234")
    text = b"".join(client.get(_file_url("recommendations", "csv")).streaming_content)
    row = next(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
    assert row["title"] == '\'=HYPERLINK("http://example.com")'
    assert row["lead_officer"] == "'+44 1234"


def test_the_json_says_its_licence(client):
    RecommendationFactory()
    body = json.loads(b"".join(client.get(_file_url("reviews", "json")).streaming_content))
    assert body["licence"] == {"name": "Open Government Licence v3.0", "url": OGL}
    response = client.get(_file_url("reviews", "csv"))
    assert response["Link"] == f'<{OGL}>; rel="license"'
    assert response["Content-Disposition"] == 'attachment; filename="reviews.csv"'


def test_feed_token_is_not_the_same_for_two_users(db):
    from tests.factories import UserFactory

    assert feed_token(UserFactory()) != feed_token(UserFactory())

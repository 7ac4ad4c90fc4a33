"""Open data and the API show exactly what the public pages show: in a world with an exempt
item (and an update, a decision and an action at it), a draft review (with a recommendation,
an update and an action about it) and deleted recommendations and updates, none of them
appears in any download or API list, by its words or by its id; a signed-in reader of the
API sees what their pages show them."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from tests.support.world import DRAFT_MARK, EXEMPT_MARK, client_for, words

pytestmark = pytest.mark.django_db

DATASETS = ["reviews", "recommendations", "updates", "actions"]
API_LISTS = ["reviews", "recommendations", "updates", "actions", "meetings"]


def _download(client, dataset: str, fmt: str, query: str = "") -> str:
    url = reverse("scrutiny:open-data-file", kwargs={"dataset": dataset, "fmt": fmt})
    response = client.get(url + query)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content).decode("utf-8-sig")


def _ids(dataset: str, text: str, fmt: str) -> set[int]:
    """The ids of what a file lists (updates: the updates'; each entry's recommendation's
    ids too, under ``("rec", id)``)."""
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        key = "update_id" if dataset == "updates" else "id"
        found = {int(row[key]) for row in rows}
        if dataset == "updates":
            found |= {("rec", int(row["recommendation_id"])) for row in rows}
        return found
    items = json.loads(text)["items"]
    found = {item["id"] for item in items}
    if dataset == "updates":
        found |= {("rec", e["recommendation_id"]) for i in items for e in i["entries"]}
    return found


def _hidden(world) -> dict[str, set]:
    """What the public must never see, by dataset: ids."""
    return {
        "reviews": {world.draft_review_a.pk, world.draft_review_b.pk},
        "recommendations": {world.draft_rec_a.pk, world.deleted_rec_a.pk, world.deleted_rec_b.pk},
        "updates": {
            world.exempt_update_a.pk,
            world.draft_update_a.pk,
            world.deleted_update_a.pk,
            world.deleted_update_b.pk,
            ("rec", world.draft_rec_a.pk),
            ("rec", world.deleted_rec_a.pk),
            ("rec", world.deleted_rec_b.pk),
        },
        "actions": {world.exempt_action_a.pk},
    }


def _shown(world) -> dict[str, set]:
    """What the public pages do show, by dataset: ids (so the absence above is not of an
    empty file)."""
    return {
        "reviews": {world.review_a.pk, world.review_b.pk},
        "recommendations": {world.rec_a1.pk, world.rec_a2.pk, world.rec_b.pk},
        "updates": {world.update_a.pk, world.update_b.pk},
        "actions": {world.action_a.pk, world.draft_action_a.pk, world.action_b.pk},
    }


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("role", ["anonymous", "democratic", "admin"])
def test_downloads_hold_only_public_data_whoever_asks(world, client, dataset, fmt, role):
    """Open data is the public's: a signed-in member downloads the public files too."""
    text = _download(client_for(client, world.user(role)), dataset, fmt)
    assert EXEMPT_MARK.lower() not in words(text)
    assert DRAFT_MARK.lower() not in words(text)
    assert "Logged twice." not in text  # the deleted updates' words
    assert "entered by mistake" not in text and "Entered twice" not in text
    ids = _ids(dataset, text, fmt)
    assert not ids & _hidden(world)[dataset]
    assert _shown(world)[dataset] <= ids


def test_an_action_about_a_draft_review_does_not_name_it(world, client):
    """As on the committee's page: the action shows, the draft review's id does not."""
    items = json.loads(_download(client, "actions", "json"))["items"]
    draft = next(i for i in items if i["id"] == world.draft_action_a.pk)
    assert draft["about_review_id"] is None
    public = next(i for i in items if i["id"] == world.action_a.pk)
    assert public["about_review_id"] == world.review_a.pk


def test_the_public_status_leaves_out_an_update_at_an_exempt_item(world, client):
    """rec_a1 was paused at the exempt item after it was on track in public: the public's
    file says on track (the kept public timeline), and never the exempt reason."""
    items = json.loads(_download(client, "recommendations", "json"))["items"]
    rec = next(i for i in items if i["id"] == world.rec_a1.pk)
    assert rec["status"] == "on_track"
    assert rec["responsible_body_names"] == "Care Workforce Partnership"


def _api(client, name: str, query: str = "") -> dict:
    response = client.get(f"/api/v1/{name}{query}")
    assert response.status_code == 200, response.content
    return response.json()


def _api_ids(name: str, body: dict) -> set:
    found = {item["id"] for item in body["results"]}
    if name == "updates":
        found |= {("rec", e["recommendation_id"]) for i in body["results"] for e in i["entries"]}
    return found


@pytest.mark.parametrize("name", API_LISTS)
def test_the_api_shows_the_public_what_the_pages_show(world, client, name):
    body = _api(client, name, "?page_size=500")
    text = json.dumps(body, ensure_ascii=False)
    assert EXEMPT_MARK.lower() not in words(text)
    assert DRAFT_MARK.lower() not in words(text)
    assert "Logged twice." not in text
    assert body["licence"]["name"] == "Open Government Licence v3.0"
    if name != "meetings":
        ids = _api_ids(name, body)
        assert not ids & _hidden(world)[name]
        assert _shown(world)[name] <= ids


def test_a_council_member_sees_their_exempt_and_draft_business_in_the_api(world, client):
    """Council A's democratic services see its draft review, its draft recommendation and
    the update at the exempt item, as on their pages; never a deleted one."""
    client_for(client, world.democratic)
    reviews = _api_ids("reviews", _api(client, "reviews"))
    assert world.draft_review_a.pk in reviews and world.draft_review_b.pk not in reviews
    recs = _api(client, "recommendations")
    rec_a1 = next(r for r in recs["results"] if r["id"] == world.rec_a1.pk)
    assert rec_a1["status"] == "paused"  # the exempt update counts for them
    ids = _api_ids("recommendations", recs)
    assert world.draft_rec_a.pk in ids and world.deleted_rec_a.pk not in ids
    updates = _api_ids("updates", _api(client, "updates"))
    assert world.exempt_update_a.pk in updates and world.deleted_update_a.pk not in updates
    actions = _api_ids("actions", _api(client, "actions"))
    assert world.exempt_action_a.pk in actions


def test_the_council_filter_narrows_every_download_and_list(world, client):
    query = f"?council={world.council_b.pk}"
    recs = json.loads(_download(client, "recommendations", "json", query))
    assert recs["council_id"] == world.council_b.pk
    assert {i["id"] for i in recs["items"]} == {world.rec_b.pk}
    assert _api_ids("updates", _api(client, "updates", query)) == {
        world.update_b.pk,
        ("rec", world.rec_b.pk),
    }
    assert _api_ids("actions", _api(client, "actions", query)) == {world.action_b.pk}


def test_a_council_that_is_not_one_is_not_found(world, client):
    url = reverse("scrutiny:open-data-file", kwargs={"dataset": "reviews", "fmt": "csv"})
    assert client.get(url + f"?council={world.partner_body.pk}").status_code == 404
    assert client.get(url + "?council=abc").status_code == 404
    assert client.get(url.replace("reviews", "users")).status_code == 404
    assert client.get(url.replace(".csv", ".xml")).status_code == 404

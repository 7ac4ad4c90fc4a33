"""Ids and values in addresses no record or form can use, and request bodies that are not
UTF-8: not found, ignored or a clear 400, never a server error."""

from __future__ import annotations

import pytest

from scrutiny.models import Committee
from tests.hostile_input.helpers import pk_in
from tests.support.hostile import assert_no_raw_markup, assert_saved

pytestmark = pytest.mark.django_db


HUGE = "99999999999999999999"


def test_ids_no_record_has_are_not_found_never_a_server_error(ds, w):
    for url in [
        f"/committees/{HUGE}/",
        f"/committees/{HUGE}/edit/",
        f"/meetings/{HUGE}/",
        f"/meetings/{HUGE}/pack/",
        f"/meetings/{HUGE}/record/",
        f"/meetings/{HUGE}/due/",
        f"/items/{HUGE}/edit/",
        f"/actions/{HUGE}/edit/",
        f"/reviews/{HUGE}/",
        f"/reviews/{HUGE}/tracker.xlsx",
        f"/reviews/{HUGE}/tracker.csv",
        f"/committees/{HUGE}/recommendations.csv",
        f"/committees/{HUGE}/actions.xlsx",
        f"/organisations/{HUGE}/recommendations.xlsx",
        f"/organisations/{HUGE}/actions.csv",
        f"/decisions/{HUGE}/",
        f"/recommendations/{HUGE}/",
        f"/updates/{HUGE}/",
        f"/organisations/{HUGE}/",
    ]:
        assert ds.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "query",
    [
        f"item={HUGE}&recommendation={HUGE}",
        "item=%C2%B2&recommendation=%C2%B2",  # superscript two: isdigit() but not int()
        "item=-1&recommendation=0x10",
        "item=%00&recommendation=%3Cscript%3E",
    ],
)
def test_update_page_preselection_ignores_ids_it_cannot_use(ds, w, query):
    response = ds.get(f"/reviews/{w.review.pk}/updates/new/?{query}")
    assert response.status_code == 200
    assert_no_raw_markup(response.content.decode())


@pytest.mark.parametrize(
    "query", ["as_at=2021-02-31", "as_at=99999-01-01", "as_at=%3Cscript%3E", "as_at=%00"]
)
def test_tracker_as_at_that_is_no_date_is_a_clear_400(ds, w, query):
    response = ds.get(f"/reviews/{w.review.pk}/tracker.xlsx?{query}")
    assert response.status_code == 400
    assert b"real date" in response.content


def test_bytes_that_are_not_utf8_are_read_as_replacement_characters(ds, w):
    body = f"council={w.council.pk}&kind=scrutiny&update_request_days=21&name=%FF%FEBad%C3".encode()
    response = ds.post("/committees/new/", body, content_type="application/x-www-form-urlencoded")
    committee = Committee.objects.get(pk=pk_in(assert_saved(response)))
    assert committee.name == "\ufffd\ufffdBad\ufffd"
    assert ds.get("/recommendations/?status=%FF%FE").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=%3Cscript%3E&kind=nonsense",
        f"q=care&kind=actions&page={HUGE}",
        "status=nonsense&page=-1",
        f"after={HUGE}&before=%C2%B2&review={HUGE}",
    ],
)
def test_download_queries_no_list_can_use_never_a_server_error(ds, w, query):
    for path in ("/recommendations/download.csv", "/search/results.xlsx"):
        assert ds.get(f"{path}?{query}").status_code in (200, 302), (path, query)

"""Search finds a recommendation by its reference as the council writes it ("R10", "3a",
"OSC (24/25) 07"), on SQLite and PostgreSQL alike, ignoring case, spaces and punctuation;
such a match comes first, its full reference marked in its title; a draft review's
recommendations stay hidden from those who may not see them."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from scrutiny.selectors import search
from tests.factories import RecommendationFactory
from tests.scrutiny.test_search import URL, _only_bitmap_scans, postgres_only, results
from tests.support.world import client_for


@pytest.fixture
def refs(world):
    """Recommendations of world.review_a with references councils use."""
    make = lambda ref, title: RecommendationFactory(  # noqa: E731
        review=world.review_a, reference=ref, title=title, text="That the service improves."
    )
    return {
        "R1": make("R1", "Kestrel nesting"),
        "R10": make("R10", "Heron ponds"),
        "R100": make("R100", "Osprey platforms"),
        "3a": make("3a", "Curlew meadows"),
        "OSC (24/25) 07": make("OSC (24/25) 07", "Lapwing fields"),
    }


@pytest.mark.parametrize(
    ("q", "ref"),
    [
        ("R10", "R10"),
        ("r10", "R10"),
        (" R10 ", "R10"),
        ("3a", "3a"),
        ("3A", "3a"),
        ("OSC (24/25) 07", "OSC (24/25) 07"),
        ("osc 24/25 07", "OSC (24/25) 07"),
        ("OSC (24/25) 7", "OSC (24/25) 07"),
    ],
)
def test_a_recommendation_is_found_by_its_reference(client, world, db, refs, q, ref):
    got = results(client, q).get("recommendations", [])
    assert got and got[0] == refs[ref].get_absolute_url(), got
    others = {r.get_absolute_url() for key, r in refs.items() if key != ref}
    assert not others & set(got), "R10 is not R1 nor R100"


def test_the_full_reference_is_shown_and_marked_in_the_result(client, world, db, refs):
    page = client.get(URL, {"q": "osc 24/25 07"}).content.decode()
    assert "<mark>OSC (24/25) 07</mark>. Lapwing fields" in page
    page = client.get(URL, {"q": "lapwing"}).content.decode()
    assert "OSC (24/25) 07. <mark>Lapwing</mark> fields" in page, "found by words: in full"


def test_a_match_by_reference_comes_before_matches_by_words(client, world, db, refs):
    mentions = RecommendationFactory(
        review=world.review_a, reference="60", title="Follow up R10", text="As R10 asked."
    )
    got = results(client, "R10")["recommendations"]
    assert got[0] == refs["R10"].get_absolute_url()
    assert mentions.get_absolute_url() in got[1:]


def test_a_query_with_no_letter_or_digit_finds_no_reference(client, world, db, refs):
    for q in ("()", "-", "/"):
        assert "recommendations" not in results(client, q)


def test_a_draft_reviews_recommendation_is_not_found_by_reference_by_those_who_may_not(
    client, world, db
):
    hidden = RecommendationFactory(review=world.draft_review_a, reference="DRAFT (9)")
    url = hidden.get_absolute_url()
    for who in (None, world.partner, world.officer_b):
        client_for(client, who)
        assert url not in results(client, "draft (9)").get("recommendations", []), who
    client_for(client, world.democratic)
    assert results(client, "draft (9)")["recommendations"] == [url]


@postgres_only
def test_a_search_by_reference_reads_its_index(world, db):
    query = search.Query.parse("OSC (24/25) 07")
    with transaction.atomic(), connection.cursor() as cursor:
        _only_bitmap_scans(cursor)
        plan = search.found_recommendations(world.democratic, query).explain()
    assert "Bitmap Index Scan on recommendation_reference" in plan, plan
    assert "Bitmap Index Scan on rec_search_en_gin" in plan, plan

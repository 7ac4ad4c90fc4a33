"""Search (``/search/?q=...``): it finds each kind of record, organisations by their
aliases, and only what the reader may see; on PostgreSQL it stems, ranks and reads the GIN
indexes; no query, however hostile, gives a 500 or becomes markup."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from recommendations.models import ProgressUpdate, Recommendation, UpdateEntry
from scrutiny.models import AgreedAction, DecisionPoint, ExecutiveDecision, Review
from scrutiny.selectors import search
from tests.factories import (
    AliasFactory,
    DecisionPointFactory,
    ExecutiveDecisionFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    UpdateEntryFactory,
)
from tests.support.world import DRAFT_MARK, EXEMPT_MARK, client_for, words

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search (stemming, ranking, indexes) is PostgreSQL's: run the tests "
    "with DATABASE_URL=postgres://... to test it",
)

URL = reverse("scrutiny:search")
_SECTION = re.compile(r'<section class="app-search-group" id="results-([a-z]+)".*?</section>', re.S)
_HIT = re.compile(
    r'<h3 class="govuk-heading-s app-search-result__title"><a class="govuk-link" href="([^"]+)">'
)


def results(client, q: str, **params) -> dict[str, list[str]]:
    """The page's results for ``q``: each kind's result addresses, in order."""
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200
    page = response.content.decode()
    return {
        m.group(1): [unescape(u) for u in _HIT.findall(m.group(0))] for m in _SECTION.finditer(page)
    }


def found(client, q: str) -> set[str]:
    return {url for urls in results(client, q).values() for url in urls}


# --- Each kind, aliases -------------------------------------------------------------------


def test_finds_each_kind_with_a_link_to_its_page(client, world, db):
    decision = ExecutiveDecisionFactory(
        decided_by=world.cabinet_a, title="Library opening hours", referred_to_item=world.item_a
    )
    DecisionPointFactory(decision=decision, text="THAT mobile libraries keep running.")
    cases = [
        ("retention", "recommendations", world.rec_a1.get_absolute_url()),
        ("external workforce", "reviews", world.review_a.get_absolute_url()),
        ("recruitment campaign", "updates", world.update_a.get_absolute_url()),  # summary
        ("cooperatives", "updates", world.update_a.get_absolute_url()),  # an entry's text
        ("detailed update report", "actions", world.action_a.get_absolute_url()),
        ("opening hours", "decisions", decision.get_absolute_url()),  # its title
        ("mobile libraries", "decisions", decision.get_absolute_url()),  # a resolution
        ("Care Workforce Partnership", "organisations", world.partner_body.get_absolute_url()),
        ("CWP", "organisations", world.partner_body.get_absolute_url()),  # short name
    ]
    for q, kind, url in cases:
        got = results(client, q)
        assert url in got.get(kind, []), (q, got)


def test_an_organisation_is_found_by_its_alias_in_any_case(client, world, db):
    AliasFactory(organisation=world.partner_body, name="LSDG")
    for q in ("LSDG", "lsdg"):
        assert results(client, q)["organisations"] == [world.partner_body.get_absolute_url()]
    page = client.get(URL, {"q": "LSDG"}).content.decode()
    assert "<mark>LSDG</mark>" in page, "the alias that matched is shown, marked"


def test_every_word_must_match(client, world, db):
    assert world.rec_a1.get_absolute_url() in found(client, "improving retention")
    assert world.rec_a1.get_absolute_url() not in found(client, "retention zebra")


def test_welsh_text_is_searched(client, world, db):
    world.rec_a2.text_cy = "Dod o hyd i atebion cymunedol a chydweithredol."
    world.rec_a2.save()
    assert results(client, "cymunedol")["recommendations"] == [world.rec_a2.get_absolute_url()]


# --- Who sees what -------------------------------------------------------------------------

HIDDEN_SEARCHES = ["contract", "closures", "home", "provider", "retendered or visited", "bid"]


@pytest.mark.parametrize("who", ["anonymous", "partner", "officer_b", "democratic_b"])
def test_exempt_and_draft_records_are_not_found_by_those_who_may_not_see_them(
    client, world, db, who
):
    client_for(client, None if who == "anonymous" else getattr(world, who))
    hidden = {
        world.draft_review_a.get_absolute_url(),
        world.draft_rec_a.get_absolute_url(),
        world.exempt_update_a.get_absolute_url(),
        world.draft_update_a.get_absolute_url(),
        world.exempt_decision_a.get_absolute_url(),
        world.exempt_action_a.get_absolute_url(),
    }
    for q in HIDDEN_SEARCHES:
        page = client.get(URL, {"q": q}).content.decode()
        assert words(EXEMPT_MARK) not in words(page), (who, q)
        assert words(DRAFT_MARK) not in words(page), (who, q)
        assert not hidden & found(client, q), (who, q)


def test_the_councils_own_democratic_services_find_them(client, world, db):
    client_for(client, world.democratic)
    contract = found(client, "contract")
    assert world.exempt_update_a.get_absolute_url() in contract
    assert world.exempt_decision_a.get_absolute_url() in contract
    assert world.exempt_action_a.get_absolute_url() in contract
    assert world.draft_review_a.get_absolute_url() in found(client, "closures")
    assert world.draft_rec_a.get_absolute_url() in found(client, "home")
    assert world.draft_update_a.get_absolute_url() in found(client, "visited")


def test_an_update_is_found_only_by_what_it_said_of_visible_recommendations(client, world, db):
    """The draft update's one entry is on the draft review's recommendation: outsiders find
    neither it by its summary nor by that entry."""
    for q in ("scoping visits", "visited"):
        assert world.draft_update_a.get_absolute_url() not in found(client, q)
    client_for(client, world.democratic)
    assert world.draft_update_a.get_absolute_url() in found(client, "scoping visits")


def test_deleted_recommendations_and_updates_are_never_found(client, world, db):
    client_for(client, world.democratic)
    assert not results(client, "entered by mistake").get("recommendations")
    assert world.deleted_update_a.get_absolute_url() not in found(client, "logged twice")
    # The same words on a live record are found (so the test can fail).
    RecommendationFactory(review=world.review_a, reference="30", title="Entered by mistake too")
    assert results(client, "entered by mistake")["recommendations"]


# --- Results, more, pages, empty -----------------------------------------------------------


def test_many_results_are_capped_with_a_link_to_all_of_them_a_page_at_a_time(client, world, db):
    for n in range(search.PER_PAGE + 5):
        RecommendationFactory(review=world.review_a, reference=100 + n, title=f"Quokka plan {n}")
    page = client.get(URL, {"q": "quokka"}).content.decode()
    assert len(results(client, "quokka")["recommendations"]) == search.PER_KIND
    assert f"Show all {search.PER_PAGE + 5} recommendations" in page
    assert "kind=recommendations" in page
    first = results(client, "quokka", kind="recommendations")["recommendations"]
    second = results(client, "quokka", kind="recommendations", page=2)["recommendations"]
    assert len(first) == search.PER_PAGE and len(second) == 5
    assert not set(first) & set(second)


def test_more_results_than_are_counted_say_more_than_in_english_and_welsh(
    client, world, db, monkeypatch
):
    """A kind counts and ranks at most ``MAX_COUNTED`` of its matches: beyond that the page
    says "more than", links to "more" rather than "all", and its own pages stop there."""
    monkeypatch.setattr(search, "MAX_COUNTED", 3)
    for n in range(5):
        RecommendationFactory(review=world.review_a, reference=100 + n, title=f"Quokka plan {n}")
    page = client.get(URL, {"q": "quokka"}).content.decode()
    assert "More than 3 results for “quokka”" in page
    assert '<span class="app-search-group__count">(more than 3)</span>' in page
    assert "Show more recommendations" in page and "Show all" not in page
    response = client.get(URL, {"q": "quokka", "kind": "recommendations"})
    kind_page = response.content.decode()
    assert len(results(client, "quokka", kind="recommendations")["recommendations"]) == 3
    assert "More than 3 results: only the first 3 are shown." in kind_page
    with translation.override("cy"):
        welsh_url = reverse("scrutiny:search")
    welsh = client.get(welsh_url, {"q": "quokka"}).content.decode()
    assert "Mwy na 3 o ganlyniadau ar gyfer “quokka”" in welsh
    assert "(mwy na 3)" in welsh


def test_as_many_results_as_are_counted_are_counted_exactly(client, world, db, monkeypatch):
    monkeypatch.setattr(search, "MAX_COUNTED", 3)
    for n in range(3):
        RecommendationFactory(review=world.review_a, reference=100 + n, title=f"Quokka plan {n}")
    page = client.get(URL, {"q": "quokka"}).content.decode()
    assert "3 results for “quokka”" in page and "More than" not in page
    assert '<span class="app-search-group__count">(3)</span>' in page


def test_the_number_of_queries_does_not_grow_with_the_results(client, world, db):
    def queries(q: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"q": q}).status_code == 200
        return len(captured)

    RecommendationFactory(review=world.review_a, reference="100", title="Quokka plan")
    update = ProgressUpdateFactory(organisation=world.partner_body, summary="Quokka update")
    UpdateEntryFactory(update=update, recommendation=world.rec_a1, text="Quokka entry.")
    few = queries("quokka")
    for n in range(search.PER_PAGE):
        RecommendationFactory(review=world.review_a, reference=200 + n, title=f"Quokka plan {n}")
        more = ProgressUpdateFactory(organisation=world.partner_body, summary="Quokka update")
        UpdateEntryFactory(update=more, recommendation=world.rec_a1, text="Quokka entry.")
    assert queries("quokka") == few


def test_an_empty_query_asks_for_one(client, world, db):
    for q in ("", "   "):
        page = client.get(URL, {"q": q}).content.decode()
        assert "Enter a word or phrase to search for" in page
        assert "app-search-result" not in page
    assert client.get(URL).status_code == 200


def test_no_results_says_so_and_keeps_the_query_in_the_box(client, world, db):
    page = client.get(URL, {"q": "zebracorn"}).content.decode()
    assert "No results for “zebracorn”" in page
    assert 'name="q" type="search" value="zebracorn"' in page


def test_a_match_is_marked_in_the_snippet(client, world, db):
    page = client.get(URL, {"q": "cooperatives"}).content.decode()
    assert "<mark>Cooperatives</mark> met." in page


def test_every_page_has_the_search_box_in_its_header(client, world, db):
    for url in ("/", reverse("scrutiny:review-list"), URL):
        page = client.get(url).content.decode()
        header = page.split("</header>")[0]
        assert 'role="search"' in header and 'name="q"' in header and 'type="search"' in header
        assert f'action="{URL}"' in header


def test_search_is_get_only(client, world, db):
    assert client.post(URL, {"q": "care"}).status_code == 405


# --- Hostile queries and stored text ------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '"unclosed',
    "'",
    "-",
    "--",
    "or",
    "care or",
    "!!! & | ! <-> :*",
    "a:* & b",
    "\x00null",
    "\u202eright-to-left",
    "x" * 10_000,
    "care " * 2_000,
    "%",
    "_",
    "\\",
    # Each "-" nests a NOT: 33 of them overflowed PostgreSQL's tsquery stack (a 500).
    "-" * 33 + "care",
    "- " * 40 + "care",
    "-(" * 60 + "care",
    '-"' * 60 + "care",
    "(-" * 60 + "care",
    "care " + "-a " * 80,
    "-" * 200,
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_never_fail_and_are_shown_escaped(client, world, db, q):
    for params in ({"q": q}, {"q": q, "kind": "recommendations", "page": "x"}):
        response = client.get(URL, params)
        assert response.status_code == 200, q[:40]
        page = response.content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page


def test_a_query_of_nested_nots_says_no_results(client, world, db):
    response = client.get(URL, {"q": "-" * 40 + "zzqx"})
    assert response.status_code == 200
    assert "No results for" in response.content.decode()


def test_a_long_query_is_cut_and_says_so(client, world, db):
    page = client.get(URL, {"q": "retention " + "x" * 10_000}).content.decode()
    assert "only its first 200 characters were searched" in page


def test_stored_markup_is_shown_as_text_around_the_mark(client, world, db):
    RecommendationFactory(
        review=world.review_a,
        reference="40",
        text="<b>Bold</b> plans for <script>x</script> kiwis.",
    )
    page = client.get(URL, {"q": "kiwis"}).content.decode()
    assert (
        "&lt;b&gt;Bold&lt;/b&gt; plans for &lt;script&gt;x&lt;/script&gt; <mark>kiwis</mark>."
        in page
    )
    assert "<b>Bold" not in page


# --- PostgreSQL: stemming, ranking, indexes -----------------------------------------------


@postgres_only
def test_stemming_finds_other_forms_of_a_word(client, world, db):
    rec = RecommendationFactory(
        review=world.review_a,
        reference="50",
        title="Walrus",
        text="One recommendation on walruses.",
    )
    assert rec.get_absolute_url() in found(client, "recommendations")
    assert rec.get_absolute_url() in found(client, "walrus")
    page = client.get(URL, {"q": "recommendations"}).content.decode()
    assert "<mark>recommendation</mark>" in page


@postgres_only
def test_web_search_syntax_phrases_or_and_minus(client, world, db):
    a = RecommendationFactory(review=world.review_a, reference="60", title="Otters and beavers")
    b = RecommendationFactory(review=world.review_a, reference="61", title="Beavers alone")
    recs = lambda q: set(results(client, q).get("recommendations", []))  # noqa: E731
    assert recs("beavers -otters") == {b.get_absolute_url()}
    assert recs('"otters and beavers"') == {a.get_absolute_url()}
    assert recs("otters or alone") == {a.get_absolute_url(), b.get_absolute_url()}


@postgres_only
def test_better_matches_come_first(client, world, db):
    """A match in the title outranks one in the body; more matches outrank fewer."""
    body = RecommendationFactory(
        review=world.review_a, reference="70", title="Other", text="Mentions the badger once."
    )
    title = RecommendationFactory(
        review=world.review_a, reference="71", title="Badger setts", text="Badger badger badger."
    )
    assert results(client, "badger")["recommendations"] == [
        title.get_absolute_url(),
        body.get_absolute_url(),
    ]
    # Later in natural order and in the same review: the order is the rank's, not the
    # reference's.
    assert title.sort_key > body.sort_key


INDEXED = [
    (Review, search.REVIEW, "review_search_en_gin", "review_search_cy_gin"),
    (Recommendation, search.RECOMMENDATION, "rec_search_en_gin", "rec_search_cy_gin"),
    (ProgressUpdate, search.UPDATE, "update_search_en_gin", "update_search_cy_gin"),
    (UpdateEntry, search.ENTRY, "entry_search_en_gin", "entry_search_cy_gin"),
    (AgreedAction, search.ACTION, "action_search_en_gin", "action_search_cy_gin"),
    (ExecutiveDecision, search.DECISION, "decision_search_en_gin", None),
    (DecisionPoint, search.POINT, "point_search_en_gin", None),
]


def _only_bitmap_scans(cursor) -> None:
    """On a world this small the planner may as well walk the rows by any index (or in a
    nested loop, by primary key), whatever the statistics left by earlier tests, and test
    the stored vector of each (a cheap filter, unlike the text parsed again); with those
    and plain scans off the plan shows whether the query can use its GIN index at all."""
    for setting in ("seqscan", "indexscan", "indexonlyscan", "nestloop"):
        cursor.execute(f"SET LOCAL enable_{setting} = off")


@postgres_only
@pytest.mark.parametrize(("model", "spec", "en_index", "cy_index"), INDEXED)
def test_each_search_reads_its_gin_index(world, db, model, spec, en_index, cy_index):
    """The column searched is the column indexed: PostgreSQL plans an index scan
    (sequential scans off, as a large table would make them too costly)."""
    query = search.Query.parse("workforce")
    with transaction.atomic(), connection.cursor() as cursor:
        _only_bitmap_scans(cursor)
        plan = search.matching(model._base_manager.all(), spec, query).explain()
    assert f"Bitmap Index Scan on {en_index}" in plan, plan
    if cy_index:
        assert f"Bitmap Index Scan on {cy_index}" in plan, plan


@postgres_only
@pytest.mark.parametrize(
    ("kind", "index"),
    [
        ("reviews", "review_search_en_gin"),
        ("recommendations", "rec_search_en_gin"),
        ("updates", "update_search_en_gin"),
        ("actions", "action_search_en_gin"),
        ("decisions", "decision_search_en_gin"),
    ],
)
def test_the_pages_queries_read_the_indexes(world, db, kind, index):
    find = {k.key: k.find for k in search.KINDS}[kind]
    query = search.Query.parse("workforce")
    with transaction.atomic(), connection.cursor() as cursor:
        _only_bitmap_scans(cursor)
        plan = find(world.democratic, query).explain()
    assert f"Index Scan on {index}" in plan, plan


STORED = [
    (Review, "scrutiny_review", ("search_en", "search_cy")),
    (Recommendation, "recommendations_recommendation", ("search_en", "search_cy")),
    (ProgressUpdate, "recommendations_progressupdate", ("search_en", "search_cy")),
    (UpdateEntry, "recommendations_updateentry", ("search_en", "search_cy")),
    (AgreedAction, "scrutiny_agreedaction", ("search_en", "search_cy")),
    (ExecutiveDecision, "scrutiny_executivedecision", ("search_en",)),
    (DecisionPoint, "scrutiny_decisionpoint", ("search_en",)),
]


@postgres_only
@pytest.mark.parametrize(("model", "table", "columns"), STORED)
def test_each_searched_table_stores_its_vectors_as_generated_columns(
    world, db, model, table, columns
):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, is_generated FROM information_schema.columns "
            "WHERE table_name = %s AND column_name LIKE 'search%%'",
            [table],
        )
        assert dict(cursor.fetchall()) == dict.fromkeys(columns, "ALWAYS")


@postgres_only
def test_the_stored_vectors_follow_every_edit(client, world, db):
    """PostgreSQL keeps the generated column current, whether the row is saved, updated in
    bulk or written in Welsh."""
    rec = RecommendationFactory(review=world.review_a, reference="80", title="Narwhal tusks")
    url = rec.get_absolute_url()
    recs = lambda q: results(client, q).get("recommendations", [])  # noqa: E731
    assert recs("narwhal") == [url]
    rec.title = "Axolotl gills"
    rec.save()
    assert recs("narwhal") == [] and recs("axolotl") == [url]
    Recommendation.objects.filter(pk=rec.pk).update(text="Pangolin scales.")
    assert recs("pangolins") == [url]
    Recommendation.objects.filter(pk=rec.pk).update(text_cy="Morfilod glas.")
    assert recs("morfilod") == [url]


@pytest.mark.parametrize("q", ["care", "workforce", "recruitment", "detailed"])
def test_updates_and_entries_make_one_result_per_update(client, world, db, q):
    extra = ProgressUpdateFactory(
        organisation=world.partner_body, given_by_role="Rep", summary="Recruitment detailed"
    )
    UpdateEntryFactory(update=extra, recommendation=world.rec_a1, text="Recruitment detailed.")
    urls = results(client, q).get("updates", [])
    assert len(urls) == len(set(urls))

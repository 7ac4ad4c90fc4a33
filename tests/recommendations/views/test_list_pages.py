"""The list's keyset pages (issue 17: ``?page=190`` sorted every recommendation to cut an
OFFSET): following "next" from the first page reads every recommendation exactly once, in
the list's order, and "previous" back again; a late page skips no OFFSET and costs the
queries of the first; a bad or stale page parameter gives the first page, never a 500."""

import datetime
import html
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recommendations.models import Recommendation
from recommendations.selectors import recommendations_to_list
from tests.factories import CouncilFactory, RecommendationFactory, ReviewFactory
from tests.recommendations.views.helpers import LIST
from tests.support.pages import main_text as text_of
from tests.support.queries import SESSION_SAVE

SIZE = 3


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr("recommendations.views.recommendations.PAGE_SIZE", SIZE)


@pytest.fixture
def many(db):
    """Fourteen recommendations over every kind of tie the list's order breaks: two
    councils, reviews of one report date and of none (those last), reviews of one title."""
    councils = [CouncilFactory(name="Ashby Council"), CouncilFactory(name="Barwell Council")]
    reviews = []
    for council in councils:
        for title, agreed in [
            ("Same title", datetime.date(2022, 1, 1)),
            ("Same title", datetime.date(2022, 1, 1)),
            ("Older", datetime.date(2020, 1, 1)),
            ("No report yet", None),
        ]:
            reviews.append(
                ReviewFactory(
                    committee__council=council,
                    title=title,
                    report_agreed_on=agreed,
                    response_received_on=None,
                    started_on=None,
                )
            )
    recs = []
    for n, review in enumerate(reviews):
        for number in range(1, 2 + n % 2 + 1):
            recs.append(RecommendationFactory(review=review, reference=str(number)))
    return recs


def link(response, rel: str) -> str | None:
    found = re.search(rf'href="([^"]*)" rel="{rel}"', response.content.decode())
    return LIST + html.unescape(found[1]) if found else None


def rows(response) -> list[int]:
    assert response.status_code == 200
    return [rec.pk for rec in response.context["page_obj"].object_list]


def test_next_reads_every_recommendation_once_in_order_and_previous_back(client, many, small_pages):
    expected = list(recommendations_to_list(AnonymousUser()).values_list("pk", flat=True))
    assert len(expected) == len(many) > 4 * SIZE
    pages, url = [], LIST
    while url:
        response = client.get(url)
        pages.append(rows(response))
        url = link(response, "next")
    assert [pk for page in pages for pk in page] == expected
    assert all(len(page) == SIZE for page in pages[:-1])

    back, url = [pages[-1]], link(response, "prev")
    while url:
        response = client.get(url)
        back.insert(0, rows(response))
        url = link(response, "prev")
    assert back == pages


def test_a_late_page_skips_no_offset_and_costs_the_first_pages_queries(client, many, small_pages):
    expected = list(recommendations_to_list(AnonymousUser()).values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as first:
        client.get(LIST)
    with CaptureQueriesContext(connection) as late:
        response = client.get(LIST, {"after": expected[-3]})
    assert rows(response) == expected[-2:]
    assert not any("OFFSET" in q["sql"] for q in late.captured_queries)
    # One more: the sort keys of the recommendation the page starts after.
    assert len(late.captured_queries) == len(first.captured_queries) + 1
    page = text_of(response)
    assert f"{len(expected)} recommendations." in page
    assert "showing" not in page  # its position is not counted
    assert "<title>Recommendations, continued" in response.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_a_keyset_page_runs_the_same_queries_however_long_the_list(
    client, officer, review, size, django_assert_max_num_queries
):
    recs = [RecommendationFactory(review=review, reference=str(n)) for n in range(1, 2 * size + 1)]
    client.force_login(officer)
    # As the first page, plus the row the page starts after; one reads the status words.
    with django_assert_max_num_queries(11 + SESSION_SAVE):
        response = client.get(LIST, {"after": recs[size - 1].pk})
    assert len(rows(response)) == min(size, 50)


@pytest.mark.parametrize(
    "query",
    [
        {"after": "abc"},
        {"after": "-4"},
        {"after": "99999999999999999999999"},
        {"before": "1e9"},
        {"after": ""},
        {"page": "abc"},
        {"page": "0"},
        {"page": "99999"},
        {"page": "99999999999999999999999"},
    ],
)
def test_a_bad_page_parameter_gives_the_first_page(client, many, small_pages, query):
    first = rows(client.get(LIST))
    response = client.get(LIST, query)
    assert rows(response) == first
    assert link(response, "prev") is None
    assert "showing 1 to 3" in text_of(response)


def test_a_hidden_or_deleted_recommendation_gives_the_first_page(
    client, many, small_pages, draft_review
):
    first = rows(client.get(LIST))
    hidden = RecommendationFactory(review=draft_review, reference="1")
    gone = many[5]
    Recommendation.objects.filter(pk=gone.pk).update(
        deleted_at=datetime.datetime.now(datetime.UTC), deletion_reason="A duplicate"
    )
    for pk in (hidden.pk, gone.pk):
        assert rows(client.get(LIST, {"after": pk})) == first
        assert rows(client.get(LIST, {"before": pk})) == first


def test_previous_from_the_second_page_is_the_whole_first_page(client, many, small_pages):
    first = client.get(LIST)
    second = client.get(link(first, "next"))
    back = client.get(link(second, "prev"))
    assert rows(back) == rows(first)
    assert link(back, "prev") is None
    assert link(back, "next") == link(first, "next")

"""The list of recommendations: who sees which, grouped by review with their status,
filtered by status and response, and paginated."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recommendations.models import Recommendation, Response, Status
from tests.factories import RecommendationFactory, UpdateEntryFactory
from tests.recommendations.views.helpers import LIST, as_user
from tests.support.pages import main_text as text_of


class TestList:
    @pytest.mark.parametrize("who", ["anonymous", "councillor", "partner_rep", "officer"])
    def test_everyone_reads_the_published_recommendations(self, client, request, who, recs):
        page = text_of(as_user(client, request, who).get(LIST))
        assert "Social Care External Workforce" in page
        assert "Quality of care and improving retention rates" in page
        assert "3 recommendations" in page

    @pytest.mark.parametrize(
        ("who", "sees"),
        [("anonymous", False), ("partner_rep", False), ("councillor", True), ("officer", True)],
    )
    def test_draft_reviews_only_for_the_councils_people(
        self, client, request, who, sees, recs, draft_review
    ):
        RecommendationFactory(review=draft_review, title="Secret draft recommendation")
        page = text_of(as_user(client, request, who).get(LIST))
        assert ("Secret draft recommendation" in page) is sees

    def test_grouped_by_review_with_status(self, client, recs, partner):
        other = RecommendationFactory(title="Regional training unit")
        UpdateEntryFactory(
            recommendation=recs[5],
            update__given_on=datetime.date(2021, 5, 1),
            new_status=Status.ON_TRACK,
        )
        response = client.get(LIST)
        html = response.content.decode()
        assert f'id="review-{recs[4].review_id}"' in html
        assert f'id="review-{other.review_id}"' in html
        # Row ids stay unique with several reviews on one page.
        assert f'id="review-{recs[4].review_id}-recommendation-4"' in html
        row5 = html[html.index(f"review-{recs[5].review_id}-recommendation-5") :]
        assert "On track" in row5[: row5.index("</tr>")]

    def test_filters_by_status_and_response(self, client, recs):
        UpdateEntryFactory(recommendation=recs[5], new_status=Status.ON_TRACK)
        Recommendation.objects.filter(pk=recs[8].pk).update(response=Response.ACCEPTED)

        page = text_of(client.get(LIST, {"status": "on_track"}))
        assert "Finding community" in page and "Quality of care" not in page
        assert "1 recommendation matches the filters" in page

        page = text_of(client.get(LIST, {"response": "accepted"}))
        assert "Attracting younger people" in page and "Finding community" not in page

        page = text_of(client.get(LIST, {"status": "not_started", "response": "accepted"}))
        assert "Attracting younger people" in page and "Quality of care" not in page

    def test_a_bad_filter_shows_an_error_not_a_crash(self, client, recs):
        response = client.get(LIST, {"status": "nonsense"})
        assert response.status_code == 200
        assert "There is a problem" in text_of(response)

    def test_paginated_at_fifty_keeping_the_filters(self, client, review):
        for n in range(1, 53):
            RecommendationFactory(review=review, reference=n)
        first = client.get(LIST, {"response": "awaiting"})
        assert len(first.context["page_obj"].object_list) == 50
        html = first.content.decode()
        assert 'class="govuk-pagination govuk-pagination--block"' in html
        assert "52 recommendations match the filters; showing 1 to 50" in text_of(first)
        fiftieth = first.context["page_obj"].object_list[-1]
        # Keyset pages (issue 17): the next page starts after the page's last row.
        assert f"?response=awaiting&amp;after={fiftieth.pk}" in html
        second = client.get(LIST, {"response": "awaiting", "after": fiftieth.pk})
        assert "52 recommendations match the filters." in text_of(second)
        assert [rec.reference for rec in second.context["page_obj"].object_list] == ["51", "52"]
        # Links made before keyset pages still work.
        older = text_of(client.get(LIST, {"response": "awaiting", "page": "2"}))
        assert "52 recommendations match the filters; showing 51 to 52" in older

    def test_a_late_page_works_out_the_status_of_its_own_rows_only(
        self, client, review, monkeypatch
    ):
        # Issue 17: ?page=190 worked out the status of every recommendation before it.
        monkeypatch.setattr("recommendations.views.recommendations.PAGE_SIZE", 2)
        for n in range(1, 6):
            RecommendationFactory(review=review, reference=n, title=f"Recommendation {n}")
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST, {"page": "2"})
        assert [rec.reference for rec in response.context["page_obj"].object_list] == ["3", "4"]
        assert "showing 3 to 4" in text_of(response)
        (rows,) = [
            query["sql"] for query in captured.captured_queries if 'AS "status"' in query["sql"]
        ]
        # The page's keys chosen in a subquery; the outer query, with the statuses, has no
        # offset.
        assert re.search(r"IN \(SELECT .* OFFSET 2\)", rows)
        assert not rows.rstrip().endswith("OFFSET 2")

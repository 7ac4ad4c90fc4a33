"""The number of queries each page makes does not grow with the rows it shows."""

import datetime

import pytest

from recommendations.models import ClosureProposal, Status, UpdateEntry
from tests.factories import (
    AgendaItemFactory,
    PartnershipFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)
from tests.recommendations.views.helpers import LIST, detail_url, entry, log_data, log_url
from tests.support.queries import SESSION_SAVE


def populate(review, partner, size):
    """``size`` recommendations, each carried by the partner and with two updates."""
    for n in range(1, size + 1):
        rec = RecommendationFactory(review=review, reference=100 + n)
        rec.responsible_bodies.add(partner, PartnershipFactory())
        UpdateEntryFactory(
            recommendation=rec, update__organisation=partner, new_status=Status.ON_TRACK
        )
        UpdateEntryFactory(recommendation=rec, update__given_on=datetime.date(2021, 8, 1))


class TestQueries:
    @pytest.mark.parametrize("size", [3, 30])
    def test_list(self, client, officer, review, partner, size, django_assert_max_num_queries):
        populate(review, partner, size)
        other = ReviewFactory(committee=review.committee)
        populate(other, partner, size)
        client.force_login(officer)
        # Two of them are the filters' choices: councils, committees and reviews in one,
        # responsible bodies in the other; one is the councils' status words.
        with django_assert_max_num_queries(10 + SESSION_SAVE):
            response = client.get(LIST)
        assert len(response.context["page_obj"].object_list) == min(2 * size, 50)

    @pytest.mark.parametrize("size", [3, 30])
    def test_detail(
        self, client, officer, recs, partner, item, size, django_assert_max_num_queries
    ):
        for n in range(size):
            update = ProgressUpdateFactory(
                item=item if n % 2 else None,
                organisation=partner,
                given_on=datetime.date(2021, 1, 1) + datetime.timedelta(days=n),
            )
            UpdateEntryFactory(update=update, recommendation=recs[4], new_status=Status.ON_TRACK)
        for _ in range(size):
            recs[4].responsible_bodies.add(PartnershipFactory())
        client.force_login(officer)
        # One of them reads the councils' status words, one the closure waiting for sign-off.
        with django_assert_max_num_queries(12 + SESSION_SAVE):
            response = client.get(detail_url(recs[4]))
        assert response.context["update_count"] == size

    @pytest.mark.parametrize("size", [3, 30])
    def test_update_form(
        self, client, dem_services, review, partner, size, django_assert_max_num_queries
    ):
        populate(review, partner, size)
        for n in range(size):
            AgendaItemFactory(meeting__committee=review.committee, number=n + 1)
        client.force_login(dem_services)
        # One of them reads the councils' status words, once for every entry's choices.
        with django_assert_max_num_queries(9 + SESSION_SAVE):
            response = client.get(log_url(review))
        assert len(response.context["submission"].entries) == size

    @pytest.mark.parametrize("size", [3, 30])
    def test_update_post(
        self, client, officer, review, partner, size, django_assert_max_num_queries
    ):
        populate(review, partner, size)
        recs = list(review.recommendations.all())
        data = log_data(officer)
        for rec in recs:
            data |= entry(rec, text=f"Words on {rec.reference}.", new_status="on_track")
        client.force_login(officer)
        # The same count for 3 and 30 entries: the entries and their history rows are two
        # bulk inserts, and the status timelines four queries (read the entries and the
        # sign-offs, delete, insert); the councils' status words (the entries' choices) one.
        with django_assert_max_num_queries(18 + SESSION_SAVE):
            response = client.post(log_url(review), data)
        assert response.status_code == 302
        assert UpdateEntry.objects.filter(text__startswith="Words on").count() == size

    @pytest.mark.parametrize("size", [3, 30])
    def test_update_post_proposing_closure_of_each(
        self, client, officer, review, partner, size, django_assert_max_num_queries
    ):
        populate(review, partner, size)
        recs = list(review.recommendations.all())
        data = log_data(officer)
        for rec in recs:
            data |= entry(
                rec,
                text=f"Words on {rec.reference}.",
                proposed_status="achieved",
                evidence=f"Evidence on {rec.reference}.",
            )
        client.force_login(officer)
        # Five more than without: the checks (closed already, waiting already), the entries'
        # ids, and the proposals and their history rows, two bulk inserts.
        with django_assert_max_num_queries(23 + SESSION_SAVE):
            response = client.post(log_url(review), data)
        assert response.status_code == 302
        assert ClosureProposal.objects.filter(evidence__startswith="Evidence on").count() == size

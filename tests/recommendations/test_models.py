"""Status derivation (``Recommendation.objects.with_status``) and the database rules on
recommendations and update entries."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from partnerships.models import Role
from recommendations.models import Recommendation, Status, UpdateEntry
from tests.factories import (
    AgendaItemFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
    user_with_role,
)

JAN = datetime.date(2021, 1, 15)
MAR = datetime.date(2021, 3, 15)
MAY = datetime.date(2021, 5, 15)


def entry(rec, given_on, new_status="", **kwargs):
    update_kwargs = {
        k.removeprefix("update__"): kwargs.pop(k) for k in list(kwargs) if k.startswith("update__")
    }
    update = ProgressUpdateFactory(given_on=given_on, **update_kwargs)
    return UpdateEntryFactory(update=update, recommendation=rec, new_status=new_status, **kwargs)


def status_of(rec, **kwargs):
    return Recommendation.objects.with_status(**kwargs).get(pk=rec.pk)


@pytest.fixture
def rec(db):
    return RecommendationFactory(target_date=datetime.date(2022, 3, 31))


class TestStatus:
    def test_not_started_before_any_update(self, rec):
        got = status_of(rec)
        assert got.status == Status.NOT_STARTED
        assert got.status_since is None
        assert got.last_update_on is None

    def test_latest_update_on_or_before_the_date_wins(self, rec):
        entry(rec, JAN, Status.ON_TRACK)
        entry(rec, MAR, Status.PAUSED, reason="Waiting for the funding decision")

        assert status_of(rec, as_at=JAN - relativedelta(days=1)).status == Status.NOT_STARTED
        assert status_of(rec, as_at=JAN).status == Status.ON_TRACK
        assert status_of(rec, as_at=MAR - relativedelta(days=1)).status == Status.ON_TRACK
        on_mar = status_of(rec, as_at=MAR)
        assert on_mar.status == Status.PAUSED
        assert on_mar.status_since == MAR
        assert on_mar.status_reason == "Waiting for the funding decision"
        assert status_of(rec).status == Status.PAUSED

    def test_an_update_without_a_status_keeps_the_status_but_counts_as_heard(self, rec):
        entry(rec, JAN, Status.ON_TRACK)
        entry(rec, MAR)

        got = status_of(rec)
        assert got.status == Status.ON_TRACK
        assert got.status_since == JAN
        assert got.last_update_on == MAR

    def test_same_day_updates_are_ordered_by_when_they_were_recorded(self, rec):
        noon = timezone.make_aware(datetime.datetime(2021, 3, 15, 12))
        later = entry(
            rec,
            MAR,
            Status.SLIPPED,
            update__created_at=noon + relativedelta(hours=2),
            revised_target_date=datetime.date(2022, 9, 30),
            reason="Recruitment",
        )
        entry(rec, MAR, Status.ON_TRACK, update__created_at=noon)

        assert later.pk < UpdateEntry.objects.latest("pk").pk  # recorded second, created later
        assert status_of(rec).status == Status.SLIPPED

    def test_a_revised_target_date_replaces_the_original(self, rec):
        entry(
            rec,
            MAR,
            Status.SLIPPED,
            revised_target_date=datetime.date(2022, 9, 30),
            reason="The career pathways report came late",
        )

        got = status_of(rec)
        assert got.revised_target_date == datetime.date(2022, 9, 30)
        assert got.current_target_date == datetime.date(2022, 9, 30)
        assert status_of(rec, as_at=JAN).current_target_date == datetime.date(2022, 3, 31)

    def test_the_prefix_compares_two_dates_in_one_query(self, rec):
        entry(rec, JAN, Status.ON_TRACK)
        entry(
            rec,
            MAY,
            Status.ACHIEVED,
            reason="Programme delivered",
            update__item=AgendaItemFactory(),
        )

        got = (
            Recommendation.objects.with_status(as_at=MAY)
            .with_status(as_at=MAR, prefix="previous_")
            .get(pk=rec.pk)
        )
        assert (got.previous_status, got.status) == (Status.ON_TRACK, Status.ACHIEVED)


class TestOverdueAndStale:
    def test_overdue_when_open_and_past_its_current_target(self, rec):
        day_after = datetime.date(2022, 4, 1)
        overdue = Recommendation.objects.with_status().overdue(today=day_after)
        assert rec in overdue
        assert rec not in Recommendation.objects.with_status().overdue(
            today=datetime.date(2022, 3, 31)
        )

    def test_not_overdue_once_the_target_is_revised_or_it_is_closed(self, db):
        revised = RecommendationFactory(target_date=datetime.date(2022, 3, 31))
        entry(
            revised,
            MAR,
            Status.SLIPPED,
            revised_target_date=datetime.date(2023, 3, 31),
            reason="Funding",
        )
        closed = RecommendationFactory(target_date=datetime.date(2022, 3, 31))
        entry(closed, MAR, Status.ACHIEVED, reason="Done", update__item=AgendaItemFactory())

        overdue = Recommendation.objects.with_status().overdue(today=datetime.date(2022, 6, 1))
        assert revised not in overdue
        assert closed not in overdue

    def test_stale_counts_from_the_response_when_there_is_no_update(self, db):
        review = ReviewFactory(
            report_agreed_on=datetime.date(2020, 10, 1),
            response_received_on=datetime.date(2021, 1, 19),
        )
        rec = RecommendationFactory(review=review)
        stale = Recommendation.objects.with_status().stale
        assert rec not in stale(today=datetime.date(2021, 7, 19))
        assert rec in stale(today=datetime.date(2021, 7, 20))

    def test_stale_counts_from_the_report_when_no_response_came(self, db):
        review = ReviewFactory(report_agreed_on=datetime.date(2020, 10, 1))
        rec = RecommendationFactory(review=review)
        assert rec in Recommendation.objects.with_status().stale(today=datetime.date(2021, 4, 2))

    def test_an_update_resets_the_six_months(self, rec):
        entry(rec, MAY)
        stale = Recommendation.objects.with_status().stale
        assert rec not in stale(today=MAY + relativedelta(months=6))
        assert rec in stale(today=MAY + relativedelta(months=6, days=1))

    def test_closed_recommendations_are_never_stale(self, rec):
        entry(
            rec,
            JAN,
            Status.SUPERSEDED,
            reason="Replaced by the regional plan",
            update__item=AgendaItemFactory(),
        )
        assert rec not in Recommendation.objects.with_status().stale(
            today=datetime.date(2030, 1, 1)
        )


class TestExemptUpdates:
    def test_updates_at_exempt_items_count_only_for_those_who_may_see_them(self, rec):
        council = rec.review.committee.council
        exempt = AgendaItemFactory(
            meeting__committee=rec.review.committee,
            meeting__date=MAR,
            exempt=True,
            exempt_reason="Schedule 12A, paragraph 3",
        )
        entry(rec, JAN, Status.ON_TRACK)
        entry(
            rec,
            MAR,
            Status.SLIPPED,
            update__item=exempt,
            revised_target_date=datetime.date(2023, 1, 1),
            reason="Contract dispute",
        )

        public = status_of(rec, user=AnonymousUser())
        assert public.status == Status.ON_TRACK
        assert public.last_update_on == JAN
        assert public.current_target_date == datetime.date(2022, 3, 31)
        officer = user_with_role(Role.OFFICER, council)
        assert status_of(rec, user=officer).status == Status.SLIPPED
        assert status_of(rec).status == Status.SLIPPED  # no user: the whole record


class TestConstraints:
    def test_a_number_is_used_once_per_review(self, rec):
        RecommendationFactory(reference=rec.reference)  # another review: fine
        with pytest.raises(IntegrityError), transaction.atomic():
            RecommendationFactory(review=rec.review, reference=rec.reference)

    def test_slipped_needs_a_revised_date(self, rec):
        with pytest.raises(IntegrityError), transaction.atomic():
            entry(rec, MAR, Status.SLIPPED, reason="Recruitment")

    def test_slipped_needs_a_reason(self, rec):
        with pytest.raises(IntegrityError), transaction.atomic():
            entry(rec, MAR, Status.SLIPPED, revised_target_date=datetime.date(2023, 1, 1))

    def test_closing_needs_an_outcome(self, rec):
        with pytest.raises(IntegrityError), transaction.atomic():
            entry(rec, MAR, Status.ACHIEVED)

    def test_a_recommendation_appears_once_per_update(self, rec):
        first = entry(rec, MAR)
        with pytest.raises(IntegrityError), transaction.atomic():
            UpdateEntryFactory(update=first.update, recommendation=rec)

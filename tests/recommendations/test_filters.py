"""The recommendation list's filters: each narrows the list to what it says, they combine,
the filtered list's URL (pages included) keeps them, the choices offer only what the user
may see, and bad input is an error in the page, never a 500 or a half-filtered list."""

import datetime
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Role
from recommendations.models import Recommendation, Response, Status
from tests.factories import (
    CommitteeFactory,
    PartnershipFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    UpdateEntryFactory,
    user_with_role,
)
from tests.support.pages import words
from tests.support.queries import SESSION_SAVE

LIST = reverse("recommendations:recommendation-list")


def listed(response) -> set[str]:
    """The headings of the recommendations the page lists."""
    assert response.status_code == 200
    return {rec.heading for group in response.context["groups"] for rec in group["recommendations"]}


def options(response, name: str) -> set[str]:
    """The values the page's <select name=...> offers, the empty "all" choice left out."""
    html = response.content.decode()
    select = re.search(rf'<select name="{name}".*?</select>', html, flags=re.S)
    assert select, f"no <select name={name!r}> on the page"
    return set(re.findall(r'<option value="([^"]+)"', select.group(0)))


def status_now(rec, status, given_on=datetime.date(2021, 5, 1), **fields):
    """An update setting ``rec``'s status (with the reason a slipped or closed one needs)."""
    fields.setdefault("reason", "As the officer reported.")
    return UpdateEntryFactory(
        recommendation=rec, update__given_on=given_on, new_status=status, **fields
    )


def set_target(rec, target):
    Recommendation.objects.filter(pk=rec.pk).update(target_date=target)


def target_boxes(name, day) -> dict:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.fixture
def elsewhere(other_council):
    """A recommendation of another council's published review, carried by another body."""
    rec = RecommendationFactory(
        review__committee__council=other_council,
        review__committee__name="Rutland Scrutiny Panel",
        review__title="Library opening hours",
        title="Open the libraries on Sundays",
    )
    rec.responsible_bodies.add(PartnershipFactory(name="Rutland Libraries Trust"))
    return rec


# --- Each filter ------------------------------------------------------------------------


class TestEachFilterNarrows:
    def test_council_committee_review_and_body(self, client, recs, review, partner, elsewhere):
        second = RecommendationFactory(
            review__committee=CommitteeFactory(council=review.committee.council),
            review__title="Care homes",
            title="Inspect every care home",
        )
        ours = {recs[n].heading for n in (4, 5, 8)}

        assert listed(client.get(LIST, {"council": review.committee.council_id})) == ours | {
            second.heading
        }
        assert listed(client.get(LIST, {"council": elsewhere.review.committee.council_id})) == {
            elsewhere.heading
        }
        assert listed(client.get(LIST, {"committee": review.committee_id})) == ours
        assert listed(client.get(LIST, {"committee": second.review.committee_id})) == {
            second.heading
        }
        assert listed(client.get(LIST, {"review": review.pk})) == ours
        assert listed(client.get(LIST, {"body": partner.pk})) == {
            recs[4].heading,
            recs[8].heading,
        }

    def test_status_now_and_response(self, client, recs):
        status_now(recs[5], Status.ON_TRACK, datetime.date(2021, 3, 1))
        # The latest update sets the status now: 5 slipped after being on track.
        status_now(
            recs[5],
            Status.SLIPPED,
            datetime.date(2021, 6, 1),
            revised_target_date=datetime.date(2022, 1, 1),
        )
        status_now(recs[8], Status.ON_TRACK)
        Recommendation.objects.filter(pk=recs[4].pk).update(response=Response.ACCEPTED)

        assert listed(client.get(LIST, {"status": "slipped"})) == {recs[5].heading}
        assert listed(client.get(LIST, {"status": "on_track"})) == {recs[8].heading}
        assert listed(client.get(LIST, {"status": "not_started"})) == {recs[4].heading}
        assert listed(client.get(LIST, {"response": "accepted"})) == {recs[4].heading}

    def test_overdue_follows_the_overdue_rule(self, client, recs, review):
        today = timezone.localdate()
        yesterday = today - datetime.timedelta(days=1)
        set_target(recs[4], yesterday)  # open and past it: overdue
        set_target(recs[5], yesterday)
        status_now(recs[5], Status.ACHIEVED)  # closed: never overdue
        set_target(recs[8], today)  # due today, not past it
        revised = RecommendationFactory(review=review, reference="9", target_date=yesterday)
        # A revised target date in the future replaces the original.
        status_now(revised, Status.SLIPPED, revised_target_date=today + relativedelta(months=3))
        no_target = RecommendationFactory(review=review, reference="10", target_date=None)

        assert listed(client.get(LIST, {"overdue": "yes"})) == {recs[4].heading}
        assert listed(client.get(LIST, {"overdue": "no"})) == {
            recs[5].heading,
            recs[8].heading,
            revised.heading,
            no_target.heading,
        }

    def test_no_update_for_months_counts_from_the_latest_update(self, client, recs, review):
        today = timezone.localdate()
        six_months_ago = today - relativedelta(months=6)
        status_now(recs[4], Status.ON_TRACK, six_months_ago)  # exactly 6 months: recent enough
        status_now(recs[5], Status.ON_TRACK, six_months_ago - datetime.timedelta(days=400))
        status_now(recs[5], Status.ON_TRACK, six_months_ago - datetime.timedelta(days=1))
        # recs[8] has had no update at all.
        closed = RecommendationFactory(review=review, reference=9)
        status_now(closed, Status.ACHIEVED, today - relativedelta(years=2))

        assert listed(client.get(LIST, {"no_update_for": "6"})) == {
            recs[5].heading,
            recs[8].heading,
            closed.heading,
        }
        assert listed(client.get(LIST, {"no_update_for": "7"})) == {
            recs[8].heading,
            closed.heading,
        }

    def test_no_update_for_counts_only_updates_the_user_may_see(
        self, client, recs, exempt_item, officer
    ):
        update = ProgressUpdateFactory(item=exempt_item, given_on=timezone.localdate())
        UpdateEntryFactory(update=update, recommendation=recs[4], new_status=Status.ON_TRACK)

        # The public never saw it: to them recommendation 4 has had no update.
        assert recs[4].heading in listed(client.get(LIST, {"no_update_for": "1"}))
        client.force_login(officer)
        assert recs[4].heading not in listed(client.get(LIST, {"no_update_for": "1"}))

    def test_target_date_range_includes_both_ends(self, client, recs, review):
        set_target(recs[4], datetime.date(2022, 3, 31))
        set_target(recs[5], datetime.date(2022, 4, 1))
        set_target(recs[8], datetime.date(2023, 3, 31))
        late = RecommendationFactory(
            review=review, reference="9", target_date=datetime.date(2023, 4, 1)
        )
        revised = RecommendationFactory(
            review=review, reference="10", target_date=datetime.date(2021, 1, 1)
        )
        # Revised into the range: the target date now is the revised one.
        status_now(revised, Status.SLIPPED, revised_target_date=datetime.date(2022, 6, 1))
        RecommendationFactory(review=review, reference="11", target_date=None)

        start = target_boxes("target_from", datetime.date(2022, 4, 1))
        end = target_boxes("target_to", datetime.date(2023, 3, 31))
        assert listed(client.get(LIST, start | end)) == {
            recs[5].heading,
            recs[8].heading,
            revised.heading,
        }
        assert listed(client.get(LIST, start)) == {
            recs[5].heading,
            recs[8].heading,
            late.heading,
            revised.heading,
        }
        assert listed(client.get(LIST, end)) == {
            recs[4].heading,
            recs[5].heading,
            recs[8].heading,
            revised.heading,
        }
        # One day: from and to the same date.
        same_day = target_boxes("target_from", datetime.date(2022, 4, 1)) | target_boxes(
            "target_to", datetime.date(2022, 4, 1)
        )
        assert listed(client.get(LIST, same_day)) == {recs[5].heading}


class TestQuerySetRules:
    """The two reads the filters use, at the edges their docstrings name."""

    def test_no_update_for_at_a_month_end(self, recs):
        today = datetime.date(2021, 8, 31)
        # 31 August less six months is 28 February 2021.
        status_now(recs[4], Status.ON_TRACK, datetime.date(2021, 2, 28))
        status_now(recs[5], Status.ON_TRACK, datetime.date(2021, 2, 27))
        quiet = (
            Recommendation.objects.with_status(user=AnonymousUser())
            .no_update_for(6, today=today)
            .values_list("reference", flat=True)
        )
        assert set(quiet) == {"5", "8"}

    def test_overdue_and_not_overdue_split_every_recommendation(self, recs):
        today = datetime.date(2022, 1, 1)
        set_target(recs[4], datetime.date(2021, 12, 31))
        set_target(recs[5], datetime.date(2021, 12, 31))
        status_now(recs[5], Status.NOT_ACHIEVED)
        annotated = Recommendation.objects.with_status()
        overdue = set(annotated.overdue(today).values_list("reference", flat=True))
        not_overdue = set(annotated.not_overdue(today).values_list("reference", flat=True))
        assert overdue == {"4"}
        assert not_overdue == {"5", "8"}


# --- Together, in the URL, and paged ----------------------------------------------------


class TestCombinedAndShared:
    def test_filters_combine(self, client, recs, partner, review):
        status_now(recs[4], Status.ON_TRACK)
        status_now(recs[5], Status.ON_TRACK)
        Recommendation.objects.filter(pk=recs[8].pk).update(response=Response.ACCEPTED)
        status_now(recs[8], Status.ON_TRACK)

        both = {"body": partner.pk, "status": "on_track"}
        assert listed(client.get(LIST, both)) == {recs[4].heading, recs[8].heading}
        three = both | {"response": "accepted", "council": review.committee.council_id}
        response = client.get(LIST, three)
        assert listed(response) == {recs[8].heading}
        assert "1 recommendation matches the filters" in words(response)

    def test_the_form_shows_what_the_url_asked_and_clears(self, client, recs, partner):
        response = client.get(LIST, {"body": partner.pk, "no_update_for": "6"})
        html = response.content.decode()
        assert f'<option value="{partner.pk}" selected>' in html
        assert 'name="no_update_for" value="6"' in html
        assert '<details class="govuk-details" open>' in html
        assert f'href="{LIST}">Clear filters</a>' in html
        # The form is sent by GET, so the filtered list's own URL is its bookmark.
        assert re.search(r'<form[^>]*method="get"', html)

    def test_pages_keep_the_filters(self, client, review, partner):
        for n in range(1, 53):
            RecommendationFactory(review=review, reference=n).responsible_bodies.add(partner)
        RecommendationFactory(review=review, reference="60", title="Carried by nobody")
        first = client.get(LIST, {"body": partner.pk, "no_update_for": "3"})
        assert len(first.context["page_obj"].object_list) == 50
        html = first.content.decode()
        last = first.context["page_obj"].object_list[-1].pk
        assert f"?body={partner.pk}&amp;no_update_for=3&amp;after={last}" in html
        second = client.get(LIST, {"body": partner.pk, "no_update_for": "3", "after": last})
        assert "52 recommendations match the filters." in words(second)
        assert len(second.context["page_obj"].object_list) == 2
        assert "Carried by nobody" not in words(second)
        assert f"?body={partner.pk}&amp;no_update_for=3&amp;before=" in second.content.decode()


# --- Only what the user may see is offered ----------------------------------------------


@pytest.fixture
def hidden(other_council):
    """A draft review of another council, in a committee of its own, whose one
    recommendation is carried by a body that carries nothing else."""
    rec = RecommendationFactory(
        review__committee__council=other_council,
        review__committee__name="Rutland Draft Panel",
        review__title="Secret draft review",
        review__published=False,
        title="Secret draft recommendation",
    )
    rec.responsible_bodies.add(PartnershipFactory(name="Secret partner trust"))
    return rec


class TestChoices:
    @pytest.mark.parametrize("who", ["anonymous", "partner_rep", "officer"])
    def test_never_offer_a_draft_review_of_another_council(
        self, client, request, who, recs, elsewhere, hidden
    ):
        if who != "anonymous":
            client.force_login(request.getfixturevalue(who))
        response = client.get(LIST)
        review, committee = hidden.review, hidden.review.committee
        body = hidden.responsible_bodies.get()
        assert str(review.pk) not in options(response, "review")
        assert str(committee.pk) not in options(response, "committee")
        assert str(body.pk) not in options(response, "body")
        page = response.content.decode()
        for secret in ("Secret draft review", "Rutland Draft Panel", "Secret partner trust"):
            assert secret not in page
        # What they may see is offered: both councils, both published reviews' committees,
        # and a committee's reviews once it is chosen (issue 17: not every review at once).
        assert options(response, "council") == {
            str(recs[4].review.committee.council_id),
            str(elsewhere.review.committee.council_id),
        }
        assert options(response, "committee") == {
            str(recs[4].review.committee_id),
            str(elsewhere.review.committee_id),
        }
        assert options(response, "review") == set()
        for rec in (recs[4], elsewhere):
            chosen = client.get(LIST, {"committee": rec.review.committee_id})
            assert options(chosen, "review") == {str(rec.review_id)}

    def test_a_hidden_review_typed_into_the_url_is_refused_not_matched(
        self, client, officer, recs, hidden
    ):
        client.force_login(officer)
        for name, value in [
            ("review", hidden.review_id),
            ("committee", hidden.review.committee_id),
            ("body", hidden.responsible_bodies.get().pk),
        ]:
            response = client.get(LIST, {name: value})
            assert response.status_code == 200
            assert "Select a valid choice" in words(response)
            assert "Secret draft recommendation" not in response.content.decode()

    def test_a_review_without_a_live_recommendation_is_not_offered(
        self, client, recs, review, officer
    ):
        empty = RecommendationFactory(review__title="Nothing left in it")
        empty_review = empty.review
        empty.delete()
        client.force_login(officer)

        assert str(empty_review.committee_id) not in options(client.get(LIST), "committee")
        chosen = client.get(LIST, {"committee": empty_review.committee_id})
        assert "Select a valid choice" in words(chosen)
        assert options(chosen, "review") == set()
        offered = options(client.get(LIST, {"committee": review.committee_id}), "review")
        assert offered == {str(review.pk)}

    def test_the_places_are_read_from_the_committees_not_from_every_recommendation(
        self, client, recs, elsewhere, officer
    ):
        # Issue 17: the distinct places of every recommendation, 15,714 reviews read from
        # 235,000 recommendations at national size.
        client.force_login(officer)
        with CaptureQueriesContext(connection) as captured:
            client.get(LIST)
        places = [
            query["sql"]
            for query in captured.captured_queries
            if re.match(r'SELECT "scrutiny_committee"."council_id"', query["sql"])
        ]
        assert len(places) == 1  # the councils and committees, in one query
        assert "DISTINCT" not in places[0]
        assert re.search(r'FROM "scrutiny_committee"\s', places[0])
        # No committee chosen: no review is listed, so none is read.
        assert not [
            q for q in captured.captured_queries if q["sql"].startswith('SELECT "scrutiny_review"')
        ]

    def test_the_councils_own_people_are_offered_its_draft(self, client, other_council, hidden):
        client.force_login(user_with_role(Role.COUNCILLOR, other_council))
        response = client.get(LIST, {"review": hidden.review_id})
        assert str(hidden.review_id) in options(response, "review")
        assert listed(response) == {"Secret draft recommendation"}


# --- Bad input --------------------------------------------------------------------------


class TestBadInput:
    @pytest.mark.parametrize(
        ("query", "message", "anchor"),
        [
            (
                {"no_update_for": "abc"},
                "Enter the number of months as a whole number from 1 to 240, like 6",
                "id_no_update_for",
            ),
            (
                {"no_update_for": "0"},
                "Enter the number of months as a whole number from 1 to 240, like 6",
                "id_no_update_for",
            ),
            (
                {"no_update_for": "99999999999999999999999"},
                "Enter the number of months as a whole number from 1 to 240, like 6",
                "id_no_update_for",
            ),
            (
                {"target_from_0": "31", "target_from_1": "2", "target_from_2": "2022"},
                "Earliest target date must be a real date",
                "id_target_from",
            ),
            (
                {"target_to_0": "1", "target_to_1": "", "target_to_2": "2022"},
                "Latest target date must include a month",
                "id_target_to_1",
            ),
            (
                target_boxes("target_from", datetime.date(2023, 1, 2))
                | target_boxes("target_to", datetime.date(2023, 1, 1)),
                "Latest target date must be the same as or after the earliest target date",
                "id_target_to",
            ),
            ({"status": "nonsense"}, "Select a valid choice", "id_status"),
            ({"council": "99999999999999999999999"}, "Select a valid choice", "id_council"),
            ({"overdue": "maybe"}, "Select a valid choice", "id_overdue"),
        ],
    )
    def test_an_error_in_the_page_and_no_half_filtered_list(
        self, client, recs, query, message, anchor
    ):
        # A valid filter beside the bad one must not narrow a list on its own.
        response = client.get(LIST, {"response": "awaiting", **query})
        assert response.status_code == 200
        page = words(response)
        html = response.content.decode()
        assert "There is a problem" in page
        assert message in page
        assert f'href="#{anchor}"' in html
        assert f'id="{anchor}"' in html
        assert listed(response) == set()
        assert "No list is shown until the problems with the filters are corrected." in page
        assert f'href="{LIST}">Clear filters</a>' in html
        assert "<title>Error: Recommendations" in html


# --- Cost -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 30])
def test_every_filter_at_once_costs_the_same_queries(
    client, officer, review, partner, size, django_assert_max_num_queries
):
    for n in range(1, size + 1):
        rec = RecommendationFactory(
            review=review, reference=n, target_date=datetime.date(2022, 1, 1)
        )
        rec.responsible_bodies.add(partner)
        status_now(rec, Status.ON_TRACK)
    client.force_login(officer)
    query = {
        "council": review.committee.council_id,
        "committee": review.committee_id,
        "review": review.pk,
        "body": partner.pk,
        "status": "on_track",
        "response": "awaiting",
        "overdue": "yes",
        "no_update_for": "6",
        **target_boxes("target_from", datetime.date(2021, 1, 1)),
        **target_boxes("target_to", datetime.date(2022, 12, 31)),
    }
    # One more than the unfiltered list: the chosen committee's reviews (issue 17).
    # One of them reads the councils' status words (the filter's and the list's).
    with django_assert_max_num_queries(11 + SESSION_SAVE):
        response = client.get(LIST, query)
    assert response.context["page_obj"].count == size

"""The recommendation pages: who may see and do what, what the pages show, what bad input
does, and that the number of queries does not grow with the rows shown."""

import datetime
import re

import pytest
from django.db import connection
from django.db.models.signals import pre_save
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Role
from recommendations.models import ProgressUpdate, Recommendation, Response, Status, UpdateEntry
from tests.factories import (
    AgendaItemFactory,
    PartnershipFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
    user_with_role,
)
from tests.support.pages import main_text as text_of
from tests.support.queries import SESSION_SAVE

LIST = reverse("recommendations:recommendation-list")


def detail_url(rec):
    return reverse("recommendations:recommendation-detail", args=[rec.pk])


def edit_url(rec):
    return reverse("recommendations:recommendation-edit", args=[rec.pk])


def response_url(rec):
    return reverse("recommendations:response-edit", args=[rec.pk])


def create_url(review):
    return reverse("recommendations:recommendation-create", args=[review.pk])


def log_url(review):
    return reverse("recommendations:update-create", args=[review.pk])


def as_user(client, request, who):
    """Sign the client in as the fixture named ``who`` ("anonymous": nobody)."""
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    return client


def assert_login_redirect(response, url):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=" in response["Location"]


def log_data(officer, **kwargs):
    return {
        "given_on_0": "1",
        "given_on_1": "6",
        "given_on_2": "2021",
        "kind": "verbal",
        "organisation": str(officer.organisation_id),
        "given_by_role": "Strategic Director for Social Care and Education",
        "given_by_name": "",
        "item": "",
        "summary": "",
        **kwargs,
    }


def entry(rec, **fields):
    return {f"rec-{rec.pk}-{name}": value for name, value in fields.items()}


@pytest.fixture
def draft_review(council):
    return ReviewFactory(committee__council=council, title="Draft: Home care", published=False)


# --- List -------------------------------------------------------------------------------


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
            RecommendationFactory(review=review, number=n)
        first = client.get(LIST, {"response": "awaiting"})
        assert len(first.context["page_obj"].object_list) == 50
        html = first.content.decode()
        assert 'class="govuk-pagination"' in html
        assert "?response=awaiting&amp;page=2" in html
        second = text_of(client.get(LIST, {"response": "awaiting", "page": "2"}))
        assert "52 recommendations match the filters; showing 51 to 52" in second

    def test_a_late_page_works_out_the_status_of_its_own_rows_only(
        self, client, review, monkeypatch
    ):
        # Issue 17: ?page=190 worked out the status of every recommendation before it.
        monkeypatch.setattr("recommendations.views.recommendations.PAGE_SIZE", 2)
        for n in range(1, 6):
            RecommendationFactory(review=review, number=n, title=f"Recommendation {n}")
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST, {"page": "2"})
        assert [rec.number for rec in response.context["page_obj"].object_list] == [3, 4]
        assert "showing 3 to 4" in text_of(response)
        (rows,) = [
            query["sql"]
            for query in captured.captured_queries
            if "recommendations_updateentry" in query["sql"]
        ]
        # The page's keys chosen in a subquery; the outer query, with the statuses, has no
        # offset.
        assert re.search(r"IN \(SELECT .* OFFSET 2\)", rows)
        assert not rows.rstrip().endswith("OFFSET 2")


# --- Detail -----------------------------------------------------------------------------


class TestDetail:
    def test_shows_everything_about_it(self, client, recs, partner, item):
        rec = recs[4]
        Recommendation.objects.filter(pk=rec.pk).update(
            response=Response.PARTLY_ACCEPTED,
            response_text="Accepted in part: the LSCDG will lead on training.",
        )
        update = ProgressUpdateFactory(
            given_on=item.meeting.date,
            item=item,
            organisation=partner,
            given_by_role="Representative",
            kind="verbal",
        )
        UpdateEntryFactory(
            update=update,
            recommendation=rec,
            text="Career pathways report received today.",
            new_status=Status.SLIPPED,
            revised_target_date=datetime.date(2022, 9, 30),
            reason="The report came late.",
        )

        page = text_of(client.get(detail_url(rec)))

        for words in [
            "4. Quality of care and improving retention rates",
            "That the council works with partners",
            "Partly accepted",
            "Accepted in part: the LSCDG will lead on training.",
            "Director of Adult Social Care and Commissioning",
            "Leicester/shire Social Care Development Group (LSCDG)",
            "Slipped",
            "The report came late.",
            "Revised target date",
            "Career pathways report received today.",
            "Verbal update",
            "Representative (LSCDG)",
            "item 6: Social Care External Workforce: progress on the review",
            "Executive response received",
        ]:
            assert words in page, words
        html = client.get(detail_url(rec)).content.decode()
        assert f'href="{partner.get_absolute_url()}"' in html
        assert f'href="{rec.review.get_absolute_url()}"' in html
        assert f'href="{item.get_absolute_url()}"' in html

    def test_timeline_newest_first_with_the_response_in_its_place(self, client, recs):
        rec = recs[5]
        for day, text in [
            (datetime.date(2021, 3, 1), "March words"),
            (datetime.date(2021, 7, 1), "July words"),
            (datetime.date(2020, 12, 1), "December words"),
        ]:
            UpdateEntryFactory(recommendation=rec, update__given_on=day, text=text)
        page = text_of(client.get(detail_url(rec)))
        page = page[page.index("Timeline") :]
        order = [
            page.index(w)
            for w in [
                "July words",
                "March words",
                "Executive response received",
                "December words",
                "Report agreed",
            ]
        ]
        assert order == sorted(order)

    def test_exempt_updates_only_for_those_who_may_see_them(
        self, client, recs, exempt_item, officer
    ):
        UpdateEntryFactory(
            recommendation=recs[4],
            update__item=exempt_item,
            update__given_on=exempt_item.meeting.date,
            text="Contract values discussed.",
            new_status=Status.PAUSED,
        )
        public = text_of(client.get(detail_url(recs[4])))
        assert "Contract values discussed." not in public
        assert "Not started" in public
        client.force_login(officer)
        own = text_of(client.get(detail_url(recs[4])))
        assert "Contract values discussed." in own
        assert "Paused" in own

    def test_closed_shows_the_meeting_that_agreed_it(self, client, recs, item):
        UpdateEntryFactory(
            recommendation=recs[8],
            update__item=item,
            update__given_on=item.meeting.date,
            new_status=Status.ACHIEVED,
            reason="Inspire to Care delivered.",
        )
        page = text_of(client.get(detail_url(recs[8])))
        assert "Achieved" in page
        assert "Outcome Inspire to Care delivered." in page
        assert f"Closure agreed at {item.meeting}" in page
        assert "Overdue" not in page

    def test_warns_when_overdue_and_stale(self, client, recs):
        page = text_of(client.get(detail_url(recs[4])))
        assert "Overdue: its target date" in page
        assert "No update in six months" in page

    def test_no_warning_when_on_time_and_recent(self, client, review):
        rec = RecommendationFactory(review=review, target_date=datetime.date(2999, 1, 1))
        UpdateEntryFactory(recommendation=rec, update__given_on=datetime.date.today())
        page = text_of(client.get(detail_url(rec)))
        assert "Overdue" not in page and "No update in six months" not in page

    @pytest.mark.parametrize(
        ("who", "buttons"),
        [
            ("anonymous", set()),
            ("councillor", set()),
            ("outside_officer", set()),
            ("partner_rep", {"Log an update"}),
            ("officer", {"Log an update", "Edit executive response"}),
            ("dem_services", {"Log an update", "Edit executive response", "Edit recommendation"}),
        ],
    )
    def test_buttons_by_permission(self, client, request, who, buttons, recs):
        page = text_of(as_user(client, request, who).get(detail_url(recs[4])))
        shown = {
            b
            for b in ["Log an update", "Edit executive response", "Edit recommendation"]
            if b in page
        }
        assert shown == buttons

    def test_a_partner_gets_no_log_button_for_what_it_does_not_carry(
        self, client, partner_rep, recs
    ):
        client.force_login(partner_rep)
        assert "Log an update" not in text_of(client.get(detail_url(recs[5])))

    @pytest.mark.parametrize("who", ["anonymous", "partner_rep", "outside_officer"])
    def test_a_draft_reviews_recommendation_is_not_found(self, client, request, who, draft_review):
        rec = RecommendationFactory(review=draft_review)
        assert as_user(client, request, who).get(detail_url(rec)).status_code == 404

    def test_a_draft_reviews_recommendation_for_its_council(self, client, officer, draft_review):
        rec = RecommendationFactory(review=draft_review)
        client.force_login(officer)
        assert client.get(detail_url(rec)).status_code == 200

    def test_post_is_not_allowed(self, client, recs):
        assert client.post(detail_url(recs[4])).status_code == 405


# --- Create and edit --------------------------------------------------------------------


def rec_data(**kwargs):
    return {
        "number": "12",
        "title": "Investing in training",
        "text": "That the council invests in leadership training.",
        "lead_officer": "",
        "target_date_0": "31",
        "target_date_1": "3",
        "target_date_2": "2023",
        **kwargs,
    }


class TestCreate:
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_anonymous_is_sent_to_sign_in(self, client, review, method):
        url = create_url(review)
        assert_login_redirect(
            getattr(client, method)(url, rec_data() if method == "post" else {}), url
        )

    @pytest.mark.parametrize(
        "who", ["councillor", "officer", "partner_rep", "outside_dem_services"]
    )
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_wrong_roles_are_refused(self, client, request, who, method, review):
        response = getattr(as_user(client, request, who), method)(create_url(review), rec_data())
        assert response.status_code == 403
        assert not Recommendation.objects.exists()

    def test_democratic_services_add_one(self, client, dem_services, review, partner):
        client.force_login(dem_services)
        assert client.get(create_url(review)).status_code == 200
        response = client.post(create_url(review), rec_data(responsible_bodies=[partner.pk]))
        rec = Recommendation.objects.get()
        assert response.status_code == 302 and response["Location"] == detail_url(rec)
        assert (rec.review, rec.number, rec.target_date) == (review, 12, datetime.date(2023, 3, 31))
        assert list(rec.responsible_bodies.all()) == [partner]
        followed = text_of(client.get(response["Location"]))
        assert "Recommendation 12 added" in followed

    def test_the_next_number_is_suggested(self, client, dem_services, recs, review):
        client.force_login(dem_services)
        assert client.get(create_url(review)).context["form"]["number"].value() == 9

    def test_an_admin_adds_anywhere(self, client, review):
        admin = user_with_role(None, is_superuser=True, is_staff=True)
        client.force_login(admin)
        assert client.post(create_url(review), rec_data()).status_code == 302

    def test_a_duplicate_number_keeps_what_was_typed(self, client, dem_services, recs, review):
        client.force_login(dem_services)
        response = client.post(create_url(review), rec_data(number="5", title="Typed heading"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html
        assert '<a href="#id_number">This review already has a recommendation 5' in html
        assert 'value="Typed heading"' in html
        assert "That the council invests in leadership training." in html
        assert Recommendation.objects.count() == 3
        assert "(error)" in html[html.index("<title>") : html.index("</title>")]

    def test_a_draft_review_is_not_found_elsewhere(
        self, client, outside_dem_services, draft_review
    ):
        client.force_login(outside_dem_services)
        assert client.get(create_url(draft_review)).status_code == 404


class TestEdit:
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_anonymous_is_sent_to_sign_in(self, client, recs, method):
        url = edit_url(recs[4])
        assert_login_redirect(getattr(client, method)(url), url)

    @pytest.mark.parametrize(
        "who", ["councillor", "officer", "partner_rep", "outside_dem_services"]
    )
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_wrong_roles_are_refused(self, client, request, who, method, recs):
        response = getattr(as_user(client, request, who), method)(
            edit_url(recs[4]), rec_data(number="4", title="Changed")
        )
        assert response.status_code == 403
        recs[4].refresh_from_db()
        assert recs[4].title == "Quality of care and improving retention rates"

    def test_democratic_services_change_it(self, client, dem_services, recs):
        client.force_login(dem_services)
        page = client.get(edit_url(recs[4])).content.decode()
        assert 'value="Quality of care and improving retention rates"' in page
        assert 'name="target_date_2" value="2022"' in page
        response = client.post(
            edit_url(recs[4]), rec_data(number="4", title="Changed", version="1")
        )
        assert response.status_code == 302
        recs[4].refresh_from_db()
        assert (recs[4].title, recs[4].number) == ("Changed", 4)

    def test_a_half_typed_date_is_an_error_not_a_blank(self, client, dem_services, recs):
        client.force_login(dem_services)
        response = client.post(
            edit_url(recs[4]), rec_data(number="4", target_date_0="", target_date_1="13")
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert '<a href="#id_target_date_0">Target date must include a day</a>' in html
        assert 'name="target_date_1" value="13"' in html
        recs[4].refresh_from_db()
        assert recs[4].target_date == datetime.date(2022, 3, 31)

    def test_a_number_someone_else_took_meanwhile_is_an_error_not_a_crash(
        self, client, dem_services, recs
    ):
        def someone_else_takes_it(sender, instance, **kwargs):
            # Another user saves recommendation 7 between this form's check and its save.
            if instance.pk == recs[4].pk:
                RecommendationFactory(review=instance.review, number=instance.number)

        client.force_login(dem_services)
        pre_save.connect(someone_else_takes_it, sender=Recommendation)
        try:
            response = client.post(
                edit_url(recs[4]), rec_data(number="7", title="Typed", version="1")
            )
        finally:
            pre_save.disconnect(someone_else_takes_it, sender=Recommendation)
        assert response.status_code == 200
        assert "This review already has a recommendation with that number" in text_of(response)
        assert 'value="Typed"' in response.content.decode()
        recs[4].refresh_from_db()
        assert (recs[4].number, recs[4].title) != (7, "Typed")


# --- Executive response -----------------------------------------------------------------


def response_data(**kwargs):
    return {
        "response": "partly_accepted",
        "response_text": "Accepted in part: funding is limited.",
        "lead_officer": "Director of Adult Social Care",
        "target_date_0": "30",
        "target_date_1": "9",
        "target_date_2": "2022",
        **kwargs,
    }


class TestResponseEdit:
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_anonymous_is_sent_to_sign_in(self, client, recs, method):
        url = response_url(recs[4])
        assert_login_redirect(getattr(client, method)(url), url)

    @pytest.mark.parametrize(
        "who", ["councillor", "partner_rep", "outside_officer", "outside_dem_services"]
    )
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_wrong_roles_are_refused(self, client, request, who, method, recs):
        response = getattr(as_user(client, request, who), method)(
            response_url(recs[4]), response_data()
        )
        assert response.status_code == 403
        recs[4].refresh_from_db()
        assert recs[4].response == Response.AWAITING

    @pytest.mark.parametrize("who", ["officer", "dem_services"])
    def test_the_councils_officers_record_it(self, client, request, who, recs):
        client = as_user(client, request, who)
        assert client.get(response_url(recs[4])).status_code == 200
        response = client.post(response_url(recs[4]), response_data(version="1"))
        assert response.status_code == 302
        recs[4].refresh_from_db()
        assert recs[4].response == Response.PARTLY_ACCEPTED
        assert recs[4].target_date == datetime.date(2022, 9, 30)
        assert "Partly accepted" in text_of(client.get(detail_url(recs[4])))

    def test_bad_input_keeps_what_was_typed(self, client, officer, recs):
        client.force_login(officer)
        response = client.post(
            response_url(recs[4]),
            response_data(response="not_accepted", response_text="", lead_officer="Typed role"),
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in html
        assert '<a href="#id_response_text">' in html
        assert 'value="Typed role"' in html
        assert 'value="not_accepted"\n      checked' in html or re.search(
            r'value="not_accepted"\s+checked', html
        )


# --- Log an update ----------------------------------------------------------------------


class TestLogUpdateAccess:
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_anonymous_is_sent_to_sign_in(self, client, review, recs, method):
        url = log_url(review)
        assert_login_redirect(getattr(client, method)(url), url)

    @pytest.mark.parametrize("who", ["councillor", "outside_officer", "outside_dem_services"])
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_those_who_may_not_log_here_are_refused(
        self, client, request, who, method, recs, review, officer
    ):
        data = log_data(officer) | entry(recs[5], text="Should not be saved.")
        response = getattr(as_user(client, request, who), method)(log_url(review), data)
        assert response.status_code == 403
        assert not ProgressUpdate.objects.exists()

    def test_a_draft_review_is_not_found_for_others(self, client, partner_rep, draft_review):
        rec = RecommendationFactory(review=draft_review)
        rec.responsible_bodies.add(partner_rep.organisation)
        client.force_login(partner_rep)
        assert client.get(log_url(draft_review)).status_code == 404

    def test_a_partner_sees_only_what_its_body_carries(self, client, partner_rep, recs, review):
        client.force_login(partner_rep)
        page = text_of(client.get(log_url(review)))
        assert "Recommendation 4: Quality of care" in page
        assert "Recommendation 8: Attracting younger people" in page
        assert "Recommendation 5" not in page

    @pytest.mark.parametrize("who", ["officer", "dem_services"])
    def test_the_councils_people_see_every_recommendation(self, client, request, who, recs, review):
        page = text_of(as_user(client, request, who).get(log_url(review)))
        for n in (4, 5, 8):
            assert f"Recommendation {n}:" in page

    def test_closing_statuses_are_offered_only_to_democratic_services(
        self, client, officer, dem_services, recs, review
    ):
        client.force_login(officer)
        assert 'value="achieved"' not in client.get(log_url(review)).content.decode()
        client.force_login(dem_services)
        assert 'value="achieved"' in client.get(log_url(review)).content.decode()


class TestLogUpdate:
    def test_an_officer_logs_on_two_recommendations(self, client, officer, recs, review):
        client.force_login(officer)
        data = (
            log_data(officer)
            | entry(
                recs[4], text="Career pathways report received.", new_status="on_track", reason=""
            )
            | entry(recs[5], text="The group meets in June.", new_status="", reason="")
        )
        response = client.post(log_url(review), data)

        update = ProgressUpdate.objects.get()
        assert response.status_code == 302
        assert response["Location"] == update.get_absolute_url()
        assert (update.given_on, update.kind, update.recorded_by) == (
            datetime.date(2021, 6, 1),
            "verbal",
            officer,
        )
        assert sorted(update.entries.values_list("recommendation__number", flat=True)) == [4, 5]
        page = text_of(client.get(response["Location"]))
        assert "Update recorded on recommendations 4 and 5" in page
        assert "Career pathways report received." in page
        assert "The group meets in June." in page
        assert "On track" in page

    def test_at_an_item_the_meeting_date_is_used(self, client, officer, recs, review, item):
        client.force_login(officer)
        client.post(
            log_url(review),
            log_data(officer, item=str(item.pk), given_on_0="")
            | entry(recs[4], text="Verbal update at the commission."),
        )
        assert ProgressUpdate.objects.get().given_on == item.meeting.date

    def test_a_partner_logs_for_its_body(self, client, partner_rep, recs, review):
        client.force_login(partner_rep)
        page = client.get(log_url(review)).content.decode()
        assert f'<option value="{partner_rep.organisation_id}" selected>' in page
        response = client.post(
            log_url(review),
            log_data(partner_rep) | entry(recs[8], text="Inspire to Care workshops running."),
        )
        assert response.status_code == 302
        assert UpdateEntry.objects.get().recommendation == recs[8]

    def test_a_partner_posting_a_recommendation_it_does_not_carry_saves_nothing(
        self, client, partner_rep, recs, review
    ):
        client.force_login(partner_rep)
        response = client.post(
            log_url(review), log_data(partner_rep) | entry(recs[5], text="Sneaked in.")
        )
        assert response.status_code in (200, 403)
        assert not UpdateEntry.objects.filter(recommendation=recs[5]).exists()
        assert not ProgressUpdate.objects.exists()

    def test_a_partner_slipping_one_it_does_not_carry_among_its_own_is_refused(
        self, client, partner_rep, recs, review
    ):
        client.force_login(partner_rep)
        response = client.post(
            log_url(review),
            log_data(partner_rep)
            | entry(recs[4], text="Carried: fine.")
            | entry(recs[5], text="Sneaked in."),
        )
        assert response.status_code == 403
        assert not ProgressUpdate.objects.exists()

    def test_a_recommendation_of_another_review_is_refused(self, client, officer, recs, review):
        elsewhere = RecommendationFactory(review__committee=review.committee)
        client.force_login(officer)
        response = client.post(
            log_url(review),
            log_data(officer) | entry(recs[4], text="Fine.") | entry(elsewhere, text="Not here."),
        )
        assert response.status_code == 403
        assert not ProgressUpdate.objects.exists()

    def test_a_partner_cannot_give_it_for_another_body(
        self, client, partner_rep, council, recs, review
    ):
        client.force_login(partner_rep)
        response = client.post(
            log_url(review),
            log_data(partner_rep, organisation=council.pk) | entry(recs[4], text="As the council."),
        )
        assert response.status_code == 200
        assert "Select a valid choice" in text_of(response)
        assert not ProgressUpdate.objects.exists()

    def test_a_partner_cannot_choose_an_exempt_item(
        self, client, partner_rep, recs, review, exempt_item
    ):
        client.force_login(partner_rep)
        assert exempt_item.title not in client.get(log_url(review)).content.decode()
        response = client.post(
            log_url(review),
            log_data(partner_rep, item=exempt_item.pk) | entry(recs[4], text="At the exempt item."),
        )
        assert response.status_code == 200
        assert not ProgressUpdate.objects.exists()

    def test_an_officer_posting_a_closing_status_saves_nothing(
        self, client, officer, recs, review, item
    ):
        client.force_login(officer)
        response = client.post(
            log_url(review),
            log_data(officer, item=item.pk)
            | entry(recs[4], text="Done.", new_status="achieved", reason="Delivered."),
        )
        assert response.status_code == 200
        assert not ProgressUpdate.objects.exists()

    def test_democratic_services_close_one_at_a_meeting(
        self, client, dem_services, recs, review, item
    ):
        client.force_login(dem_services)
        response = client.post(
            log_url(review),
            log_data(dem_services, item=item.pk)
            | entry(
                recs[8],
                text="Delivered.",
                new_status="achieved",
                reason="The commission agreed it is complete.",
            ),
        )
        assert response.status_code == 302
        page = text_of(client.get(detail_url(recs[8])))
        assert "Achieved" in page and f"Closure agreed at {item.meeting}" in page

    def test_bad_input_keeps_everything_typed_and_links_each_error(
        self, client, officer, recs, review
    ):
        client.force_login(officer)
        data = (
            log_data(officer, given_by_role="", summary="General words typed.")
            | entry(recs[4], text="Typed for four.", new_status="slipped", reason="")
            | entry(recs[5], text="Typed for five.")
        )
        response = client.post(log_url(review), data)
        html = response.content.decode()

        assert response.status_code == 200
        assert not ProgressUpdate.objects.exists()
        start = html.index("govuk-error-summary")
        summary = html[start : html.index("</ul>", start)]
        four = f"id_rec-{recs[4].pk}-"
        assert '<a href="#id_given_by_role">' in summary
        assert (
            f'<a href="#{four}revised_target_date">Recommendation 4: enter the revised' in summary
        )
        assert f'<a href="#{four}reason">Recommendation 4: give the reason it slipped' in summary
        assert "General words typed." in html
        assert "Typed for four." in html and "Typed for five." in html
        assert re.search(r'<option value="slipped"\s+selected>', html)
        assert "(error)" in html[html.index("<title>") : html.index("</title>")]

    def test_nothing_reported_is_an_error(self, client, officer, recs, review):
        client.force_login(officer)
        response = client.post(log_url(review), log_data(officer))
        assert response.status_code == 200
        assert "Say what was reported on at least one recommendation" in text_of(response)

    def test_preselected_item_and_recommendation(self, client, officer, recs, review, item):
        client.force_login(officer)
        html = client.get(
            log_url(review), {"item": item.pk, "recommendation": recs[5].pk}
        ).content.decode()
        assert f'<option value="{item.pk}" selected>' in html
        details = html[html.index('<details class="govuk-details"') :]
        assert "Recommendation 5:" not in details
        assert "Recommendation 4:" in details and "Recommendation 8:" in details
        assert "Report on 2 other recommendations of this review" in details

    def test_preselecting_a_recommendation_the_user_may_not_log_shows_them_all(
        self, client, partner_rep, recs, review
    ):
        client.force_login(partner_rep)
        html = client.get(log_url(review), {"recommendation": recs[5].pk}).content.decode()
        assert '<details class="govuk-details"' not in html
        assert "Recommendation 4:" in html and "Recommendation 8:" in html
        assert "Recommendation 5:" not in html

    def test_an_item_of_another_committee_is_not_preselected(self, client, officer, recs, review):
        elsewhere = AgendaItemFactory()
        client.force_login(officer)
        html = client.get(log_url(review), {"item": elsewhere.pk}).content.decode()
        select = html[html.index('id="id_item"') :]
        select = select[: select.index("</select>")]
        assert elsewhere.title not in select
        assert '<option value="" selected>Not given at a meeting</option>' in select


# --- Update detail ----------------------------------------------------------------------


class TestUpdateDetail:
    def test_shows_the_update_and_each_entry(self, client, recs, partner, item):
        update = ProgressUpdateFactory(
            given_on=item.meeting.date,
            item=item,
            organisation=partner,
            kind="verbal",
            given_by_role="Representative",
            summary="LSCDG is a legal partnership.",
        )
        UpdateEntryFactory(
            update=update,
            recommendation=recs[4],
            text="Pathways report.",
            new_status=Status.ON_TRACK,
        )
        UpdateEntryFactory(update=update, recommendation=recs[8], text="Workshops.")
        page = text_of(client.get(update.get_absolute_url()))
        for words in [
            "Verbal update",
            "Representative",
            "LSCDG is a legal partnership.",
            "Recommendation 4: Quality of care",
            "Pathways report.",
            "On track",
            "Recommendation 8: Attracting",
            "Workshops.",
            "No change",
            f"{item.meeting}, item 6",
        ]:
            assert words in page, words

    def test_an_exempt_update_is_not_found_by_the_public(
        self, client, recs, exempt_item, officer, partner_rep
    ):
        update = ProgressUpdateFactory(item=exempt_item, given_on=exempt_item.meeting.date)
        UpdateEntryFactory(update=update, recommendation=recs[4])
        assert client.get(update.get_absolute_url()).status_code == 404
        client.force_login(partner_rep)
        assert client.get(update.get_absolute_url()).status_code == 404
        client.force_login(officer)
        assert client.get(update.get_absolute_url()).status_code == 200

    def test_an_update_on_a_draft_review_is_not_found_by_the_public(self, client, draft_review):
        entry_ = UpdateEntryFactory(recommendation__review=draft_review)
        assert client.get(entry_.update.get_absolute_url()).status_code == 404


# --- Queries ----------------------------------------------------------------------------


def populate(review, partner, size):
    """``size`` recommendations, each carried by the partner and with two updates."""
    for n in range(1, size + 1):
        rec = RecommendationFactory(review=review, number=100 + n)
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
        # responsible bodies in the other.
        with django_assert_max_num_queries(9 + SESSION_SAVE):
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
        with django_assert_max_num_queries(10 + SESSION_SAVE):
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
        with django_assert_max_num_queries(8 + SESSION_SAVE):
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
            data |= entry(rec, text=f"Words on {rec.number}.", new_status="on_track")
        client.force_login(officer)
        # The same count for 3 and 30 entries: the entries and their history rows are two
        # bulk inserts, and the status timelines three queries (read, delete, insert).
        with django_assert_max_num_queries(16 + SESSION_SAVE):
            response = client.post(log_url(review), data)
        assert response.status_code == 302
        assert UpdateEntry.objects.filter(text__startswith="Words on").count() == size


def test_the_role_helper_needs_a_group(db):
    # Guards the fixtures above: a user without a role can do none of this.
    assert not user_with_role(None).has_role(Role.OFFICER)

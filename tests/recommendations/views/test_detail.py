"""Reading one recommendation and one progress update: what the pages show, the timeline,
warnings, the buttons each role gets, and what is not found for whom."""

import datetime

import pytest

from recommendations.models import Recommendation, Response, Status
from tests.factories import ProgressUpdateFactory, RecommendationFactory, UpdateEntryFactory
from tests.recommendations.views.helpers import as_user, detail_url
from tests.support.pages import main_text as text_of


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

"""Logging a progress update on a review's recommendations: who may log on which, closing
statuses, preselection, and bad input kept with each error linked."""

import datetime
import re

import pytest

from recommendations.models import ProgressUpdate, UpdateEntry
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    RecommendationFactory,
)
from tests.recommendations.views.helpers import (
    as_user,
    assert_login_redirect,
    detail_url,
    entry,
    log_data,
    log_url,
)
from tests.support.pages import main_text as text_of


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
        def offered(user) -> bool:
            client.force_login(user)
            html = client.get(log_url(review)).content.decode()
            status = re.search(r'<select[^>]*name="rec-\d+-new_status".*?</select>', html, re.S)
            return 'value="achieved"' in status.group(0)

        # Proposing closure for the committee's sign-off is offered to both.
        assert not offered(officer)
        assert offered(dem_services)


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
        assert sorted(update.entries.values_list("recommendation__reference", flat=True)) == [
            "4",
            "5",
        ]
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

    def test_an_item_taking_the_review_at_another_committee_is_offered(
        self, client, officer, recs, review
    ):
        """The meeting page links such an item to this form: the form must offer it."""
        cabinet = CommitteeFactory(council=review.committee.council, name="Cabinet")
        elsewhere = AgendaItemFactory(
            meeting=MeetingFactory(committee=cabinet, date=datetime.date(2021, 3, 2)),
            title="Executive response to the workforce review",
            review=review,
        )
        client.force_login(officer)
        html = client.get(log_url(review), {"item": elsewhere.pk}).content.decode()
        select = html[html.index('id="id_item"') :]
        select = select[: select.index("</select>")]
        assert f'<option value="{elsewhere.pk}" selected>' in select, select

    def test_an_item_of_another_committee_is_not_preselected(self, client, officer, recs, review):
        elsewhere = AgendaItemFactory()
        client.force_login(officer)
        html = client.get(log_url(review), {"item": elsewhere.pk}).content.decode()
        select = html[html.index('id="id_item"') :]
        select = select[: select.index("</select>")]
        assert elsewhere.title not in select
        assert '<option value="" selected>Not given at a meeting</option>' in select

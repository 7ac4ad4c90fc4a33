"""The executive's responses to a whole review on one page: each recommendation's response
and reasons, the date received asked once, saved all or nothing by officers and democratic
services of the council, never over what someone else saved meanwhile."""

import datetime

import pytest
from django.urls import reverse

from recommendations.models import Recommendation, Response
from tests.factories import RecommendationFactory
from tests.recommendations.views.helpers import as_user, assert_login_redirect, response_url
from tests.support.pages import words


def responses_url(review):
    return reverse("recommendations:review-responses-edit", args=[review.pk])


def row(rec, response="accepted", text="", version=None):
    version = rec.version if version is None else version
    return {
        f"rec-{rec.pk}-response": response,
        f"rec-{rec.pk}-response_text": text,
        f"rec-{rec.pk}-version": str(version),
    }


def received(day="19", month="1", year="2021"):
    return {
        "review-received_on_0": day,
        "review-received_on_1": month,
        "review-received_on_2": year,
    }


@pytest.fixture
def unanswered(review):
    review.response_received_on = None
    review.save()
    return [RecommendationFactory(review=review, reference=str(n)) for n in (1, 2, 3)]


def stored(recs):
    return [
        (r.response, r.response_text)
        for r in Recommendation.objects.filter(pk__in=[r.pk for r in recs]).order_by("sort_key")
    ]


class TestWho:
    def test_anonymous_is_sent_to_sign_in(self, client, review):
        assert_login_redirect(client.get(responses_url(review)), responses_url(review))

    @pytest.mark.parametrize("who", ["councillor", "partner_rep", "outside_officer"])
    def test_others_are_refused(self, client, request, who, unanswered, review):
        client = as_user(client, request, who)
        assert client.get(responses_url(review)).status_code == 403
        data = {**row(unanswered[0]), **received()}
        assert client.post(responses_url(review), data).status_code == 403
        assert unanswered[0].response == Response.AWAITING

    @pytest.mark.parametrize("who", ["officer", "dem_services"])
    def test_the_review_page_links_to_it(self, client, request, who, unanswered, review):
        client = as_user(client, request, who)
        assert responses_url(review) in client.get(review.get_absolute_url()).content.decode()
        assert client.get(responses_url(review)).status_code == 200

    def test_no_link_for_a_councillor(self, client, councillor, unanswered, review):
        client.force_login(councillor)
        assert responses_url(review) not in client.get(review.get_absolute_url()).content.decode()


class TestSaving:
    def test_every_response_is_saved_with_the_date_asked_once(
        self, client, officer, unanswered, review
    ):
        client.force_login(officer)
        page = words(client.get(responses_url(review)))
        assert page.count("Date the executive response was received") == 1
        data = {
            **row(unanswered[0], "accepted", "Accepted in full."),
            **row(unanswered[1], "partly_accepted", "Only the training part is funded."),
            **row(unanswered[2], "noted"),
            **received(),
        }
        response = client.post(responses_url(review), data)
        assert response.status_code == 302
        assert stored(unanswered) == [
            ("accepted", "Accepted in full."),
            ("partly_accepted", "Only the training part is funded."),
            ("noted", ""),
        ]
        review.refresh_from_db()
        assert review.response_received_on == datetime.date(2021, 1, 19)
        assert review.history.first().history_user == officer
        assert unanswered[1].history.first().history_user == officer
        followed = words(client.get(response["Location"]))
        assert "Executive responses saved for 3 recommendations" in followed
        # Asked once: now recorded, the page no longer asks.
        assert "Date the executive response was received" not in words(
            client.get(responses_url(review))
        )

    def test_rows_left_as_they_were_are_not_written(self, client, officer, recs, review):
        client.force_login(officer)
        before = {n: recs[n].history.count() for n in (4, 5)}
        data = {**row(recs[4], "accepted", "Yes."), **row(recs[5], "awaiting")}
        data |= row(recs[8], "awaiting")
        assert client.post(responses_url(review), data).status_code == 302
        assert recs[5].history.count() == before[5]
        assert recs[4].history.count() == before[4] + 1
        recs[5].refresh_from_db()
        assert recs[5].version == 1  # no one's open edit form of it is put out

    def test_one_broken_row_saves_nothing_and_keeps_what_was_typed(
        self, client, officer, unanswered, review
    ):
        client.force_login(officer)
        data = {
            **row(unanswered[0], "accepted", "Accepted in full."),
            **row(unanswered[1], "not_accepted", ""),
            **row(unanswered[2], "noted"),
            **received(),
        }
        response = client.post(responses_url(review), data)
        assert response.status_code == 200
        text = words(response)
        reasons = "Recommendation 2: give the executive's reasons when it is not fully accepted"
        assert reasons in text
        assert f'href="#id_rec-{unanswered[1].pk}-response_text"' in response.content.decode()
        assert stored(unanswered) == [("awaiting", "")] * 3
        review.refresh_from_db()
        assert review.response_received_on is None
        form = response.context["page"].forms[0]
        assert form["response_text"].value() == "Accepted in full."

    def test_the_date_is_needed_and_follows_the_reviews_rules(
        self, client, officer, unanswered, review
    ):
        client.force_login(officer)
        data = {**row(unanswered[0], "accepted", "Yes."), **received("", "", "")}
        response = client.post(responses_url(review), data)
        assert "Enter the date the executive response was received" in words(response)
        data |= received(year="2019")
        response = client.post(responses_url(review), data)
        assert "The response cannot be received before the report was agreed" in words(response)
        assert stored(unanswered)[0] == ("awaiting", "")

    def test_awaiting_everywhere_needs_no_date(self, client, officer, unanswered, review):
        client.force_login(officer)
        data = {**received("", "", "")}
        for rec in unanswered:
            data |= row(rec, "awaiting")
        response = client.post(responses_url(review), data)
        assert response.status_code == 302
        # Nothing differed from what was stored: nothing written, and the page says so.
        assert "No response was changed" in words(client.get(response["Location"]))
        assert all(rec.history.count() == 1 for rec in unanswered)


class TestConflicts:
    def test_a_row_saved_meanwhile_is_a_conflict_and_nothing_is_written(
        self, client, officer, dem_services, recs, review
    ):
        client.force_login(officer)
        data = {
            **row(recs[4], "accepted", "Mine."),
            **row(recs[5], "noted", "Mine too."),
            **row(recs[8]),
        }
        # Someone else records recommendation 5's response on its own page meanwhile.
        other = client.__class__()
        other.force_login(dem_services)
        theirs = {"response": "not_accepted", "response_text": "No budget.", "version": "1"}
        theirs |= {"target_date_0": "", "target_date_1": "", "target_date_2": ""}
        assert other.post(response_url(recs[5]), theirs).status_code == 302
        response = client.post(responses_url(review), data)
        assert response.status_code == 409
        text = words(response)
        assert "Recommendation 5 was changed by" in text
        assert "it now says “Not accepted”" in text
        assert stored([recs[4], recs[5]]) == [("awaiting", ""), ("not_accepted", "No budget.")]
        # Sending it again saves what was typed over theirs.
        again = response.context["page"].forms[1]
        assert again["version"].value() == "2"
        data |= {f"rec-{recs[5].pk}-version": "2"}
        assert client.post(responses_url(review), data).status_code == 302
        assert stored([recs[4], recs[5]]) == [("accepted", "Mine."), ("noted", "Mine too.")]

    def test_a_recommendation_added_after_the_page_was_opened_is_left_alone(
        self, client, officer, recs, review
    ):
        client.force_login(officer)
        data = {**row(recs[4], "accepted", "Yes."), **row(recs[5]), **row(recs[8])}
        late = RecommendationFactory(review=review, reference="9")
        assert client.post(responses_url(review), data).status_code == 302
        late.refresh_from_db()
        assert late.response == Response.AWAITING


class TestRowsLeftAlone:
    def test_a_row_left_alone_keeps_what_someone_else_saved_meanwhile(
        self, client, officer, dem_services, recs, review
    ):
        client.force_login(officer)
        page = client.get(responses_url(review)).content.decode()
        # The page carries what it showed, to tell a row left alone.
        assert f'name="initial-rec-{recs[5].pk}-response" value="awaiting"' in page
        shown = {
            f"initial-rec-{r.pk}-{name}": value
            for r in recs.values()
            for name, value in (("response", "awaiting"), ("response_text", ""))
        }
        data = {**shown, **row(recs[4], "accepted", "Mine."), **row(recs[5], "awaiting")}
        data |= row(recs[8], "awaiting")
        # Someone else records recommendation 5's response on its own page meanwhile.
        other = client.__class__()
        other.force_login(dem_services)
        theirs = {"response": "not_accepted", "response_text": "No budget.", "version": "1"}
        theirs |= {"target_date_0": "", "target_date_1": "", "target_date_2": ""}
        assert other.post(response_url(recs[5]), theirs).status_code == 302
        response = client.post(responses_url(review), data)
        assert response.status_code == 302
        assert stored([recs[4], recs[5]]) == [("accepted", "Mine."), ("not_accepted", "No budget.")]

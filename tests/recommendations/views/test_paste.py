"""Adding a review's recommendations from the report's pasted numbered list: split, checked
and corrected row by row, then saved all or nothing, by those who add recommendations."""

import pytest
from django.urls import reverse

from recommendations.models import Recommendation
from recommendations.services import recommendation_delete
from tests.factories import RecommendationFactory
from tests.recommendations.views.helpers import as_user, assert_login_redirect
from tests.support.pages import words

PASTED = """The Commission recommends:

1. That the Council works with the LSCDG to develop a career pathway
for care workers.

2) That retention rates are reported by provider twice a year.
R3 That accredited leadership training is funded for registered managers.
"""


def paste_url(review):
    return reverse("recommendations:recommendation-paste", args=[review.pk])


def rows_data(rows):
    data = {
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": str(len(rows)),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "300",
    }
    for index, (reference, text) in enumerate(rows):
        data[f"rows-{index}-reference"] = reference
        data[f"rows-{index}-text"] = text
    return data


def added(review):
    return list(
        Recommendation.objects.filter(review=review)
        .order_by("sort_key")
        .values_list("reference", "text")
    )


class TestWho:
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_anonymous_is_sent_to_sign_in(self, client, review, method):
        url = paste_url(review)
        assert_login_redirect(getattr(client, method)(url, {"pasted": PASTED}), url)

    @pytest.mark.parametrize(
        "who", ["councillor", "officer", "partner_rep", "outside_dem_services"]
    )
    def test_others_are_refused(self, client, request, who, review):
        client = as_user(client, request, who)
        assert client.get(paste_url(review)).status_code == 403
        response = client.post(paste_url(review), rows_data([("1", "Words.")]))
        assert response.status_code == 403
        assert not Recommendation.objects.exists()

    def test_the_review_page_links_to_it_for_democratic_services_only(
        self, client, dem_services, officer, review
    ):
        client.force_login(dem_services)
        page = client.get(review.get_absolute_url()).content.decode()
        assert paste_url(review) in page and "Add several recommendations" in page
        client.force_login(officer)
        assert paste_url(review) not in client.get(review.get_absolute_url()).content.decode()


class TestJourney:
    def test_pasted_list_is_split_into_rows_to_correct(self, client, dem_services, review):
        client.force_login(dem_services)
        assert client.get(paste_url(review)).status_code == 200
        response = client.post(paste_url(review), {"pasted": PASTED})
        assert response.status_code == 200
        rows = response.context["rows"]
        assert [(f["reference"].value(), f["text"].value()) for f in rows] == [
            ("", "The Commission recommends:"),
            (
                "1",
                "That the Council works with the LSCDG to develop a career pathway for care "
                "workers.",
            ),
            ("2", "That retention rates are reported by provider twice a year."),
            ("R3", "That accredited leadership training is funded for registered managers."),
        ]
        assert "4 recommendations were found in the list" in words(response)
        assert not Recommendation.objects.exists()

    def test_corrected_rows_are_saved_and_a_cleared_row_left_out(
        self, client, dem_services, review
    ):
        client.force_login(dem_services)
        data = rows_data([("", ""), ("1", "Develop a career pathway."), (" 3a ", "Fund training.")])
        response = client.post(paste_url(review), data)
        assert response.status_code == 302
        assert response["Location"] == review.get_absolute_url() + "#tracker"
        assert added(review) == [("1", "Develop a career pathway."), ("3a", "Fund training.")]
        rec = Recommendation.objects.get(reference="3a")
        assert rec.history.get().history_user == dem_services
        assert "2 recommendations added: 1 and 3a" in words(client.get(response["Location"]))

    def test_nothing_pasted_is_an_error(self, client, dem_services, review):
        client.force_login(dem_services)
        response = client.post(paste_url(review), {"pasted": "  \n"})
        assert response.status_code == 200
        assert 'href="#id_pasted"' in response.content.decode()
        assert "Paste the recommendations from the report" in words(response)


class TestAllOrNothing:
    def test_each_broken_row_is_named_and_nothing_is_saved(self, client, dem_services, review):
        RecommendationFactory(review=review, reference="R1")
        client.force_login(dem_services)
        data = rows_data(
            [
                ("r1 ", "Clashes with the review's R1, whatever the case."),
                ("2", "Fine."),
                ("2", "Given twice."),
                ("", "No reference."),
                ("4", ""),
            ]
        )
        response = client.post(paste_url(review), data)
        page = response.content.decode()
        assert response.status_code == 200
        assert list(Recommendation.objects.values_list("reference", flat=True)) == ["R1"]
        assert 'href="#id_rows-3-reference"' in page
        assert 'href="#id_rows-4-text"' in page
        assert "Row 4: enter the reference" in words(response)
        assert "Row 5: enter the recommendation as the report words it" in words(response)
        # The clashes are said at the same time, not once the rest is put right.
        assert "Row 1: this review already has a recommendation r1" in words(response)
        assert "Row 3: reference 2 is also given in row 2" in words(response)

    def test_clashes_are_found_once_the_shape_is_right(self, client, dem_services, review):
        RecommendationFactory(review=review, reference="R1")
        deleted = RecommendationFactory(review=review, reference="7")
        recommendation_delete(recommendation=deleted, actor=dem_services, reason="Duplicate")
        client.force_login(dem_services)
        data = rows_data([("r1 ", "Clash."), ("2", "Fine."), ("2", "Twice."), ("7", "Deleted.")])
        response = client.post(paste_url(review), data)
        text = words(response)
        assert "Row 1: this review already has a recommendation r1: give another reference" in text
        assert "Row 3: reference 2 is also given in row 2" in text
        assert "Row 4: recommendation 7 was deleted: restore it from Deleted items" in text
        assert 'href="#id_rows-0-reference"' in response.content.decode()
        # What was typed stays, to correct.
        assert response.context["rows"].forms[2]["text"].value() == "Twice."
        assert Recommendation.all_objects.count() == 2

    def test_too_long_a_reference_is_refused_on_its_row(self, client, dem_services, review):
        client.force_login(dem_services)
        response = client.post(paste_url(review), rows_data([("9" * 41, "Words.")]))
        assert "Row 1: the reference must be 40 characters or fewer" in words(response)
        assert not Recommendation.objects.exists()

    def test_every_row_cleared_saves_nothing(self, client, dem_services, review):
        client.force_login(dem_services)
        response = client.post(paste_url(review), rows_data([("", ""), (" ", "")]))
        assert response.status_code == 200
        assert "Give at least one recommendation to add" in words(response)
        assert 'href="#rows-section"' in response.content.decode()

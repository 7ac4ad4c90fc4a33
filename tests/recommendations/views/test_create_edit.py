"""Adding and changing a recommendation: only the council's democratic services (or an
admin) may; what they type is kept when it is refused."""

import datetime

import pytest
from django.db.models.signals import pre_save

from partnerships.models import Role
from recommendations.models import Recommendation
from tests.factories import RecommendationFactory, user_with_role
from tests.recommendations.views.helpers import (
    as_user,
    assert_login_redirect,
    create_url,
    detail_url,
    edit_url,
)
from tests.support.pages import main_text as text_of


def rec_data(**kwargs):
    return {
        "reference": "12",
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
        assert (rec.review, rec.reference, rec.target_date) == (
            review,
            "12",
            datetime.date(2023, 3, 31),
        )
        assert list(rec.responsible_bodies.all()) == [partner]
        followed = text_of(client.get(response["Location"]))
        assert "Recommendation 12 added" in followed

    def test_the_next_number_is_suggested(self, client, dem_services, recs, review):
        client.force_login(dem_services)
        assert client.get(create_url(review)).context["form"]["reference"].value() == "9"

    @pytest.mark.parametrize(
        ("taken", "suggested"),
        [(["R1", "R2", "R9"], "R10"), (["OSC (24/25) 07"], "OSC (24/25) 08"), (["3", "3a"], "")],
    )
    def test_the_next_reference_counts_on_from_the_last(
        self, client, dem_services, review, taken, suggested
    ):
        for reference in taken:
            RecommendationFactory(review=review, reference=reference)
        client.force_login(dem_services)
        assert client.get(create_url(review)).context["form"]["reference"].value() == suggested

    def test_an_admin_adds_anywhere(self, client, review):
        admin = user_with_role(None, is_superuser=True, is_staff=True)
        client.force_login(admin)
        assert client.post(create_url(review), rec_data()).status_code == 302

    def test_a_duplicate_number_keeps_what_was_typed(self, client, dem_services, recs, review):
        client.force_login(dem_services)
        response = client.post(create_url(review), rec_data(reference="5", title="Typed heading"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html
        assert '<a href="#id_reference">This review already has a recommendation 5' in html
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
            edit_url(recs[4]), rec_data(reference="4", title="Changed")
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
            edit_url(recs[4]), rec_data(reference="4", title="Changed", version="1")
        )
        assert response.status_code == 302
        recs[4].refresh_from_db()
        assert (recs[4].title, recs[4].reference) == ("Changed", "4")

    def test_a_half_typed_date_is_an_error_not_a_blank(self, client, dem_services, recs):
        client.force_login(dem_services)
        response = client.post(
            edit_url(recs[4]), rec_data(reference="4", target_date_0="", target_date_1="13")
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert '<a href="#id_target_date_0">Target date must include a day</a>' in html
        assert 'name="target_date_1" value="13"' in html
        recs[4].refresh_from_db()
        assert recs[4].target_date == datetime.date(2022, 3, 31)

    def test_a_reference_someone_else_took_meanwhile_is_an_error_not_a_crash(
        self, client, dem_services, recs
    ):
        def someone_else_takes_it(sender, instance, **kwargs):
            # Another user saves recommendation R7 between this form's check and this save
            # of "r7 ": the same reference to the database, whatever the case and spaces.
            if instance.pk == recs[4].pk:
                RecommendationFactory(review=instance.review, reference="R7")

        client.force_login(dem_services)
        pre_save.connect(someone_else_takes_it, sender=Recommendation)
        try:
            response = client.post(
                edit_url(recs[4]), rec_data(reference="r7 ", title="Typed", version="1")
            )
        finally:
            pre_save.disconnect(someone_else_takes_it, sender=Recommendation)
        assert response.status_code == 200
        assert "This review already has a recommendation with that reference" in text_of(response)
        assert 'value="Typed"' in response.content.decode()
        recs[4].refresh_from_db()
        assert (recs[4].reference, recs[4].title) == (
            "4",
            "Quality of care and improving retention rates",
        )


def test_the_role_helper_needs_a_group(db):
    # Guards the role fixtures of tests/recommendations/conftest.py: a user without a role
    # can do none of this.
    assert not user_with_role(None).has_role(Role.OFFICER)

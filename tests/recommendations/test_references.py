"""A recommendation's reference as its report writes it: natural order, unique in its review
whatever the case and surrounding spaces (deleted ones included), refused in the page's
words in English and Welsh; the migration that kept each number as its reference; and the
optional details councils' trackers keep, shown on its page and filtered on the list."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from recommendations.models import Recommendation
from recommendations.models.references import natural_sort_key
from recommendations.services import recommendation_delete
from tests.factories import CommitteeFactory, RecommendationFactory, ReviewFactory
from tests.recommendations.views.helpers import create_url, edit_url
from tests.support.pages import main_text as text_of

LIST = reverse("recommendations:recommendation-list")


@pytest.mark.parametrize(
    "typed",
    [
        ["R10", "R2", "R1"],
        ["4", "3a", "3", "10"],
        ["12(ii)", "12(i)", "12", "11"],
        ["OSC (24/25) 10", "OSC (24/25) 07", "osc (23/24) 12"],
        ["1.10", "1.2", "1.1", "2"],
    ],
)
def test_natural_order(typed):
    expected = {
        "R10": ["R1", "R2", "R10"],
        "4": ["3", "3a", "4", "10"],
        "12(ii)": ["11", "12", "12(i)", "12(ii)"],
        "OSC (24/25) 10": ["osc (23/24) 12", "OSC (24/25) 07", "OSC (24/25) 10"],
        "1.10": ["1.1", "1.2", "1.10", "2"],
    }[typed[0]]
    assert sorted(typed, key=natural_sort_key) == expected


def test_the_key_sorts_alike_in_every_collation():
    # Digits and lower-case letters only: byte order and language collations agree.
    assert natural_sort_key(" Ŵ-12 (ii) ") == "w0000000012ii"


@pytest.mark.django_db
class TestInTheDatabase:
    def test_ordered_naturally_by_default(self):
        review = ReviewFactory()
        for reference in ["R10", "3a", "R1", "4", "R2", "3"]:
            RecommendationFactory(review=review, reference=reference)
        got = list(Recommendation.objects.filter(review=review).values_list("reference", flat=True))
        assert got == ["3", "3a", "4", "R1", "R2", "R10"]

    def test_bulk_create_sets_the_key_too(self):
        review = ReviewFactory()
        Recommendation.objects.bulk_create(
            Recommendation(review=review, reference=ref, text="x") for ref in [" R10 ", "R9"]
        )
        rows = Recommendation.objects.filter(review=review)
        assert list(rows.values_list("reference", "sort_key")) == [
            ("R9", "r0000000009"),
            ("R10", "r0000000010"),
        ]

    @pytest.mark.parametrize("clash", ["r1", " R1 ", "R1"])
    def test_the_database_refuses_the_same_reference_in_any_case_or_spacing(self, clash):
        first = RecommendationFactory(reference="R1")
        other = RecommendationFactory(review=first.review, reference="R2")
        with pytest.raises(IntegrityError), transaction.atomic():
            Recommendation.objects.filter(pk=other.pk).update(reference=clash)
        # Another review may use it.
        RecommendationFactory(reference=clash).full_clean()

    def test_a_deleted_recommendation_keeps_its_reference(self, dem_services, review):
        gone = RecommendationFactory(review=review, reference="R7")
        recommendation_delete(recommendation=gone, actor=dem_services, reason="Twice.")
        with pytest.raises(IntegrityError), transaction.atomic():
            RecommendationFactory(review=review, reference="r7")


@pytest.mark.django_db
class TestInThePage:
    @pytest.mark.parametrize(
        ("prefix", "message"),
        [
            ("", "This review already has a recommendation R10: give another reference"),
            ("/cy", "Mae gan yr adolygiad hwn argymhelliad R10 eisoes: rhowch gyfeirnod arall"),
        ],
    )
    def test_a_duplicate_is_refused_in_words_in_the_error_summary(
        self, client, dem_services, review, prefix, message
    ):
        RecommendationFactory(review=review, reference="R10")
        client.force_login(dem_services)
        response = client.post(
            prefix + create_url(review), {"reference": " r10 ", "text": "Another tenth."}
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<a href="#id_reference">{message}</a>' in html
        assert 'value=" r10 "' in html or 'value="r10"' in html
        assert Recommendation.objects.filter(review=review).count() == 1

    def test_the_report_s_reference_is_added_and_named_in_full(self, client, dem_services, review):
        client.force_login(dem_services)
        response = client.post(
            create_url(review),
            {"reference": "OSC (24/25) 07", "text": "That the council reports yearly."},
            follow=True,
        )
        assert "Recommendation OSC (24/25) 07 added" in text_of(response)
        assert '<h1 class="govuk-heading-l">OSC (24/25) 07. ' in response.content.decode()


@pytest.mark.django_db
class TestOwnersAndAgreement:
    def test_the_page_shows_the_review_s_committee_and_date_when_none_is_given(
        self, client, review
    ):
        rec = RecommendationFactory(review=review, reference="R1")
        text = text_of(client.get(rec.get_absolute_url()))
        assert f"Agreed by {review.committee.name} (the review's committee)" in text
        agreed = review.report_agreed_on.strftime("%-d %B %Y")
        assert f"Date agreed {agreed} (the date the report was agreed)" in text
        assert "Directorate or service area Not set" in text

    def test_the_page_shows_its_own(self, client, review):
        select = CommitteeFactory(council=review.committee.council, name="Select Committee")
        rec = RecommendationFactory(
            review=review,
            agreed_by=select,
            agreed_on=datetime.date(2024, 7, 3),
            directorate="Place",
            decision_maker="Cabinet Member for Transport",
            expected_outcome="Buses every ten minutes.",
        )
        text = text_of(client.get(rec.get_absolute_url()))
        assert "Agreed by Select Committee Date agreed 3 July 2024" in text
        assert "Directorate or service area Place" in text
        assert "Decision-maker Cabinet Member for Transport" in text
        assert "Expected outcome Buses every ten minutes." in text
        welsh = text_of(client.get("/cy" + rec.get_absolute_url()))
        assert "Cytunwyd gan Select Committee" in welsh
        assert "Gwneuthurwr penderfyniadau Cabinet Member for Transport" in welsh

    def test_another_council_s_committee_is_refused(self, dem_services, review):
        rec = RecommendationFactory(review=review, agreed_by=CommitteeFactory())
        with pytest.raises(Exception) as refused:
            rec.full_clean()
        assert "Choose one of the council's own committees" in str(refused.value)

    def test_the_form_saves_them(self, client, dem_services, review):
        select = CommitteeFactory(council=review.committee.council, name="Select Committee")
        client.force_login(dem_services)
        response = client.post(
            create_url(review),
            {
                "reference": "3a",
                "text": "That buses run more often.",
                "agreed_by": str(select.pk),
                "agreed_on_0": "3",
                "agreed_on_1": "7",
                "agreed_on_2": "2024",
                "directorate": "Place",
                "decision_maker": "Cabinet Member for Transport",
                "expected_outcome": "Buses every ten minutes.",
            },
        )
        assert response.status_code == 302
        rec = Recommendation.objects.get(review=review)
        assert (rec.agreed_by, rec.agreed_on, rec.directorate, rec.decision_maker) == (
            select,
            datetime.date(2024, 7, 3),
            "Place",
            "Cabinet Member for Transport",
        )

    def test_the_list_filters_on_directorate_and_decision_maker(self, client, review):
        RecommendationFactory(
            review=review,
            title="Buses",
            directorate="Place",
            decision_maker="Cabinet Member for Transport",
        )
        RecommendationFactory(
            review=review,
            title="Care",
            directorate="Adult Social Care",
            decision_maker="Cabinet Member for Health",
        )
        RecommendationFactory(review=review, title="Neither")

        def listed(**query):
            response = client.get(LIST, query)
            assert response.status_code == 200
            return {r.heading for g in response.context["groups"] for r in g["recommendations"]}

        assert listed(directorate="place") == {"Buses"}
        assert listed(decision_maker="health") == {"Care"}
        assert listed(directorate="care", decision_maker="transport") == set()
        assert listed() == {"Buses", "Care", "Neither"}
        page = client.get(LIST, {"directorate": "Place"}).content.decode()
        assert "Directorate or service area: Place" in page


@pytest.mark.django_db
def test_the_history_names_a_new_reference_and_details(client, dem_services, review):
    rec = RecommendationFactory(review=review, reference="R1", target_date=None)
    client.force_login(dem_services)
    response = client.post(
        edit_url(rec),
        {"reference": "R1a", "text": rec.text, "directorate": "Place", "version": "1"},
    )
    assert response.status_code == 302
    text = text_of(client.get(reverse("recommendations:recommendation-history", args=[rec.pk])))
    assert "History of recommendation R1a" in text
    assert "Reference" in text and "R1a" in text
    assert "Directorate or service area" in text and "Place" in text
    assert "sort key" not in text.lower()


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_each_number_as_its_reference():
    before = [("recommendations", "0009_stored_search_vectors")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    council = old.get_model("partnerships", "Organisation").objects.create(
        name="Leicester City Council", kind="council"
    )
    committee = old.get_model("scrutiny", "Committee").objects.create(
        council=council, name="Adult Social Care Scrutiny Commission", kind="scrutiny"
    )
    review = old.get_model("scrutiny", "Review").objects.create(
        committee=committee, title="Workforce", status="monitoring"
    )
    OldRecommendation = old.get_model("recommendations", "Recommendation")
    for number in (10, 2, 1):
        OldRecommendation.objects.create(review=review, number=number, text=f"Point {number}.")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    rows = Recommendation.all_objects.filter(review_id=review.pk)
    assert list(rows.values_list("reference", "text")) == [
        ("1", "Point 1."),
        ("2", "Point 2."),
        ("10", "Point 10."),
    ]

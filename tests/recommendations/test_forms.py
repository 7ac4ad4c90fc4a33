"""The recommendation, response and log-an-update forms: what they accept, what they
refuse and the words and links their errors carry."""

import datetime

import pytest
from django import forms
from django.utils import timezone

from partnerships.models import Organisation
from recommendations.forms import (
    EntryForm,
    RecommendationForm,
    ResponseForm,
    UpdateForm,
    UpdateSubmission,
)
from recommendations.models import Status
from scrutiny.common.forms import DateField, error_links
from scrutiny.models import AgendaItem
from tests.factories import RecommendationFactory


class DateForm(forms.Form):
    due = DateField(label="Target date")


def date_data(day, month, year):
    return {"due_0": day, "due_1": month, "due_2": year}


class TestDateField:
    def test_reads_a_real_date(self):
        form = DateForm(date_data("31", "3", "2022"))
        assert form.is_valid()
        assert form.cleaned_data["due"] == datetime.date(2022, 3, 31)

    def test_blank_is_no_date(self):
        form = DateForm(date_data("", "", ""))
        assert form.is_valid()
        assert form.cleaned_data["due"] is None

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (("31", "", "2022"), "Target date must include a month"),
            (("31", "2", "2022"), "Target date must be a real date"),
            (("1", "2", "22"), "Target date year must include 4 numbers"),
            (("1st", "2", "2022"), "Target date must be a real date: use numbers only"),
        ],
    )
    def test_a_partly_filled_or_impossible_date_is_an_error(self, data, message):
        form = DateForm(date_data(*data))
        assert not form.is_valid()
        assert message in form.errors["due"]

    def test_a_year_no_council_could_mean_is_an_error(self):
        form = DateForm(date_data("31", "3", "2202"))
        assert not form.is_valid()
        assert form.errors["due"] == ["Target date year must be between 1900 and 2200"]

    def test_a_missing_part_is_linked_to_its_own_box(self):
        form = DateForm(date_data("31", "", "2022"))
        form.is_valid()
        assert error_links(form) == [("id_due_1", "Target date must include a month")]


class TestRecommendationForm:
    def data(self, **kwargs):
        return {
            "reference": "4",
            "title": "Quality of care",
            "text": "That the council improves retention.",
            "lead_officer": "",
            "target_date_0": "",
            "target_date_1": "",
            "target_date_2": "",
            **kwargs,
        }

    @pytest.mark.parametrize("typed", ["5", " 5 "])
    def test_a_reference_already_used_in_the_review_is_a_form_error(self, recs, review, typed):
        form = RecommendationForm(self.data(reference=typed), review=review)

        assert not form.is_valid()
        assert form.errors["reference"] == [
            "This review already has a recommendation 5: give another reference"
        ]

    def test_a_reference_differing_only_in_case_or_spaces_is_taken(self, review):
        RecommendationFactory(review=review, reference="R1a")
        form = RecommendationForm(self.data(reference="  r1A "), review=review)

        assert not form.is_valid()
        assert form.errors["reference"] == [
            "This review already has a recommendation R1a: give another reference"
        ]

    @pytest.mark.parametrize("reference", ["R10", "3a", "12(ii)", "OSC (24/25) 07"])
    def test_the_report_s_own_references_are_taken_as_typed(self, review, reference):
        form = RecommendationForm(self.data(reference=f" {reference} "), review=review)

        assert form.is_valid(), form.errors
        assert form.save().reference == reference

    def test_a_reference_past_40_characters_is_refused_in_words(self, review):
        form = RecommendationForm(self.data(reference="R" * 41), review=review)

        assert not form.is_valid()
        assert form.errors["reference"] == ["The reference must be 40 characters or fewer"]

    def test_editing_keeps_its_own_reference(self, recs, review):
        form = RecommendationForm(
            self.data(reference="4", version="1"), instance=recs[4], review=review
        )
        assert form.is_valid(), form.errors

    def test_saves_into_the_review_with_its_bodies(self, review, partner):
        form = RecommendationForm(
            self.data(
                reference="12",
                responsible_bodies=[str(partner.pk)],
                target_date_0="31",
                target_date_1="3",
                target_date_2="2023",
            ),
            review=review,
        )
        assert form.is_valid(), form.errors
        rec = form.save()
        assert rec.review == review
        assert list(rec.responsible_bodies.all()) == [partner]
        assert rec.target_date == datetime.date(2023, 3, 31)

    def test_the_bodies_checkboxes_are_linked_from_the_summary(self, review):
        form = RecommendationForm(self.data(responsible_bodies=["999999"]), review=review)
        assert not form.is_valid()
        assert error_links(form)[0][0] == "id_responsible_bodies_1"


class TestResponseForm:
    def test_reasons_are_needed_when_not_fully_accepted(self, recs):
        form = ResponseForm(
            {"response": "not_accepted", "response_text": " ", "target_date_0": ""},
            instance=recs[4],
            actor=None,
        )
        assert not form.is_valid()
        assert form.errors["response_text"] == [
            "Give the executive's reasons when it is not fully accepted"
        ]

    def test_a_missing_response_links_to_the_first_radio(self, recs):
        form = ResponseForm({"response_text": "x"}, instance=recs[4], actor=None)
        assert not form.is_valid()
        assert ("id_response_1", "Select the executive's response") in error_links(form)


@pytest.fixture
def general(officer, item):
    def make(data, **kwargs):
        return UpdateForm(
            data,
            organisations=Organisation.objects.all(),
            items=AgendaItem.objects.all(),
            **kwargs,
        )

    return make


def general_data(officer, **kwargs):
    return {
        "given_on_0": "1",
        "given_on_1": "6",
        "given_on_2": "2021",
        "kind": "verbal",
        "organisation": str(officer.organisation_id),
        "given_by_role": "Strategic Director",
        "given_by_name": "",
        "item": "",
        "summary": "",
        **kwargs,
    }


class TestUpdateForm:
    def test_the_meeting_date_replaces_the_typed_one_even_a_wrong_one(self, general, officer, item):
        form = general(general_data(officer, item=str(item.pk), given_on_1="13"))
        assert form.is_valid(), form.errors
        assert form.cleaned_data["given_on"] == datetime.date(2021, 5, 25)

    def test_a_mistyped_date_is_not_reported_when_an_item_is_chosen(self, general, officer, item):
        form = general(general_data(officer, item=str(item.pk), given_on_0="abc", given_by_role=""))
        assert not form.is_valid()
        assert error_links(form) == [
            ("id_given_by_role", "Enter the role of the person who gave the update")
        ]

    def test_a_date_is_needed_without_an_item(self, general, officer):
        form = general(general_data(officer, given_on_0="", given_on_1="", given_on_2=""))
        assert not form.is_valid()
        assert "Enter the date the update was given" in form.errors["given_on"][0]

    def test_the_date_cannot_be_in_the_future(self, general, officer):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        form = general(
            general_data(
                officer,
                given_on_0=str(tomorrow.day),
                given_on_1=str(tomorrow.month),
                given_on_2=str(tomorrow.year),
            )
        )
        assert not form.is_valid()
        assert form.errors["given_on"] == ["The date given must be today or in the past"]


def entry_data(rec, **kwargs):
    prefix = f"rec-{rec.pk}-"
    data = {"text": "", "new_status": "", "reason": ""}
    data.update(kwargs)
    return {prefix + k: v for k, v in data.items()}


class TestEntryForm:
    def test_blank_is_not_reported(self, recs):
        form = EntryForm(entry_data(recs[4]), recommendation=recs[4], may_close=False)
        assert form.is_valid()
        assert not form.reported

    def test_slipped_needs_a_revised_date_and_reason(self, recs):
        form = EntryForm(
            entry_data(recs[4], text="Late.", new_status="slipped"),
            recommendation=recs[4],
            may_close=False,
        )
        assert not form.is_valid()
        assert form.errors["revised_target_date"] == [
            "Recommendation 4: enter the revised target date when it has slipped"
        ]
        assert form.errors["reason"] == ["Recommendation 4: give the reason it slipped"]

    def test_a_status_without_what_was_reported_is_an_error(self, recs):
        form = EntryForm(
            entry_data(recs[4], new_status="on_track"), recommendation=recs[4], may_close=False
        )
        assert not form.is_valid()
        assert "Recommendation 4: say what was reported" in form.errors["text"][0]

    def test_closing_statuses_only_for_those_who_may_close(self, recs):
        choices = EntryForm(recommendation=recs[4], may_close=False).fields["new_status"].choices
        assert [c[0] for c in choices] == ["", *Status.open()]
        assert choices[0] == ("", "No change")
        form = EntryForm(
            entry_data(recs[4], text="Done.", new_status="achieved", reason="Delivered."),
            recommendation=recs[4],
            may_close=False,
        )
        assert not form.is_valid()
        assert "new_status" in form.errors

    def test_closing_needs_the_outcome(self, recs):
        form = EntryForm(
            entry_data(recs[4], text="Done.", new_status="superseded"),
            recommendation=recs[4],
            may_close=True,
        )
        assert not form.is_valid()
        assert form.errors["reason"] == ["Recommendation 4: give the outcome when you close it"]


class TestUpdateSubmission:
    def submission(self, data, recs, officer, may_close=False):
        return UpdateSubmission(
            data,
            recommendations=list(recs.values()),
            organisations=Organisation.objects.all(),
            items=AgendaItem.objects.all(),
            may_close=may_close,
        )

    def test_nothing_reported_is_an_error_linked_to_the_first_recommendation(self, recs, officer):
        sub = self.submission(general_data(officer), recs, officer)
        assert not sub.is_valid()
        assert sub.errors == [
            (f"id_rec-{recs[4].pk}-text", "Say what was reported on at least one recommendation")
        ]

    def test_closing_needs_an_item(self, recs, officer):
        data = general_data(officer) | entry_data(
            recs[5], text="Done.", new_status="achieved", reason="Delivered."
        )
        sub = self.submission(data, recs, officer, may_close=True)
        assert not sub.is_valid()
        assert sub.errors == [
            (
                f"id_rec-{recs[5].pk}-new_status",
                "Recommendation 5: only a meeting can agree to close it; "
                "choose the agenda item above",
            )
        ]

    def test_gives_one_entry_per_reported_recommendation(self, recs, officer):
        data = (
            general_data(officer)
            | entry_data(recs[4], text="  Report received.  ", new_status="on_track")
            | entry_data(recs[8], text="Workshops running.")
        )
        sub = self.submission(data, recs, officer)
        assert sub.is_valid(), sub.errors
        got = sub.entry_inputs()
        assert [(e.recommendation.reference, e.text, e.new_status) for e in got] == [
            ("4", "Report received.", "on_track"),
            ("8", "Workshops running.", ""),
        ]

    def test_errors_of_every_form_in_page_order(self, recs, officer):
        data = general_data(officer, kind="", given_by_role="") | entry_data(
            recs[8], new_status="slipped"
        )
        sub = self.submission(data, recs, officer)
        assert not sub.is_valid()
        anchors = [anchor for anchor, _ in sub.errors]
        rec8 = f"id_rec-{recs[8].pk}-"
        assert anchors == [
            "id_kind_1",
            "id_given_by_role",
            rec8 + "text",
            rec8 + "revised_target_date",
            rec8 + "reason",
        ]

"""Forms for recommendations and the executive response to each."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Fixed, Size
from django import forms
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower, Trim
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation
from recommendations.models import (
    Recommendation,
    Response,
)
from scrutiny.common.forms import TEXT_LIMIT, DateField, RecordsField, form_helper, limit_text
from scrutiny.common.locking import VersionedModelForm
from scrutiny.services.responses import review_response_received, review_response_received_check


class RecommendationForm(VersionedModelForm):
    """A recommendation of a review: its reference, as the report gives it, is unique within
    the review ignoring case and surrounding spaces (the model's rule, kept by the database
    too); the committee that agreed it is one of the review's council's."""

    target_date = DateField(
        label=_("Target date"),
        help_text=_("For example, 31 3 2022. Leave blank if none was set."),
    )
    agreed_on = DateField(label=_("Date agreed (optional)"))
    responsible_bodies = RecordsField(
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Which bodies carry it?"),
        help_text=_("Select all that apply, including partners and other councils."),
    )

    class Meta:
        model = Recommendation
        fields = [
            "reference",
            "title",
            "title_cy",
            "text",
            "text_cy",
            "lead_officer",
            "responsible_bodies",
            "target_date",
            "agreed_by",
            "agreed_on",
            "minute",
            "directorate",
            "decision_maker",
            "expected_outcome",
        ]
        labels = {
            "reference": _("Reference"),
            "title": _("Short heading (optional)"),
            "text": _("Recommendation"),
            "title_cy": _("Short heading in Welsh (optional)"),
            "text_cy": _("Recommendation in Welsh (optional)"),
            "lead_officer": _("Lead officer (optional)"),
            "agreed_by": _("Committee that agreed it (optional)"),
            "minute": _("Minute number (optional)"),
            "directorate": _("Directorate or service area (optional)"),
            "decision_maker": _("Decision-maker (optional)"),
            "expected_outcome": _("Expected outcome (optional)"),
        }
        help_texts = {
            "reference": _('As the report gives it, for example 7, R10, 3a or "OSC (24/25) 07".'),
            "lead_officer": _("By role, for example Director of Adult Social Care."),
            "decision_maker": _(
                "The Cabinet member or portfolio, for example Cabinet Member for Adult Social Care."
            ),
            "expected_outcome": _("What the recommendation should achieve."),
        }
        error_messages = {
            "reference": {
                "required": _("Enter the recommendation's reference"),
                "max_length": _("The reference must be 40 characters or fewer"),
            },
            "text": {"required": _("Enter the recommendation as the report words it")},
        }

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.review = review
        self.instance.review = review
        self.fields["responsible_bodies"].label_from_instance = lambda o: o.label
        limit_text(self.fields["text"], _("The recommendation"))
        limit_text(self.fields["text_cy"], _("The recommendation in Welsh"))
        committee = self.fields["agreed_by"]
        committee.queryset = review.committee.council.committees.order_by("name")
        committee.empty_label = gettext("The review's committee (%(committee)s)") % {
            "committee": review.committee.name
        }
        reported = review.report_agreed_on
        self.fields["agreed_on"].help_text = (
            gettext(
                "For example, 31 3 2022. Leave blank for the date the report was agreed (%(date)s)."
            )
            % {"date": date_format(reported)}
            if reported
            else gettext("For example, 31 3 2022. Leave blank for the date the report was agreed.")
        )
        self.helper = form_helper(
            Field.text("reference", field_width=10),
            Field.text("title"),
            Field.text("title_cy"),
            Field.textarea("text", rows=5, max_characters=TEXT_LIMIT),
            Field.textarea("text_cy", rows=5, max_characters=TEXT_LIMIT),
            Field.text("lead_officer"),
            Field.checkboxes("responsible_bodies", small=True),
            Field("target_date"),
            Field.select("agreed_by"),
            Field("agreed_on"),
            Field.text("minute", field_width=Fixed.TEN),
            Field.text("directorate"),
            Field.text("decision_maker"),
            Field.textarea("expected_outcome", rows=3),
            submit=gettext("Save recommendation"),
            another=None if self.changing else gettext("Save and add another"),
            size=Size.SMALL,
        )

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        # Checked here too, to say when the clash is a deleted one: a deleted recommendation
        # keeps its reference, so that restoring it never clashes.
        taken = (
            Recommendation.all_objects.filter(review=self.review)
            .annotate(folded=Lower(Trim("reference")))
            .filter(folded=reference.lower())
            .exclude(pk=self.instance.pk)
            .first()
        )
        if taken is not None:
            if taken.deleted_at is not None:
                raise ValidationError(
                    gettext(
                        "Recommendation %(reference)s was deleted: restore it from Deleted "
                        "items or give another reference"
                    )
                    % {"reference": taken.reference}
                )
            raise ValidationError(
                gettext(
                    "This review already has a recommendation %(reference)s: give another reference"
                )
                % {"reference": taken.reference}
            )
        return reference


class ResponseForm(VersionedModelForm):
    """The executive's response to a recommendation, who leads on it and by when."""

    response = forms.ChoiceField(
        label=_("What was the executive's response?"),
        choices=[
            (Response.ACCEPTED, Response.ACCEPTED.label),
            (Response.PARTLY_ACCEPTED, Response.PARTLY_ACCEPTED.label),
            (Response.NOT_ACCEPTED, Response.NOT_ACCEPTED.label),
            (Response.NOTED, Response.NOTED.label),
            (Response.AWAITING, _("Awaiting response (none received yet)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the executive's response")},
    )
    target_date = DateField(label=_("Target date"), help_text=_("For example, 31 3 2022."))
    received_on = DateField(
        label=_("Date the executive response was received"),
        help_text=_(
            "Asked once for the review: the first response entered sets it for the whole "
            "response. For example, 19 1 2021."
        ),
    )

    class Meta:
        model = Recommendation
        fields = ["response", "response_text", "lead_officer", "target_date"]
        labels = {
            "response_text": _("Response and reasons"),
            "lead_officer": _("Lead officer (optional)"),
        }
        help_texts = {
            "response_text": _(
                "The executive's answer: its reasons and the actions it commits to."
            ),
            "lead_officer": _("By role, for example Director of Adult Social Care."),
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.review = self.instance.review
        if self.review.response_received_on is not None:
            del self.fields["received_on"]
        else:
            self.initial.setdefault("received_on", timezone.localdate())
        self.helper = form_helper(
            Field.radios("response", legend_size=Size.SMALL),
            *([Field("received_on")] if "received_on" in self.fields else []),
            Field.textarea("response_text", rows=8),
            Field.text("lead_officer"),
            Field("target_date"),
            submit=gettext("Save response"),
            size=Size.SMALL,
        )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("response") in (Response.PARTLY_ACCEPTED, Response.NOT_ACCEPTED)
            and not (cleaned.get("response_text") or "").strip()
        ):
            self.add_error(
                "response_text",
                gettext("Give the executive's reasons when it is not fully accepted"),
            )
        self._check_received_on(cleaned)
        return cleaned

    def _check_received_on(self, cleaned: dict) -> None:
        """A response (not "awaiting") on a review with no date received asks for the date,
        checked by the review's own rules."""
        if "received_on" not in self.fields or cleaned.get("response") in (None, Response.AWAITING):
            return
        received = cleaned.get("received_on")
        if received is None:
            if "received_on" not in self.errors:
                self.add_error(
                    "received_on", gettext("Enter the date the executive response was received")
                )
            return
        for message in review_response_received_check(review=self.review, received_on=received):
            self.add_error("received_on", message)

    def save(self, commit: bool = True):
        recommendation = super().save(commit)
        received = self.cleaned_data.get("received_on")
        if received and self.cleaned_data["response"] != Response.AWAITING:
            review_response_received(review=self.review, received_on=received, actor=self.actor)
        return recommendation

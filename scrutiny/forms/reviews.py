"""The review form and the reviews list's filter."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import (
    Field,
    Fieldset,
    Layout,
    Size,
    Submit,
)
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation
from scrutiny.common.forms import DATE_ERRORS_SHORT, DateField, form_helper
from scrutiny.common.locking import VersionedModelForm
from scrutiny.forms.meetings import _meeting_label
from scrutiny.models import (
    Committee,
    Meeting,
    Review,
)


def _council_committees(user):
    """The committees a user may file things under: their own council's, or every council's
    for administrators."""
    committees = Committee.objects.select_related("council")
    if not user.is_superuser:
        committees = committees.filter(council_id=user.organisation_id)
    return committees


def _committee_label(committee: Committee) -> str:
    council = committee.council
    return f"{committee.name} ({council.short_name or council.name})"


class ReviewForm(VersionedModelForm):
    """A scrutiny review of one of the user's council's committees (administrators: any).

    The rules (a title its committee has not used, whatever the case; the report agreed on or
    after the start; a response only to an agreed report, received on or after it was agreed,
    at a meeting of the review's committee, which gives the date when none is typed) are the
    model's (Review.clean and Review.Meta.constraints), each reported on its field."""

    started_on = DateField(
        label=_("Date the review started (optional)"),
        help_text=_("For example, 1 6 2020"),
        messages=DATE_ERRORS_SHORT,
    )
    report_agreed_on = DateField(
        label=_("Date the committee agreed the report (optional)"),
        help_text=_("The executive response is due two months later. For example, 1 10 2020"),
        messages=DATE_ERRORS_SHORT,
    )
    response_received_on = DateField(
        label=_("Date the executive response was received (optional)"),
        help_text=_("If you choose the meeting it was received at, this can be left empty."),
        messages=DATE_ERRORS_SHORT,
    )
    update_interval_months = forms.IntegerField(
        label=_("How often should progress be reported?"),
        help_text=_(
            "In months: an update on each open recommendation falls due this long after "
            "the last one (or the executive response). For example, 6"
        ),
        min_value=1,
        max_value=36,
        initial=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Enter how often progress should be reported, in months"),
            "invalid": _(
                "Enter how often progress should be reported as a whole number of months, like 6"
            ),
            "min_value": _("How often progress should be reported must be between 1 and 36 months"),
            "max_value": _("How often progress should be reported must be between 1 and 36 months"),
        },
    )

    class Meta:
        model = Review
        fields = [
            "committee",
            "title",
            "title_cy",
            "report_title",
            "lead_member",
            "status",
            "published",
            "summary",
            "summary_cy",
            "started_on",
            "report_agreed_on",
            "response_received_on",
            "response_meeting",
            "update_interval_months",
        ]
        labels = {
            "committee": _("Committee"),
            "title": _("Title of the review"),
            "report_title": _("Title of the report (optional)"),
            "lead_member": _("Lead member (optional)"),
            "status": _("Where the review is up to"),
            "published": _("Published"),
            "summary": _("Summary (optional)"),
            "title_cy": _("Title in Welsh (optional)"),
            "summary_cy": _("Summary in Welsh (optional)"),
            "response_meeting": _(
                "Meeting at which the executive response was received (optional)"
            ),
        }
        help_texts = {
            "lead_member": _("For example: Councillor Smith, Vice Chair"),
            "response_meeting": "",
            "published": _(
                "Anyone can see a published review. Untick to keep it a draft that "
                "only your council's people can see."
            ),
        }
        widgets = {"status": forms.RadioSelect}
        error_messages = {
            "committee": {"required": _("Choose the committee that carries out the review")},
            "title": {"required": _("Enter the title of the review")},
            "status": {"required": _("Choose where the review is up to")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A Cabinet decides; it does not carry out scrutiny reviews.
        committees = _council_committees(user).exclude(kind=Committee.Kind.CABINET)
        self.fields["committee"].queryset = committees
        self.fields["committee"].label_from_instance = _committee_label
        self.fields["committee"].empty_label = gettext("Choose a committee")
        meetings = Meeting.objects.filter(committee__in=committees).select_related("committee")
        self.fields["response_meeting"].queryset = meetings.order_by("committee__name", "-date")
        self.fields["response_meeting"].label_from_instance = lambda m: (
            f"{m.committee.name}: {_meeting_label(m)}"
        )
        self.fields["response_meeting"].empty_label = gettext("None")
        self.helper = form_helper(
            Field.select("committee"),
            Field.text("title"),
            Field.text("title_cy"),
            Field.text("report_title"),
            Field.text("lead_member", field_width="two-thirds"),
            Field.radios("status", legend_size=Size.SMALL),
            Field.checkbox("published"),
            Field.textarea("summary", rows=5),
            Field.textarea("summary_cy", rows=5),
            Fieldset(
                Field("started_on"),
                Field("report_agreed_on"),
                legend=gettext("The review and its report"),
                legend_size=Size.SMALL,
            ),
            Fieldset(
                Field("response_received_on"),
                Field.select("response_meeting"),
                legend=gettext("The executive response"),
                legend_size=Size.SMALL,
            ),
            Field.text("update_interval_months", field_width=2),
            submit=gettext("Save review"),
        )

    def clean_title(self) -> str:
        return self.cleaned_data["title"].strip()


STATUS_FILTER_CHOICES = [("", _("Any status")), *Review.Status.choices]


class ReviewFilterForm(forms.Form):
    """Narrow the review list to one council, committee or status (GET; all optional)."""

    council = forms.ModelChoiceField(
        label=_("Council"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All councils"),
    )
    committee = forms.ModelChoiceField(
        label=_("Committee"),
        queryset=Committee.objects.none(),
        required=False,
        empty_label=_("All committees"),
    )
    status = forms.ChoiceField(
        label=_("Review status"), choices=STATUS_FILTER_CHOICES, required=False
    )
    overdue = forms.BooleanField(
        label=_("Only reviews whose executive response is overdue"), required=False
    )
    late = forms.BooleanField(
        label=_("Only reviews whose executive response came late"), required=False
    )

    def __init__(self, *args, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Organisation.objects.filter(
            committees__reviews__in=reviews
        ).distinct()
        self.fields["committee"].queryset = (
            Committee.objects.filter(reviews__in=reviews).select_related("council").distinct()
        )
        self.fields["committee"].label_from_instance = _committee_label
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.select("council"),
            Field.select("committee"),
            Field.select("status"),
            Field.checkbox("overdue", small=True),
            Field.checkbox("late", small=True),
            Submit("filter", gettext("Show reviews"), css_class="govuk-button--secondary"),
        )

    def apply(self, reviews):
        """The reviews that match the filters (all of them when the filters are invalid)."""
        if not self.is_valid():
            return reviews
        data = self.cleaned_data
        if data.get("council"):
            reviews = reviews.filter(committee__council=data["council"])
        if data.get("committee"):
            reviews = reviews.filter(committee=data["committee"])
        if data.get("status"):
            reviews = reviews.filter(status=data["status"])
        if data.get("overdue"):
            reviews = reviews.response_overdue()
        if data.get("late"):
            reviews = reviews.responded_late()
        return reviews

"""Forms democratic services use to run committees: committees, meetings, agenda items and
the actions a meeting agrees. Each checks its rules itself so that bad input is a form error
on the page, never an IntegrityError."""

from __future__ import annotations

from dataclasses import dataclass

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import (
    ConditionalQuestion,
    ConditionalRadios,
    Field,
    Fieldset,
    Fluid,
    Layout,
    Size,
    Submit,
)
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db.models import Case, When
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from partnerships.bilingual import localised
from partnerships.locking import SeenRecordsField, VersionedModelForm, seen_value
from partnerships.models import Organisation
from recommendations.forms import DATE_ERRORS_SHORT, DateField, EntryForm, error_links, form_helper
from recommendations.models import Recommendation, UpdateKind
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Review,
    long_date,
)
from scrutiny.services import ActionRecord, ItemRecord, UpdateRecord


class CommitteeForm(VersionedModelForm):
    """A committee of the user's own council (administrators may choose any council)."""

    class Meta:
        model = Committee
        fields = ["council", "name", "kind", "chair", "vice_chair", "remit"]
        labels = {
            "council": _("Council"),
            "name": _("Name"),
            "kind": _("Kind"),
            "chair": _("Chair (optional)"),
            "vice_chair": _("Vice Chair (optional)"),
            "remit": _("Remit"),
        }
        widgets = {"kind": forms.RadioSelect}
        error_messages = {"name": {"required": _("Enter the committee's name")}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        councils = Organisation.objects.councils()
        if not user.is_superuser:
            councils = councils.filter(pk=user.organisation_id)
        self.fields["council"].queryset = councils
        self.fields["council"].empty_label = (
            None if councils.count() == 1 else gettext("Choose a council")
        )
        self.fields["council"].error_messages["required"] = gettext("Choose the council")
        self.helper = form_helper(
            Field.select("council"),
            Field.text("name"),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("chair", field_width=Fluid.TWO_THIRDS),
            Field.text("vice_chair", field_width=Fluid.TWO_THIRDS),
            Field.textarea("remit", rows=5),
            submit=gettext("Save committee"),
        )


class MeetingForm(VersionedModelForm):
    """A meeting of one committee; the committee cannot meet twice at the same date and time."""

    date = DateField(
        label=_("Date"),
        required=True,
        help_text=_("For example, 4 12 2017"),
        messages=DATE_ERRORS_SHORT,
        error_messages={"required": _("Enter the date of the meeting")},
    )
    start_time = forms.TimeField(
        label=_("Start time (optional)"),
        required=False,
        help_text=_("Use the 24-hour clock, for example 17:30"),
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        error_messages={"invalid": _("Enter a time like 17:30")},
        # A text input, as GOV.UK asks: it is the one crispy-forms-gds marks up in error.
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )

    class Meta:
        model = Meeting
        fields = ["date", "start_time", "venue", "cancelled"]
        labels = {"venue": _("Venue (optional)"), "cancelled": _("This meeting was cancelled")}

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.committee = committee
        if self.instance.start_time:
            self.initial["start_time"] = f"{self.instance.start_time:%H:%M}"
        self.helper = form_helper(
            Field("date"),
            Field.text("start_time", field_width=5),
            Field.text("venue"),
            Field.checkbox("cancelled"),
            submit=gettext("Save meeting"),
        )

    def clean(self):
        cleaned = super().clean()
        date, time = cleaned.get("date"), cleaned.get("start_time")
        if date:
            clash = Meeting.objects.filter(committee=self.committee, date=date, start_time=time)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                message = (
                    gettext("%(committee)s already has a meeting on this date at this time")
                    if time
                    else gettext(
                        "%(committee)s already has a meeting on this date with no start time"
                    )
                )
                self.add_error("date", message % {"committee": self.committee})
        return cleaned


class AgendaItemForm(VersionedModelForm):
    """A numbered agenda item: numbers are unique within the meeting, an exempt item must say
    why (Schedule 12A paragraph) and the review must be one of the committee's council."""

    class Meta:
        model = AgendaItem
        fields = ["number", "title", "description", "review", "exempt", "exempt_reason"]
        labels = {
            "number": _("Item number"),
            "title": _("Title"),
            "review": _("Scrutiny review it reports on (optional)"),
            "description": _("Description (optional)"),
            "exempt": _("This item is exempt (not open to the public)"),
            "exempt_reason": _("Why it is exempt"),
        }
        error_messages = {
            "number": {"required": _("Enter the item number")},
            "title": {"required": _("Enter the item's title")},
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["review"].queryset = Review.objects.filter(
            committee__council_id=meeting.committee.council_id
        ).select_related("committee")
        self.fields["review"].empty_label = gettext("None")
        self.fields["exempt_reason"].help_text = gettext(
            "Needed for an exempt item. For example: Schedule 12A, paragraph 3 "
            "(financial or business affairs)."
        )
        # A text input with a numeric keyboard (GOV.UK's pattern for numbers), which
        # crispy-forms-gds also marks up in error, unlike <input type="number">.
        self.fields["number"].widget = forms.TextInput(attrs={"inputmode": "numeric"})
        # Refused in words here, the same on every database (PostgreSQL's own limit is 32767).
        self.fields["number"].validators.append(
            MaxValueValidator(999, gettext("The item number must be 999 or less"))
        )
        self.helper = form_helper(
            Field.text("number", field_width=3),
            Field.text("title"),
            Field.textarea("description", rows=4),
            Field.select("review"),
            Field.checkbox("exempt"),
            Field.text("exempt_reason"),
            submit=gettext("Save item"),
        )

    def clean_number(self):
        number = self.cleaned_data["number"]
        if number is not None and number < 1:
            raise ValidationError(gettext("Item numbers start at 1"))
        taken = AgendaItem.objects.filter(meeting=self.meeting, number=number)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(
                gettext("Item %(number)s is already on this meeting's agenda") % {"number": number}
            )
        return number

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("exempt") and not cleaned.get("exempt_reason", "").strip():
            self.add_error(
                "exempt_reason",
                gettext("Say why the item is exempt, for example Schedule 12A, paragraph 3"),
            )
        if not cleaned.get("exempt"):
            cleaned["exempt_reason"] = ""
        return cleaned


class AgreedActionForm(VersionedModelForm):
    """What a meeting agreed. It is due by a date, at a later meeting of the same committee,
    or (both empty) "at a future meeting"; delivery at a meeting takes that meeting's date
    unless one is given, and cannot come before the meeting that agreed it."""

    due_on = DateField(
        label=_("Due by (optional)"),
        help_text=_("For example, 31 3 2022"),
        messages=DATE_ERRORS_SHORT,
    )
    delivered_on = DateField(
        label=_("Delivered on (optional)"),
        help_text=_(
            "Leave empty while it is outstanding. If you choose the meeting it was "
            "delivered at, this can be left empty."
        ),
        messages=DATE_ERRORS_SHORT,
    )

    class Meta:
        model = AgreedAction
        fields = [
            "text",
            "text_cy",
            "item",
            "review",
            "falls_to",
            "falls_to_organisation",
            "due_on",
            "due_meeting",
            "delivered_on",
            "delivered_meeting",
        ]
        labels = {
            "text": _("What the committee agreed"),
            "text_cy": _("What the committee agreed, in Welsh (optional)"),
            "item": _("Agenda item (optional)"),
            "review": _("Scrutiny review (optional)"),
            "falls_to": _("Who it falls to (optional)"),
            "falls_to_organisation": _("Organisation it falls to (optional)"),
            "due_meeting": _("Or due at a later meeting (optional)"),
            "delivered_meeting": _("Delivered at a meeting (optional)"),
        }
        help_texts = {
            "falls_to": _("By role, for example: Director of Adult Social Care and Commissioning"),
            "due_meeting": _(
                'Leave both the date and the meeting empty for "at a future meeting".'
            ),
        }
        error_messages = {"text": {"required": _("Enter what the committee agreed")}}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        committee = meeting.committee
        self.fields["item"].queryset = AgendaItem.objects.filter(meeting=meeting)
        self.fields["item"].label_from_instance = str
        self.fields["item"].empty_label = gettext("None")
        self.fields["review"].queryset = Review.objects.filter(
            committee__council_id=committee.council_id
        )
        self.fields["review"].empty_label = gettext("None")
        self.fields["falls_to_organisation"].empty_label = gettext("None")
        later = Meeting.objects.filter(committee=committee, date__gt=meeting.date).order_by(
            "date", "start_time"
        )
        self.fields["due_meeting"].queryset = later
        self.fields["due_meeting"].empty_label = gettext("No meeting set")
        self.fields["due_meeting"].label_from_instance = _meeting_label
        self.fields["delivered_meeting"].queryset = Meeting.objects.filter(
            committee=committee, date__gte=meeting.date
        ).order_by("date", "start_time")
        self.fields["delivered_meeting"].empty_label = gettext("None")
        self.fields["delivered_meeting"].label_from_instance = _meeting_label
        self.helper = form_helper(
            Field.textarea("text", rows=4),
            Field.textarea("text_cy", rows=4),
            Field.select("item"),
            Field.select("review"),
            Field.text("falls_to"),
            Field.select("falls_to_organisation"),
            Field("due_on"),
            Field.select("due_meeting"),
            Field("delivered_on"),
            Field.select("delivered_meeting"),
            submit=gettext("Save action"),
        )

    def clean(self):
        cleaned = super().clean()
        due_on, due_meeting = cleaned.get("due_on"), cleaned.get("due_meeting")
        if due_on and due_meeting:
            self.add_error("due_meeting", gettext("Choose a due date or a meeting, not both"))
        if due_on and due_on < self.meeting.date:
            self.add_error(
                "due_on", gettext("The due date must be on or after the meeting that agreed it")
            )
        delivered_on, delivered_meeting = (
            cleaned.get("delivered_on"),
            cleaned.get("delivered_meeting"),
        )
        if delivered_meeting and not delivered_on and "delivered_on" not in self.errors:
            cleaned["delivered_on"] = delivered_on = delivered_meeting.date
        if delivered_on and delivered_on < self.meeting.date:
            self.add_error(
                "delivered_on",
                gettext("The delivery date must be on or after the meeting that agreed it"),
            )
        return cleaned


def _meeting_label(meeting: Meeting) -> str:
    # long_date, not strftime: the month is named in the reader's language.
    label = long_date(meeting.date)
    if meeting.start_time:
        label += f", {meeting.start_time:%H:%M}"
    if meeting.cancelled:
        label = gettext("%(meeting)s (cancelled)") % {"meeting": label}
    return label


# --- Reviews and executive decisions ------------------------------------------------------
# (Everything below this line is the reviews-and-decisions helper's; the forms above are
# the committees-and-meetings pages'.)


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

    Rules, each reported on its field: a committee cannot have two reviews of the same title
    (whatever the case); the report cannot be agreed before the review started; an executive
    response cannot be received before there is an agreed report, nor before it was agreed;
    the response meeting must be a meeting of the review's committee (and gives the date the
    response was received when none is typed)."""

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

    def clean(self):
        cleaned = super().clean()
        committee, title = cleaned.get("committee"), cleaned.get("title")
        if committee and title:
            taken = Review.objects.filter(committee=committee, title__iexact=title)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "title",
                    gettext("%(committee)s already has a review called “%(title)s”")
                    % {"committee": committee, "title": title},
                )
        started, agreed = cleaned.get("started_on"), cleaned.get("report_agreed_on")
        if started and agreed and agreed < started:
            self.add_error(
                "report_agreed_on",
                gettext(
                    "The date the report was agreed must be the same as or after the date the "
                    "review started"
                ),
            )
            agreed = None
        meeting = cleaned.get("response_meeting")
        if meeting and committee and meeting.committee_id != committee.pk:
            self.add_error(
                "response_meeting",
                gettext("Choose a meeting of %(committee)s") % {"committee": committee},
            )
            meeting = None
        received = cleaned.get("response_received_on")
        received_field = "response_received_on"
        if meeting and not received and received_field not in self.errors:
            cleaned[received_field] = received = meeting.date
            received_field = "response_meeting"
        if received and "report_agreed_on" not in self.errors:
            if not agreed:
                self.add_error(
                    received_field,
                    gettext(
                        "Enter the date the committee agreed the report: a response cannot be "
                        "received before there is a report"
                    ),
                )
            elif received < agreed:
                self.add_error(
                    received_field,
                    gettext(
                        "The response cannot be received before the report was agreed (%(date)s)"
                    )
                    % {"date": long_date(agreed)},
                )
        return cleaned


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
        return reviews


class DecisionForm(VersionedModelForm):
    """An executive decision of one of the user's council's committees (usually its Cabinet),
    and the scrutiny committee and agenda item it was referred to.

    Rules: the minute number is unique for the deciding committee (whatever the case); an
    agenda item must be one of the referred-to committee's (choosing only the item refers
    the decision to that item's committee) and cannot come before the decision was made."""

    decided_on = DateField(
        label=_("Date of the decision"),
        required=True,
        help_text=_("The date of the meeting that made it. For example, 6 11 2017"),
        messages=DATE_ERRORS_SHORT,
        error_messages={"required": _("Enter the date of the decision")},
    )

    class Meta:
        model = ExecutiveDecision
        fields = [
            "decided_by",
            "minute_number",
            "decided_on",
            "title",
            "summary",
            "referred_to",
            "referred_to_item",
        ]
        labels = {
            "decided_by": _("Decided by"),
            "minute_number": _("Minute number"),
            "title": _("Title"),
            "summary": _("Summary (optional)"),
            "referred_to": _("Scrutiny committee it was referred to (optional)"),
            "referred_to_item": _("Agenda item at which the committee considered it (optional)"),
        }
        help_texts = {
            "minute_number": _("As the minutes number it, for example C129"),
            "decided_by": None,
            "referred_to": None,
            "referred_to_item": None,
        }
        error_messages = {
            "decided_by": {"required": _("Choose the committee that made the decision")},
            "minute_number": {"required": _("Enter the minute number, for example C129")},
            "title": {"required": _("Enter the title of the decision")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        committees = _council_committees(user)
        deciders = committees.order_by(
            Case(When(kind=Committee.Kind.CABINET, then=0), default=1), "council__name", "name"
        )
        self.fields["decided_by"].queryset = deciders
        self.fields["decided_by"].label_from_instance = _committee_label
        self.fields["decided_by"].empty_label = gettext("Choose a committee")
        scrutiny = committees.filter(kind=Committee.Kind.SCRUTINY)
        self.fields["referred_to"].queryset = scrutiny
        self.fields["referred_to"].label_from_instance = _committee_label
        self.fields["referred_to"].empty_label = gettext("Not referred to a committee")
        self.fields["referred_to_item"].queryset = (
            AgendaItem.objects.filter(meeting__committee__in=scrutiny)
            .select_related("meeting__committee")
            .order_by("meeting__committee__name", "-meeting__date", "number")
        )
        self.fields["referred_to_item"].label_from_instance = lambda item: (
            gettext("%(committee)s, %(meeting)s: item %(number)s, %(title)s")
            % {
                "committee": item.meeting.committee.name,
                "meeting": _meeting_label(item.meeting),
                "number": item.number,
                "title": item.title,
            }
        )
        self.fields["referred_to_item"].empty_label = gettext("None yet")
        self.helper = form_helper(
            Field.select("decided_by"),
            Field.text("minute_number", field_width=10),
            Field("decided_on"),
            Field.text("title"),
            Field.textarea("summary", rows=6),
            Fieldset(
                Field.select("referred_to"),
                Field.select("referred_to_item"),
                legend=gettext("Referred to scrutiny"),
                legend_size=Size.SMALL,
            ),
        )

    def clean_minute_number(self) -> str:
        return self.cleaned_data["minute_number"].strip()

    def clean(self):
        cleaned = super().clean()
        decided_by, minute = cleaned.get("decided_by"), cleaned.get("minute_number")
        if decided_by and minute:
            taken = ExecutiveDecision.objects.filter(
                decided_by=decided_by, minute_number__iexact=minute
            )
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "minute_number",
                    gettext("%(committee)s already has a decision with minute %(minute)s")
                    % {"committee": decided_by, "minute": minute},
                )
        referred_to, item = cleaned.get("referred_to"), cleaned.get("referred_to_item")
        if item:
            if referred_to is None and "referred_to" not in self.errors:
                cleaned["referred_to"] = referred_to = item.meeting.committee
            if referred_to and item.meeting.committee_id != referred_to.pk:
                self.add_error(
                    "referred_to_item",
                    gettext("Choose an agenda item of %(committee)s") % {"committee": referred_to},
                )
            decided_on = cleaned.get("decided_on")
            if decided_on and item.meeting.date < decided_on:
                self.add_error(
                    "referred_to_item",
                    gettext("Choose an item at a meeting on or after the date of the decision"),
                )
        return cleaned


class DecisionPointForm(forms.Form):
    """One numbered resolution or reason. A row with neither number nor text is ignored; a
    row with only one of them is an error."""

    number = forms.IntegerField(
        label=_("Number"),
        required=False,
        min_value=1,
        max_value=999,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea)

    def __init__(self, *args, kind: str, row: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind_label = DecisionPoint.Kind(kind).label.lower()
        self.row = row
        kind_label = {"kind": self.kind_label}
        self.fields["number"].error_messages.update(
            invalid=gettext("Enter the number of the %(kind)s as a whole number, like 1")
            % kind_label,
            min_value=gettext("Numbers start at 1"),
            max_value=gettext("Enter a number below 1000"),
        )
        self.fields["text"].label = gettext("Text of the %(kind)s") % kind_label
        self.helper = form_helper(
            Fieldset(
                Field.text("number", field_width=3),
                Field.textarea("text", rows=3),
                Field.checkbox("DELETE", small=True),
                legend=gettext("%(kind)s, row %(row)s")
                % {"kind": DecisionPoint.Kind(kind).label, "row": row},
                legend_size=Size.SMALL,
            )
        )

    def clean(self):
        cleaned = super().clean()
        number, text = cleaned.get("number"), cleaned.get("text", "").strip()
        cleaned["text"] = text
        if text and number is None and "number" not in self.errors:
            self.add_error(
                "number",
                gettext("Enter the number of the %(kind)s in row %(row)s")
                % {"kind": self.kind_label, "row": self.row},
            )
        if number is not None and not text:
            self.add_error(
                "text",
                gettext("Enter the text of %(kind)s (%(number)s)")
                % {"kind": self.kind_label, "number": number},
            )
        return cleaned

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return data.get("number") is None and not data.get("text")


class BaseDecisionPointFormSet(forms.BaseFormSet):
    """A decision's resolutions, or its reasons: rows can be added (blank rows come numbered
    on from the last) and removed. A number may be used once per kind."""

    def __init__(self, *args, kind: str, **kwargs):
        self.kind = kind
        super().__init__(*args, **kwargs)

    @property
    def kind_label(self) -> str:
        return DecisionPoint.Kind(self.kind).label.lower()

    def get_form_kwargs(self, index):
        kwargs = {"kind": self.kind, "row": (index or 0) + 1}
        initial_count = self.initial_form_count()
        if index is not None and index >= initial_count:
            numbers = [row.get("number") or 0 for row in self.initial or []]
            kwargs["initial"] = {"number": max(numbers, default=0) + index - initial_count + 1}
        return kwargs

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = gettext("Remove this %(kind)s") % {
                "kind": self.kind_label
            }

    def clean(self):
        # Checked even when other rows have errors, so that every problem shows at once.
        seen: set[int] = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            number = data.get("number")
            if number is None or data.get("DELETE"):
                continue
            if number in seen:
                form.add_error(
                    "number",
                    gettext(
                        "%(kind)s (%(number)s) is used more than once: give each a different number"
                    )
                    % {"kind": self.kind_label.capitalize(), "number": number},
                )
            seen.add(number)

    def kept_forms(self) -> list[DecisionPointForm]:
        """Rows that say something and are not marked for removal."""
        return [
            form for form in self.forms if not form.cleaned_data.get("DELETE") and not form.is_blank
        ]

    def points(self) -> list[tuple[int, str]]:
        """(number, text) of every kept row, in number order. Only after is_valid()."""
        return sorted((f.cleaned_data["number"], f.cleaned_data["text"]) for f in self.kept_forms())


DecisionPointFormSet = forms.formset_factory(
    DecisionPointForm, formset=BaseDecisionPointFormSet, extra=5, can_delete=True
)


def decision_point_initial(decision: ExecutiveDecision | None, kind: str) -> list[dict]:
    if decision is None or decision.pk is None:
        return []
    return [{"number": p.number, "text": p.text} for p in decision.points.all() if p.kind == kind]


# --- Adding agenda items from a meeting's due list (meeting-cycle helper) -----------------


class AddFromDueForm(forms.Form):
    """Choose, of what is due at a meeting and not yet on its agenda, what to add to it: the
    reviews whose recommendations have an update due, and agreed actions. The choices are
    only what ``due`` offers, so an id from anywhere else is an error on its field. Each
    action is ticked as the page showed it: one changed since is refused, so a stale page
    never places an action that now says something else."""

    reviews = forms.MultipleChoiceField(
        label=_("Progress on recommendations"),
        help_text=_("Each review you choose gets an item of its own, linked to the review."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Choose only from the reviews listed: one you chose has no "
                "update due at this meeting, or is already on its agenda"
            )
        },
    )
    actions = SeenRecordsField(
        label=_("Agreed actions and requested reports"),
        help_text=_(
            "An action about a review you also choose, or one already on the agenda, is "
            "taken at that review's item; any other gets an item of its own. Each is placed at "
            "this meeting."
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Choose only from the actions listed: one you chose is not due "
                "at this meeting, or is already on its agenda"
            )
        },
        # The end of SeenRecordsField's "check it and tick it again…" message.
        if_still=_(" if it should still be added"),
    )

    def __init__(self, *args, due, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviews"].choices = [
            Choice(
                str(d.review.pk),
                gettext("%(review)s: progress on recommendations")
                % {"review": localised(d.review, "title")},
                hint=ngettext(
                    "Recommendation %(numbers)s due",
                    "Recommendations %(numbers)s due",
                    len(d.recommendations),
                )
                % {"numbers": d.numbers},
            )
            for d in due.reviews_to_add
        ]
        self.fields["actions"].records = due.actions_to_add
        self.fields["actions"].choices = [
            Choice(seen_value(a), " ".join(localised(a, "text").split()), hint=_due_action_hint(a))
            for a in due.actions_to_add
        ]
        fields = [name for name in ("reviews", "actions") if self.fields[name].choices]
        for name in {"reviews", "actions"} - set(fields):
            del self.fields[name]
        # A choice of nothing at all is an error on the first group of checkboxes.
        self.first_field = fields[0] if fields else None
        self.first_anchor = f"id_{fields[0]}_1" if fields else "main-content"
        self.helper = form_helper(
            *(Field.checkboxes(name, legend_size=Size.MEDIUM, small=True) for name in fields),
            submit=gettext("Add to the agenda"),
        )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("reviews") and not cleaned.get("actions"):
            self.add_error(
                self.first_field,
                gettext("Choose at least one review or agreed action to add to the agenda"),
            )
        return cleaned


def _due_action_hint(action: AgreedAction) -> str:
    words = {"date": long_date(action.meeting.date), "due": action.due_label}
    if action.review:
        words["review"] = localised(action.review, "title")
        return gettext("Agreed at the meeting of %(date)s; due %(due)s; review: %(review)s") % words
    return gettext("Agreed at the meeting of %(date)s; due %(due)s") % words


# --- Recording what happened at a meeting (meeting-record helper) --------------------------
# (Everything below this line is the meeting record screen's: one page where democratic
# services record, item by item, the updates given and what the committee agreed.)


class _PlacedErrors:
    """Every error of the form says where it is ("Item 7, recommendation 10: ..."), so
    that the page's one error summary, listing the errors of every item, is clear.

    Date fields are made with the place in their label (their messages then start with
    it), because crispy-forms-gds also keeps their errors on each day, month and year box.
    """

    error_prefix = ""

    def _placed(self, message: str) -> str:
        if message.startswith(self.error_prefix):
            return message
        return f"{self.error_prefix}: {message[:1].lower()}{message[1:]}"

    def add_error(self, field, error):
        if isinstance(error, dict) or hasattr(error, "error_dict"):
            return super().add_error(field, error)
        messages = ValidationError(error).messages
        return super().add_error(field, [self._placed(m) for m in messages])

    def _placed_date(self, name: str, what: str, label: str, help_text: str) -> None:
        """Replace the date field ``name`` with one whose errors say where it is."""
        field = DateField(label=f"{self.error_prefix}: {what}")
        field.label, field.help_text = label, help_text
        self.fields[name] = field

    def _forget(self, name: str) -> None:
        """Drop a field's value and errors: the answer to another question hides it."""
        self.cleaned_data[name] = None
        self.errors.pop(name, None)
        for part in getattr(self.fields[name], "fields", ()):
            part.widget.errors = []


class _PickField(forms.ChoiceField):
    """A choice of objects the page loaded once for every item's forms (a
    ModelChoiceField would query for its options again on each form)."""

    def __init__(self, *, groups: list[tuple[str | None, list]], label_of, empty_label, **kwargs):
        self.objects = {str(o.pk): o for _, objs in groups for o in objs}
        choices = [("", empty_label)]
        for name, objs in groups:
            options = [(str(o.pk), label_of(o)) for o in objs]
            if name and options:
                choices.append((name, options))
            else:
                choices.extend(options)
        super().__init__(choices=choices, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.objects[str(value)]
        except KeyError:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None

    def validate(self, value):
        forms.Field.validate(self, value)


def _organisation_groups(council, bodies: list[Organisation], everyone: list[Organisation]):
    """The council and the review's bodies first, then every other organisation."""
    first = [council, *(b for b in bodies if b.pk != council.pk)]
    shown = {o.pk for o in first}
    return [
        (gettext("The council and the review's bodies"), first),
        (gettext("Other organisations"), [o for o in everyone if o.pk not in shown]),
    ]


class RecordUpdateForm(_PlacedErrors, forms.Form):
    """Who gave the update at an item, how, and what they said in general. It is recorded
    only when it said something of at least one recommendation; then the role and the
    organisation are needed."""

    given_by_role = forms.CharField(
        label=_("Given by (role)"),
        max_length=200,
        required=False,
        help_text=_("For example: Representative, Leicester/shire Social Care Development Group."),
    )
    given_by_name = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Was it verbal or written?"),
        choices=UpdateKind.choices,
        widget=forms.RadioSelect,
        initial=UpdateKind.VERBAL,
        required=False,
    )
    summary = forms.CharField(
        label=_("Summary (optional)"),
        required=False,
        widget=forms.Textarea,
        help_text=_("What was said about the work in general."),
    )

    def __init__(self, data, *, item: AgendaItem, organisation_groups, **kwargs):
        super().__init__(data, prefix=f"item-{item.number}-update", **kwargs)
        self.error_prefix = gettext("Item %(number)s") % {"number": item.number}
        self.fields["organisation"] = _PickField(
            groups=organisation_groups,
            label_of=lambda o: o.label,
            empty_label=gettext("Select an organisation"),
            label=gettext("Which organisation was it given for?"),
            required=False,
        )
        self.order_fields(["given_by_role", "given_by_name", "organisation", "kind", "summary"])
        self.helper = form_helper(
            Field.text("given_by_role"),
            Field.text("given_by_name", field_width=Fluid.TWO_THIRDS),
            Field.select("organisation"),
            Field.radios("kind", legend_size=Size.SMALL, small=True),
            Field.textarea("summary", rows=3),
            size=Size.SMALL,
        )

    @property
    def typed(self) -> bool:
        """Whether any of the update's own words were typed (the organisation and kind
        always arrive, so they do not count)."""
        c = getattr(self, "cleaned_data", {})
        return any(
            (c.get(name) or "").strip() for name in ("given_by_role", "given_by_name", "summary")
        )


class RecordEntryForm(_PlacedErrors, EntryForm):
    """What the update at an item said of one recommendation of the item's review: blank
    means it was not covered. Every status is offered, closing ones included, because the
    meeting is where they are agreed."""

    def __init__(self, data, *, item: AgendaItem, recommendation: Recommendation, **kwargs):
        self.item = item
        super().__init__(
            data,
            recommendation=recommendation,
            may_close=True,
            prefix=f"item-{item.number}-rec-{recommendation.pk}",
            **kwargs,
        )
        self.error_prefix = self.label
        self._placed_date(
            "revised_target_date",
            gettext("revised target date"),
            gettext("Revised target date for recommendation %(number)s")
            % {"number": recommendation.number},
            gettext("If it has slipped. For example, 31 3 2022."),
        )
        self.fields["text"].help_text = gettext("Leave blank if it was not covered.")
        # The record screen is for taking down what is said as it is said; a Welsh version
        # is given on the log-an-update form.
        del self.fields["text_cy"]
        # What was said and the status first; the date and reason, needed less often,
        # in a details element the page opens when they hold something.
        self.helper = form_helper(
            Field.textarea("text", rows=3), Field.select("new_status"), size=Size.SMALL
        )
        self.more_helper = form_helper(
            Field("revised_target_date"), Field.textarea("reason", rows=2), size=Size.SMALL
        )

    def _error(self, message: str) -> str:
        """EntryForm's messages name the recommendation ("Recommendation 15: give the
        outcome..."); here the item's place replaces that name ("Item 7, recommendation 15:
        give the outcome..."), rather than coming before it."""
        said = super()._error(message)
        named = f"{EntryForm.label.fget(self)}: "
        return self._placed(said[len(named) :]) if said.startswith(named) else said

    @property
    def label(self) -> str:
        return gettext("Item %(item)s, recommendation %(number)s") % {
            "item": self.item.number,
            "number": self.recommendation.number,
        }

    @property
    def more_open(self) -> bool:
        """Whether the revised target date or the reason holds something or an error."""
        if not self.is_bound:
            return False
        typed = (self.data.get(self.add_prefix("reason")) or "").strip() or any(
            (self.data.get(f"{self.add_prefix('revised_target_date')}_{i}") or "").strip()
            for i in range(3)
        )
        errors = self.errors if hasattr(self, "cleaned_data") else {}
        return bool(typed or "reason" in errors or "revised_target_date" in errors)


class RecordActionForm(_PlacedErrors, AgreedActionForm):
    """A new action the committee agreed at an item (the agreed action form's words and
    rules): who it falls to, and when it is due: at a future meeting, by a date on or after
    this meeting, or at a chosen later meeting of the committee. A row left blank is no
    action."""

    FUTURE, DATE, MEETING = "future", "date", "meeting"
    DUE_LABELS = {
        FUTURE: _("At a future meeting (no date set)"),
        DATE: _("By a date"),
        MEETING: _("At a later meeting of the committee"),
    }

    due = forms.ChoiceField(
        label=_("When is it due?"),
        widget=forms.RadioSelect,
        initial=FUTURE,
        required=False,
    )

    def __init__(
        self,
        data,
        *,
        item: AgendaItem,
        row: int,
        organisation_groups,
        later_meetings: list[Meeting],
        **kwargs,
    ):
        meeting = item.meeting
        super().__init__(
            data,
            instance=AgreedAction(meeting=meeting, item=item, review=item.review),
            meeting=meeting,
            prefix=f"item-{item.number}-action-{row}",
            empty_permitted=True,
            use_required_attribute=False,
            **kwargs,
        )
        self.row = row
        self.error_prefix = gettext("Item %(item)s, agreed action %(row)s") % {
            "item": item.number,
            "row": row,
        }
        # The item, review and delivery are this page's to set, not the row's; a new
        # action has no version to carry.
        # A Welsh version is given on the action's own edit page.
        for name in ("item", "review", "delivered_on", "delivered_meeting", "version", "text_cy"):
            del self.fields[name]
        self._placed_date(
            "due_on", gettext("due date"), gettext("Due by"), gettext("For example, 31 3 2022")
        )
        self.fields["falls_to_organisation"] = _PickField(
            groups=organisation_groups,
            label_of=lambda o: o.label,
            empty_label=gettext("None"),
            label=gettext("Organisation it falls to (optional)"),
            required=False,
        )
        self.fields["due_meeting"] = _PickField(
            groups=[(None, later_meetings)],
            label_of=_meeting_label,
            empty_label=gettext("Choose a meeting"),
            label=gettext("Meeting"),
            required=False,
        )
        # Plain strings: ConditionalRadios accepts only str, and finds each question's
        # choice by its label.
        due_labels = {key: str(label) for key, label in self.DUE_LABELS.items()}
        due_choices = [self.FUTURE, self.DATE] + ([self.MEETING] if later_meetings else [])
        self.fields["due"].choices = [(c, due_labels[c]) for c in due_choices]
        later = (
            [ConditionalQuestion(due_labels[self.MEETING], Field.select("due_meeting"))]
            if later_meetings
            else []
        )
        self.helper = form_helper(
            Fieldset(
                Field.textarea("text", rows=2),
                Field.text("falls_to"),
                Field.select("falls_to_organisation"),
                ConditionalRadios(
                    "due",
                    due_labels[self.FUTURE],
                    ConditionalQuestion(due_labels[self.DATE], Field("due_on")),
                    *later,
                ),
                legend=gettext("Agreed action %(row)s") % {"row": row},
                legend_size=Size.SMALL,
            ),
            size=Size.SMALL,
        )

    def has_changed(self) -> bool:
        """When it is due says nothing on its own: a row with nothing else is blank (and,
        being ``empty_permitted``, not checked)."""
        return bool(set(self.changed_data) - {"due"})

    @property
    def is_blank(self) -> bool:
        return self.is_bound and not self.has_changed()

    def clean(self):
        due = self.cleaned_data.get("due") or self.FUTURE
        if due != self.DATE:
            self._forget("due_on")
        if due != self.MEETING:
            self._forget("due_meeting")
        cleaned = super().clean()
        if due == self.DATE and cleaned.get("due_on") is None and "due_on" not in self.errors:
            self.add_error("due_on", gettext("Enter the date it is due by"))
        if due == self.MEETING and cleaned.get("due_meeting") is None:
            self.add_error("due_meeting", gettext("Choose the meeting it is due at"))
        return cleaned

    def action_record(self) -> ActionRecord:
        c = self.cleaned_data
        return ActionRecord(
            text=c["text"].strip(),
            falls_to=c["falls_to"].strip(),
            falls_to_organisation=c["falls_to_organisation"],
            due_on=c["due_on"],
            due_meeting=c["due_meeting"],
        )


class RecordDeliveredForm(_PlacedErrors, forms.Form):
    """Which outstanding actions of earlier meetings the item delivered (the report they
    asked for came to it): they are marked delivered on the meeting's date, at it. Each
    tick names the action as the page showed it: one changed since is refused, so a
    stale screen never marks delivered an action that now asks for something else."""

    delivered = SeenRecordsField(
        label=_("Actions from earlier meetings delivered at this item"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        # The end of SeenRecordsField's "check it and tick it again…" message.
        if_still=_(" if it was delivered"),
    )

    def __init__(self, data, *, item: AgendaItem, actions: list[AgreedAction], due_ids: set[int]):
        super().__init__(data, prefix=f"item-{item.number}-delivered")
        self.error_prefix = gettext("Item %(number)s") % {"number": item.number}
        field = self.fields["delivered"]
        field.records = actions
        field.help_text = gettext(
            "Tick an action if the report or work it asked for came to this item. It is marked "
            "delivered on %(date)s, at this meeting."
        ) % {"date": long_date(item.meeting.date)}
        field.choices = [
            Choice(seen_value(a), localised(a, "text"), hint=_action_hint(a, due_ids))
            for a in actions
        ]
        self.helper = form_helper(
            Field.checkboxes("delivered", legend_size=Size.SMALL, legend_tag="h3", small=True)
        )


def _action_hint(action: AgreedAction, due_ids: set[int]) -> str:
    agreed = long_date(action.meeting.date)
    if action.item_id:
        where = gettext("Agreed on %(date)s at item %(number)s") % {
            "date": agreed,
            "number": action.item.number,
        }
    else:
        where = gettext("Agreed on %(date)s") % {"date": agreed}
    if action.pk in due_ids:
        due = gettext("Due at this meeting")
    else:
        due = gettext("Due %(due)s") % {"due": action.due_label}
    return f"{where}. {due}."


class ItemRecordForms:
    """One agenda item's part of the record screen: the update given at it (only for an
    item that reports on a review with recommendations), up to ``ACTION_ROWS`` new agreed
    actions, and the earlier actions it delivered."""

    ACTION_ROWS = 3

    def __init__(
        self,
        data,
        *,
        item: AgendaItem,
        recommendations: list[Recommendation],
        organisation_groups,
        later_meetings: list[Meeting],
        outstanding: list[AgreedAction],
        due_ids: set[int],
    ):
        self.item = item
        self.recommendations = recommendations
        self.update = (
            RecordUpdateForm(data, item=item, organisation_groups=organisation_groups)
            if recommendations
            else None
        )
        self.entries = [
            RecordEntryForm(data, item=item, recommendation=rec) for rec in recommendations
        ]
        self.actions = [
            RecordActionForm(
                data,
                item=item,
                row=row,
                organisation_groups=organisation_groups,
                later_meetings=later_meetings,
            )
            for row in range(1, self.ACTION_ROWS + 1)
        ]
        self.delivered = (
            RecordDeliveredForm(data, item=item, actions=outstanding, due_ids=due_ids)
            if outstanding
            else None
        )

    @property
    def all_forms(self) -> list[forms.Form]:
        parts = [self.update, *self.entries, *self.actions, self.delivered]
        return [f for f in parts if f is not None]

    @property
    def first_action_shown(self) -> bool:
        """An item with a review often ends in an agreed action, so its first row shows;
        other items' rows wait behind a details element unless something is in them."""
        first = self.actions[0]
        return bool(self.item.review_id) or (first.is_bound and first.has_changed())

    @property
    def more_actions_open(self) -> bool:
        """Keep the action rows in the details element open when something was typed."""
        hidden = self.actions[1:] if self.first_action_shown else self.actions
        return any(f.is_bound and f.has_changed() for f in hidden)

    def is_valid(self) -> bool:
        valid = all([f.is_valid() for f in self.all_forms])
        if self.update is None or not self.update.is_valid():
            return valid
        # Typed text counts even on a recommendation with errors: the update needs its
        # role and organisation either way.
        reported = [e for e in self.entries if (e.data.get(e.add_prefix("text")) or "").strip()]
        general = self.update.cleaned_data
        if reported:
            if not general["given_by_role"].strip():
                self.update.add_error(
                    "given_by_role", gettext("Enter the role of the person who gave the update")
                )
            if general["organisation"] is None:
                self.update.add_error(
                    "organisation", gettext("Select the organisation the update was given for")
                )
            if not general["kind"]:
                self.update.add_error(
                    "kind", gettext("Select whether the update was verbal or written")
                )
        elif self.update.typed:
            self.update.add_error(
                None,
                gettext(
                    "Say what was reported on at least one recommendation, or clear the "
                    "update's details"
                ),
            )
        return valid and self.update.is_valid()

    def item_record(self) -> ItemRecord:
        """What was typed for the item, once valid."""
        updates = []
        entries = [e.entry_input() for e in self.entries if e.cleaned_data["text"].strip()]
        if entries:
            general = self.update.cleaned_data
            updates.append(
                UpdateRecord(
                    kind=general["kind"],
                    organisation=general["organisation"],
                    given_by_role=general["given_by_role"].strip(),
                    given_by_name=general["given_by_name"].strip(),
                    summary=general["summary"].strip(),
                    entries=entries,
                )
            )
        return ItemRecord(
            item=self.item,
            updates=updates,
            actions=[f.action_record() for f in self.actions if not f.is_blank],
            delivered=self.delivered.cleaned_data["delivered"] if self.delivered else [],
        )

    def error_links(self) -> list[tuple[str, str]]:
        return error_links(*self.all_forms)


@dataclass
class RecordChoices:
    """What the record screen offers, loaded once for all its items (by the view)."""

    items: list[AgendaItem]
    # By review id: the review's recommendations in number order, and the bodies carrying them.
    recommendations: dict[int, list[Recommendation]]
    bodies: dict[int, list[Organisation]]
    organisations: list[Organisation]
    later_meetings: list[Meeting]
    # Outstanding actions of the committee agreed before the meeting, those due at it first.
    outstanding: list[AgreedAction]
    due_ids: set[int]


class MeetingRecordForm:
    """The meeting record screen: every agenda item's forms, validated together. Ticking
    the same action at two items is an error, and so is sending nothing at all."""

    NOTHING = _(
        "Nothing to record: say what was reported on a recommendation, add an action the "
        "committee agreed, or tick an action an item delivered"
    )

    def __init__(self, data, *, items: list[ItemRecordForms]):
        self.data = data
        self.items = items
        self.page_errors: list[tuple[str, str]] = []
        self._checked = False

    @classmethod
    def for_meeting(cls, data, *, meeting: Meeting, choices: RecordChoices) -> MeetingRecordForm:
        return cls(
            data,
            items=[
                ItemRecordForms(
                    data,
                    item=item,
                    recommendations=choices.recommendations.get(item.review_id, []),
                    organisation_groups=_organisation_groups(
                        meeting.committee.council,
                        choices.bodies.get(item.review_id, []),
                        choices.organisations,
                    ),
                    later_meetings=choices.later_meetings,
                    outstanding=choices.outstanding,
                    due_ids=choices.due_ids,
                )
                for item in choices.items
            ],
        )

    @property
    def first_anchor(self) -> str:
        """Where an error of the whole screen leads: the first update's first field (never
        a field hidden in a closed details element), else the first item."""
        for part in self.items:
            if part.update is not None:
                return part.update["given_by_role"].auto_id
        return f"item-{self.items[0].item.number}" if self.items else "main-content"

    def is_valid(self) -> bool:
        valid = all([part.is_valid() for part in self.items])
        self._checked = True
        ticked_at: dict[int, int] = {}
        for part in self.items:
            if part.delivered is None or not part.delivered.is_valid():
                continue
            for action in part.delivered.cleaned_data["delivered"]:
                if action.pk in ticked_at:
                    part.delivered.add_error(
                        "delivered",
                        gettext(
                            "An action ticked here is also ticked at item %(number)s: "
                            "tick it at one item only"
                        )
                        % {"number": ticked_at[action.pk]},
                    )
                    valid = False
                ticked_at.setdefault(action.pk, part.item.number)
        if not valid:
            return False
        records = self.item_records()
        if not any(r.updates or r.actions or r.delivered for r in records):
            self.add_error(str(self.NOTHING))
            return False
        return True

    def item_records(self) -> list[ItemRecord]:
        records = [part.item_record() for part in self.items]
        return [r for r in records if r.updates or r.actions or r.delivered]

    def add_error(self, message: str, anchor: str | None = None) -> None:
        self.page_errors.append((anchor or self.first_anchor, message))

    @property
    def errors(self) -> list[tuple[str, str]]:
        """Every error as summary links, in page order; empty before validation."""
        if not self._checked:
            return []
        links = list(self.page_errors)
        for part in self.items:
            links.extend(part.error_links())
        return links


# --- end of meeting record forms ----------------------------------------------------------

"""Forms democratic services use to run committees: committees, meetings, agenda items and
the actions a meeting agrees. Each checks its rules itself so that bad input is a form error
on the page, never an IntegrityError."""

from __future__ import annotations

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, When

from partnerships.models import Organisation
from recommendations.forms import DATE_ERRORS_SHORT, DateField, form_helper
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


class CommitteeForm(forms.ModelForm):
    """A committee of the user's own council (administrators may choose any council)."""

    class Meta:
        model = Committee
        fields = ["council", "name", "kind", "chair", "vice_chair", "remit"]
        labels = {"vice_chair": "Vice Chair (optional)", "chair": "Chair (optional)"}
        widgets = {"kind": forms.RadioSelect}
        error_messages = {"name": {"required": "Enter the committee's name"}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        councils = Organisation.objects.councils()
        if not user.is_superuser:
            councils = councils.filter(pk=user.organisation_id)
        self.fields["council"].queryset = councils
        self.fields["council"].empty_label = None if councils.count() == 1 else "Choose a council"
        self.fields["council"].error_messages["required"] = "Choose the council"
        self.helper = form_helper(
            Field.select("council"),
            Field.text("name"),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("chair", field_width=Fluid.TWO_THIRDS),
            Field.text("vice_chair", field_width=Fluid.TWO_THIRDS),
            Field.textarea("remit", rows=5),
            submit="Save committee",
        )


class MeetingForm(forms.ModelForm):
    """A meeting of one committee; the committee cannot meet twice at the same date and time."""

    date = DateField(
        label="Date",
        required=True,
        help_text="For example, 4 12 2017",
        messages=DATE_ERRORS_SHORT,
        error_messages={"required": "Enter the date of the meeting"},
    )
    start_time = forms.TimeField(
        label="Start time (optional)",
        required=False,
        help_text="Use the 24-hour clock, for example 17:30",
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        error_messages={"invalid": "Enter a time like 17:30"},
    )

    class Meta:
        model = Meeting
        fields = ["date", "start_time", "venue", "cancelled"]
        labels = {"venue": "Venue (optional)", "cancelled": "This meeting was cancelled"}

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.committee = committee
        self.helper = form_helper(
            Field("date"),
            Field.text("start_time", field_width=5),
            Field.text("venue"),
            Field.checkbox("cancelled"),
            submit="Save meeting",
        )

    def clean(self):
        cleaned = super().clean()
        date, time = cleaned.get("date"), cleaned.get("start_time")
        if date:
            clash = Meeting.objects.filter(committee=self.committee, date=date, start_time=time)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "date",
                    f"{self.committee} already has a meeting on this date"
                    + (" at this time" if time else " with no start time"),
                )
        return cleaned


class AgendaItemForm(forms.ModelForm):
    """A numbered agenda item: numbers are unique within the meeting, an exempt item must say
    why (Schedule 12A paragraph) and the review must be one of the committee's council."""

    class Meta:
        model = AgendaItem
        fields = ["number", "title", "description", "review", "exempt", "exempt_reason"]
        labels = {
            "number": "Item number",
            "review": "Scrutiny review it reports on (optional)",
            "description": "Description (optional)",
            "exempt": "This item is exempt (not open to the public)",
            "exempt_reason": "Why it is exempt",
        }
        error_messages = {
            "number": {"required": "Enter the item number"},
            "title": {"required": "Enter the item's title"},
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["review"].queryset = Review.objects.filter(
            committee__council_id=meeting.committee.council_id
        ).select_related("committee")
        self.fields["review"].empty_label = "None"
        self.fields["exempt_reason"].help_text = (
            "Needed for an exempt item. For example: Schedule 12A, paragraph 3 "
            "(financial or business affairs)."
        )
        self.fields["number"].widget.attrs["inputmode"] = "numeric"
        self.helper = form_helper(
            Field.text("number", field_width=3),
            Field.text("title"),
            Field.textarea("description", rows=4),
            Field.select("review"),
            Field.checkbox("exempt"),
            Field.text("exempt_reason"),
            submit="Save item",
        )

    def clean_number(self):
        number = self.cleaned_data["number"]
        if number is not None and number < 1:
            raise ValidationError("Item numbers start at 1")
        taken = AgendaItem.objects.filter(meeting=self.meeting, number=number)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(f"Item {number} is already on this meeting's agenda")
        return number

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("exempt") and not cleaned.get("exempt_reason", "").strip():
            self.add_error(
                "exempt_reason", "Say why the item is exempt, for example Schedule 12A, paragraph 3"
            )
        if not cleaned.get("exempt"):
            cleaned["exempt_reason"] = ""
        return cleaned


class AgreedActionForm(forms.ModelForm):
    """What a meeting agreed. It is due by a date, at a later meeting of the same committee,
    or (both empty) "at a future meeting"; delivery at a meeting takes that meeting's date
    unless one is given, and cannot come before the meeting that agreed it."""

    due_on = DateField(
        label="Due by (optional)", help_text="For example, 31 3 2022", messages=DATE_ERRORS_SHORT
    )
    delivered_on = DateField(
        label="Delivered on (optional)",
        help_text="Leave empty while it is outstanding. If you choose the meeting it was "
        "delivered at, this can be left empty.",
        messages=DATE_ERRORS_SHORT,
    )

    class Meta:
        model = AgreedAction
        fields = [
            "text",
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
            "text": "What the committee agreed",
            "item": "Agenda item (optional)",
            "review": "Scrutiny review (optional)",
            "falls_to": "Who it falls to (optional)",
            "falls_to_organisation": "Organisation it falls to (optional)",
            "due_meeting": "Or due at a later meeting (optional)",
            "delivered_meeting": "Delivered at a meeting (optional)",
        }
        help_texts = {
            "falls_to": "By role, for example: Director of Adult Social Care and Commissioning",
            "due_meeting": 'Leave both the date and the meeting empty for "at a future meeting".',
        }
        error_messages = {"text": {"required": "Enter what the committee agreed"}}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        committee = meeting.committee
        self.fields["item"].queryset = AgendaItem.objects.filter(meeting=meeting)
        self.fields["item"].label_from_instance = str
        self.fields["item"].empty_label = "None"
        self.fields["review"].queryset = Review.objects.filter(
            committee__council_id=committee.council_id
        )
        self.fields["review"].empty_label = "None"
        self.fields["falls_to_organisation"].empty_label = "None"
        later = Meeting.objects.filter(committee=committee, date__gt=meeting.date).order_by(
            "date", "start_time"
        )
        self.fields["due_meeting"].queryset = later
        self.fields["due_meeting"].empty_label = "No meeting set"
        self.fields["due_meeting"].label_from_instance = _meeting_label
        self.fields["delivered_meeting"].queryset = Meeting.objects.filter(
            committee=committee, date__gte=meeting.date
        ).order_by("date", "start_time")
        self.fields["delivered_meeting"].empty_label = "None"
        self.fields["delivered_meeting"].label_from_instance = _meeting_label
        self.helper = form_helper(
            Field.textarea("text", rows=4),
            Field.select("item"),
            Field.select("review"),
            Field.text("falls_to"),
            Field.select("falls_to_organisation"),
            Field("due_on"),
            Field.select("due_meeting"),
            Field("delivered_on"),
            Field.select("delivered_meeting"),
            submit="Save action",
        )

    def clean(self):
        cleaned = super().clean()
        due_on, due_meeting = cleaned.get("due_on"), cleaned.get("due_meeting")
        if due_on and due_meeting:
            self.add_error("due_meeting", "Choose a due date or a meeting, not both")
        if due_on and due_on < self.meeting.date:
            self.add_error("due_on", "The due date must be on or after the meeting that agreed it")
        delivered_on, delivered_meeting = (
            cleaned.get("delivered_on"),
            cleaned.get("delivered_meeting"),
        )
        if delivered_meeting and not delivered_on and "delivered_on" not in self.errors:
            cleaned["delivered_on"] = delivered_on = delivered_meeting.date
        if delivered_on and delivered_on < self.meeting.date:
            self.add_error(
                "delivered_on",
                "The delivery date must be on or after the meeting that agreed it",
            )
        return cleaned


def _meeting_label(meeting: Meeting) -> str:
    label = meeting.date.strftime("%-d %B %Y")
    if meeting.start_time:
        label += f", {meeting.start_time:%H:%M}"
    if meeting.cancelled:
        label += " (cancelled)"
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


class ReviewForm(forms.ModelForm):
    """A scrutiny review of one of the user's council's committees (administrators: any).

    Rules, each reported on its field: a committee cannot have two reviews of the same title
    (whatever the case); the report cannot be agreed before the review started; an executive
    response cannot be received before there is an agreed report, nor before it was agreed;
    the response meeting must be a meeting of the review's committee (and gives the date the
    response was received when none is typed)."""

    started_on = DateField(
        label="Date the review started (optional)",
        help_text="For example, 1 6 2020",
        messages=DATE_ERRORS_SHORT,
    )
    report_agreed_on = DateField(
        label="Date the committee agreed the report (optional)",
        help_text="The executive response is due two months later. For example, 1 10 2020",
        messages=DATE_ERRORS_SHORT,
    )
    response_received_on = DateField(
        label="Date the executive response was received (optional)",
        help_text="If you choose the meeting it was received at, this can be left empty.",
        messages=DATE_ERRORS_SHORT,
    )
    update_interval_months = forms.IntegerField(
        label="How often should progress be reported?",
        help_text="In months: an update on each open recommendation falls due this long after "
        "the last one (or the executive response). For example, 6",
        min_value=1,
        max_value=36,
        initial=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter how often progress should be reported, in months",
            "invalid": "Enter how often progress should be reported as a whole number of "
            "months, like 6",
            "min_value": "How often progress should be reported must be between 1 and 36 months",
            "max_value": "How often progress should be reported must be between 1 and 36 months",
        },
    )

    class Meta:
        model = Review
        fields = [
            "committee",
            "title",
            "report_title",
            "lead_member",
            "status",
            "published",
            "summary",
            "started_on",
            "report_agreed_on",
            "response_received_on",
            "response_meeting",
            "update_interval_months",
        ]
        labels = {
            "title": "Title of the review",
            "report_title": "Title of the report (optional)",
            "lead_member": "Lead member (optional)",
            "status": "Where the review is up to",
            "published": "Published",
            "summary": "Summary (optional)",
            "response_meeting": "Meeting at which the executive response was received (optional)",
        }
        help_texts = {
            "lead_member": "For example: Councillor Smith, Vice Chair",
            "response_meeting": "",
            "published": "Anyone can see a published review. Untick to keep it a draft that "
            "only your council's people can see.",
        }
        widgets = {"status": forms.RadioSelect}
        error_messages = {
            "committee": {"required": "Choose the committee that carries out the review"},
            "title": {"required": "Enter the title of the review"},
            "status": {"required": "Choose where the review is up to"},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A Cabinet decides; it does not carry out scrutiny reviews.
        committees = _council_committees(user).exclude(kind=Committee.Kind.CABINET)
        self.fields["committee"].queryset = committees
        self.fields["committee"].label_from_instance = _committee_label
        self.fields["committee"].empty_label = "Choose a committee"
        meetings = Meeting.objects.filter(committee__in=committees).select_related("committee")
        self.fields["response_meeting"].queryset = meetings.order_by("committee__name", "-date")
        self.fields["response_meeting"].label_from_instance = lambda m: (
            f"{m.committee.name}: {_meeting_label(m)}"
        )
        self.fields["response_meeting"].empty_label = "None"
        self.helper = form_helper(
            Field.select("committee"),
            Field.text("title"),
            Field.text("report_title"),
            Field.text("lead_member", field_width="two-thirds"),
            Field.radios("status", legend_size=Size.SMALL),
            Field.checkbox("published"),
            Field.textarea("summary", rows=5),
            Fieldset(
                Field("started_on"),
                Field("report_agreed_on"),
                legend="The review and its report",
                legend_size=Size.SMALL,
            ),
            Fieldset(
                Field("response_received_on"),
                Field.select("response_meeting"),
                legend="The executive response",
                legend_size=Size.SMALL,
            ),
            Field.text("update_interval_months", field_width=2),
            submit="Save review",
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
                self.add_error("title", f"{committee} already has a review called “{title}”")
        started, agreed = cleaned.get("started_on"), cleaned.get("report_agreed_on")
        if started and agreed and agreed < started:
            self.add_error(
                "report_agreed_on",
                "The date the report was agreed must be the same as or after the date the "
                "review started",
            )
            agreed = None
        meeting = cleaned.get("response_meeting")
        if meeting and committee and meeting.committee_id != committee.pk:
            self.add_error("response_meeting", f"Choose a meeting of {committee}")
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
                    "Enter the date the committee agreed the report: a response cannot be "
                    "received before there is a report",
                )
            elif received < agreed:
                self.add_error(
                    received_field,
                    "The response cannot be received before the report was agreed "
                    f"({long_date(agreed)})",
                )
        return cleaned


STATUS_FILTER_CHOICES = [("", "Any status"), *Review.Status.choices]


class ReviewFilterForm(forms.Form):
    """Narrow the review list to one council, committee or status (GET; all optional)."""

    council = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, empty_label="All councils"
    )
    committee = forms.ModelChoiceField(
        queryset=Committee.objects.none(), required=False, empty_label="All committees"
    )
    status = forms.ChoiceField(label="Review status", choices=STATUS_FILTER_CHOICES, required=False)
    overdue = forms.BooleanField(
        label="Only reviews whose executive response is overdue", required=False
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
            Submit("filter", "Show reviews", css_class="govuk-button--secondary"),
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


class DecisionForm(forms.ModelForm):
    """An executive decision of one of the user's council's committees (usually its Cabinet),
    and the scrutiny committee and agenda item it was referred to.

    Rules: the minute number is unique for the deciding committee (whatever the case); an
    agenda item must be one of the referred-to committee's (choosing only the item refers
    the decision to that item's committee) and cannot come before the decision was made."""

    decided_on = DateField(
        label="Date of the decision",
        required=True,
        help_text="The date of the meeting that made it. For example, 6 11 2017",
        messages=DATE_ERRORS_SHORT,
        error_messages={"required": "Enter the date of the decision"},
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
            "decided_by": "Decided by",
            "minute_number": "Minute number",
            "title": "Title",
            "summary": "Summary (optional)",
            "referred_to": "Scrutiny committee it was referred to (optional)",
            "referred_to_item": "Agenda item at which the committee considered it (optional)",
        }
        help_texts = {
            "minute_number": "As the minutes number it, for example C129",
            "decided_by": None,
            "referred_to": None,
            "referred_to_item": None,
        }
        error_messages = {
            "decided_by": {"required": "Choose the committee that made the decision"},
            "minute_number": {"required": "Enter the minute number, for example C129"},
            "title": {"required": "Enter the title of the decision"},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        committees = _council_committees(user)
        deciders = committees.order_by(
            Case(When(kind=Committee.Kind.CABINET, then=0), default=1), "council__name", "name"
        )
        self.fields["decided_by"].queryset = deciders
        self.fields["decided_by"].label_from_instance = _committee_label
        self.fields["decided_by"].empty_label = "Choose a committee"
        scrutiny = committees.filter(kind=Committee.Kind.SCRUTINY)
        self.fields["referred_to"].queryset = scrutiny
        self.fields["referred_to"].label_from_instance = _committee_label
        self.fields["referred_to"].empty_label = "Not referred to a committee"
        self.fields["referred_to_item"].queryset = (
            AgendaItem.objects.filter(meeting__committee__in=scrutiny)
            .select_related("meeting__committee")
            .order_by("meeting__committee__name", "-meeting__date", "number")
        )
        self.fields["referred_to_item"].label_from_instance = lambda item: (
            f"{item.meeting.committee.name}, {_meeting_label(item.meeting)}: "
            f"item {item.number}, {item.title}"
        )
        self.fields["referred_to_item"].empty_label = "None yet"
        self.helper = form_helper(
            Field.select("decided_by"),
            Field.text("minute_number", field_width=10),
            Field("decided_on"),
            Field.text("title"),
            Field.textarea("summary", rows=6),
            Fieldset(
                Field.select("referred_to"),
                Field.select("referred_to_item"),
                legend="Referred to scrutiny",
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
                    "minute_number", f"{decided_by} already has a decision with minute {minute}"
                )
        referred_to, item = cleaned.get("referred_to"), cleaned.get("referred_to_item")
        if item:
            if referred_to is None and "referred_to" not in self.errors:
                cleaned["referred_to"] = referred_to = item.meeting.committee
            if referred_to and item.meeting.committee_id != referred_to.pk:
                self.add_error("referred_to_item", f"Choose an agenda item of {referred_to}")
            decided_on = cleaned.get("decided_on")
            if decided_on and item.meeting.date < decided_on:
                self.add_error(
                    "referred_to_item",
                    "Choose an item at a meeting on or after the date of the decision",
                )
        return cleaned


class DecisionPointForm(forms.Form):
    """One numbered resolution or reason. A row with neither number nor text is ignored; a
    row with only one of them is an error."""

    number = forms.IntegerField(
        label="Number",
        required=False,
        min_value=1,
        max_value=999,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    text = forms.CharField(label="Text", required=False, widget=forms.Textarea)

    def __init__(self, *args, kind: str, row: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind_label = DecisionPoint.Kind(kind).label.lower()
        self.row = row
        self.fields["number"].error_messages.update(
            invalid=f"Enter the number of the {self.kind_label} as a whole number, like 1",
            min_value="Numbers start at 1",
            max_value="Enter a number below 1000",
        )
        self.fields["text"].label = f"Text of the {self.kind_label}"
        self.helper = form_helper(
            Fieldset(
                Field.text("number", field_width=3),
                Field.textarea("text", rows=3),
                Field.checkbox("DELETE", small=True),
                legend=f"{DecisionPoint.Kind(kind).label}, row {row}",
                legend_size=Size.SMALL,
            )
        )

    def clean(self):
        cleaned = super().clean()
        number, text = cleaned.get("number"), cleaned.get("text", "").strip()
        cleaned["text"] = text
        if text and number is None and "number" not in self.errors:
            self.add_error("number", f"Enter the number of the {self.kind_label} in row {self.row}")
        if number is not None and not text:
            self.add_error("text", f"Enter the text of {self.kind_label} ({number})")
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
            form.fields["DELETE"].label = f"Remove this {self.kind_label}"

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
                    f"{self.kind_label.capitalize()} ({number}) is used more than once: "
                    "give each a different number",
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
    only what ``due`` offers, so an id from anywhere else is an error on its field."""

    reviews = forms.MultipleChoiceField(
        label="Progress on recommendations",
        help_text="Each review you choose gets an item of its own, linked to the review.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose only from the reviews listed: one you chose has no "
            "update due at this meeting, or is already on its agenda"
        },
    )
    actions = forms.MultipleChoiceField(
        label="Agreed actions and requested reports",
        help_text="An action about a review you also chose is taken at that review's item; "
        "any other gets an item of its own. Each is placed at this meeting.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose only from the actions listed: one you chose is not due "
            "at this meeting, or is already on its agenda"
        },
    )

    def __init__(self, *args, due, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviews"].choices = [
            Choice(
                str(d.review.pk),
                f"{d.review.title}: progress on recommendations",
                hint=f"Recommendation{'s' if len(d.recommendations) > 1 else ''} {d.numbers} due",
            )
            for d in due.reviews_to_add
        ]
        self.fields["actions"].choices = [
            Choice(
                str(a.pk),
                " ".join(a.text.split()),
                hint=f"Agreed at the meeting of {long_date(a.meeting.date)}; due {a.due_label}"
                + (f"; review: {a.review.title}" if a.review else ""),
            )
            for a in due.actions_to_add
        ]
        fields = [name for name in ("reviews", "actions") if self.fields[name].choices]
        for name in {"reviews", "actions"} - set(fields):
            del self.fields[name]
        # A choice of nothing at all is reported at the first checkbox on the page.
        self.first_anchor = f"id_{fields[0]}_1" if fields else "main-content"
        self.helper = form_helper(
            *(Field.checkboxes(name, legend_size=Size.MEDIUM, small=True) for name in fields),
            submit="Add to the agenda",
        )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("reviews") and not cleaned.get("actions"):
            raise ValidationError(
                "Choose at least one review or agreed action to add to the agenda"
            )
        return cleaned

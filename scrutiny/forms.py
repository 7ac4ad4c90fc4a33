"""Forms democratic services use to run committees: committees, meetings, agenda items and
the actions a meeting agrees. Each checks its rules itself so that bad input is a form error
on the page, never an IntegrityError."""

from __future__ import annotations

import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError

from partnerships.models import Organisation
from scrutiny.models import AgendaItem, AgreedAction, Committee, Meeting, Review


class RealDateField(DateInputField):
    """A GOV.UK day/month/year date that says "Enter a real date" for 31/02/2024 and years
    outside what a council could mean, instead of Python's own message."""

    def __init__(self, *, required: bool = True, **kwargs):
        super().__init__(required=required, **kwargs)
        self.require_all_fields = False
        for subfield in self.fields:
            subfield.required = required

    def clean(self, value):
        if not self.required and value and not any(v not in self.empty_values for v in value):
            return None
        # Part-filled optional dates must still be complete.
        for subfield in self.fields:
            subfield.required = True
        return super().clean(value)

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError("Enter a real date", code="invalid_date") from None
        if not 1900 <= value.year <= 2200:
            raise ValidationError("Enter a year between 1900 and 2200", code="invalid_year")
        return value


def _helper(*fields, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("submit", submit))
    return helper


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
        self.helper = _helper(
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

    date = RealDateField(label="Date", help_text="For example, 4 12 2017")
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
        self.fields["date"].error_messages["required"] = "Enter the date of the meeting"
        self.fields["date"].error_messages["incomplete"] = "Enter the date of the meeting"
        self.helper = _helper(
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
        self.helper = _helper(
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

    due_on = RealDateField(
        label="Due by (optional)", required=False, help_text="For example, 31 3 2022"
    )
    delivered_on = RealDateField(
        label="Delivered on (optional)",
        required=False,
        help_text="Leave empty while it is outstanding. If you choose the meeting it was "
        "delivered at, this can be left empty.",
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
            "due_meeting": "Or due at a meeting (optional)",
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
        self.helper = _helper(
            Field.textarea("text", rows=4),
            Field.select("item"),
            Field.select("review"),
            Field.text("falls_to"),
            Field.select("falls_to_organisation"),
            Fieldset(
                Field("due_on"),
                Field.select("due_meeting"),
                legend="When it is due",
                legend_size=Size.SMALL,
            ),
            Fieldset(
                Field("delivered_on"),
                Field.select("delivered_meeting"),
                legend="When it was delivered",
                legend_size=Size.SMALL,
            ),
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

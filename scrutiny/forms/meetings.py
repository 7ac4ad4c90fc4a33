"""Forms for meetings, their agenda items and the actions a meeting agrees."""

from __future__ import annotations

from crispy_forms_gds.layout import (
    Field,
)
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from scrutiny.common.bilingual import localised
from scrutiny.common.forms import DATE_ERRORS_SHORT, DateField, ScopedFormMixin, form_helper
from scrutiny.common.locking import VersionedModelForm
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    Meeting,
    Review,
    long_date,
)


class MeetingForm(ScopedFormMixin, VersionedModelForm):
    """A meeting of one committee (set on the instance by the view). That the committee
    cannot meet twice at the same date and time is the model's rule (Meeting.Meta.constraints)."""

    scope_fields = ("committee",)

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
            another=None if self.changing else gettext("Save and add another"),
        )


class AgendaItemForm(ScopedFormMixin, VersionedModelForm):
    """A numbered agenda item of a meeting (set on the instance by the view). The reviews
    offered, main and "also reports on", are the committee's council's: a progress report at
    one item can cover several reviews. The main review is not chosen again among the others,
    and a review of another council is refused in words. That numbers start at 1 and are
    unique within the meeting, and that an exempt item says why (Schedule 12A paragraph), are
    the model's rules (AgendaItem.Meta.constraints)."""

    scope_fields = ("meeting",)

    class Meta:
        model = AgendaItem
        fields = [
            "number",
            "title",
            "description",
            "review",
            "other_reviews",
            "exempt",
            "exempt_reason",
        ]
        labels = {
            "number": _("Item number"),
            "title": _("Title"),
            "review": _("Scrutiny review it reports on (optional)"),
            "other_reviews": _("Other scrutiny reviews it also reports on (optional)"),
            "description": _("Description (optional)"),
            "exempt": _("This item is exempt (not open to the public)"),
            "exempt_reason": _("Why it is exempt"),
        }
        help_texts = {
            "other_reviews": _(
                "Tick each other review whose recommendations a report at this item covers, "
                "for example a six-monthly report on all outstanding recommendations."
            ),
        }
        widgets = {"other_reviews": forms.CheckboxSelectMultiple}
        error_messages = {
            "number": {"required": _("Enter the item number")},
            "title": {"required": _("Enter the item's title")},
            "other_reviews": {
                "invalid_choice": _("Choose only scrutiny reviews of this council"),
            },
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        council_reviews = Review.objects.filter(
            committee__council_id=meeting.committee.council_id
        ).select_related("committee")
        self.fields["review"].queryset = council_reviews
        self.fields["review"].empty_label = gettext("None")
        self.fields["other_reviews"].queryset = council_reviews.order_by("title")
        self.fields["other_reviews"].label_from_instance = lambda review: localised(review, "title")
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
            Field.checkboxes("other_reviews", small=True),
            Field.checkbox("exempt"),
            Field.text("exempt_reason"),
            submit=gettext("Save item"),
            another=None if self.changing else gettext("Save and add another"),
        )

    def clean(self):
        cleaned = super().clean()
        # Input, not a rule of the record: a reason typed for an item then marked not exempt
        # is dropped.
        if not cleaned.get("exempt"):
            cleaned["exempt_reason"] = ""
        if "other_reviews" in cleaned:
            self.instance.meeting = self.meeting
            try:
                self.instance.clean_other_reviews(cleaned.get("review"), cleaned["other_reviews"])
            except ValidationError as error:
                self.add_error("other_reviews", error)
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
            "due_next_meeting",
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
            "due_next_meeting": _("Due at the committee's next meeting"),
            "due_meeting": _("Or due at a later meeting (optional)"),
            "delivered_meeting": _("Delivered at a meeting (optional)"),
        }
        help_texts = {
            "falls_to": _("By role, for example: Director of Adult Social Care and Commissioning"),
            "due_next_meeting": _(
                "Whichever meeting of the committee comes next: the action is placed there "
                "as soon as that meeting is added."
            ),
            "due_meeting": _(
                'Leave the date, the next meeting and the meeting empty for "at a future meeting".'
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
            Field.checkbox("due_next_meeting"),
            Field.select("due_meeting"),
            Field("delivered_on"),
            Field.select("delivered_meeting"),
            submit=gettext("Save action"),
            another=None if self.changing else gettext("Save and add another"),
        )

    def clean(self):
        cleaned = super().clean()
        # Input, not a rule of the record: an action placed at a meeting later keeps the
        # date it was first due by (the meeting decides when it is due).
        if cleaned.get("due_on") and cleaned.get("due_meeting"):
            self.add_error("due_meeting", gettext("Choose a due date or a meeting, not both"))
        elif cleaned.get("due_next_meeting") and (
            cleaned.get("due_on") or cleaned.get("due_meeting")
        ):
            self.add_error(
                "due_next_meeting",
                gettext("Choose the next meeting, a due date or a meeting: only one of them"),
            )
        delivered_on, delivered_meeting = (
            cleaned.get("delivered_on"),
            cleaned.get("delivered_meeting"),
        )
        if delivered_meeting and not delivered_on and "delivered_on" not in self.errors:
            cleaned["delivered_on"] = delivered_meeting.date
        # When it may be due and delivered are the model's rules (AgreedAction.clean),
        # checked after this.
        return cleaned


def _meeting_label(meeting: Meeting) -> str:
    # long_date, not strftime: the month is named in the reader's language.
    label = long_date(meeting.date)
    if meeting.start_time:
        label += f", {meeting.start_time:%H:%M}"
    if meeting.cancelled:
        label = gettext("%(meeting)s (cancelled)") % {"meeting": label}
    return label

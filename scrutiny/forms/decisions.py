"""Executive decisions referred to scrutiny, and their numbered resolutions and reasons."""

from __future__ import annotations

from crispy_forms_gds.layout import (
    Field,
    Fieldset,
    Size,
)
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, When
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from scrutiny.common.forms import DATE_ERRORS_SHORT, DateField, form_helper
from scrutiny.common.locking import VersionedModelForm
from scrutiny.forms.meetings import _meeting_label
from scrutiny.forms.reviews import (
    _committee_label,
    _council_committees,
)
from scrutiny.models import (
    AgendaItem,
    Committee,
    DecisionPoint,
    ExecutiveDecision,
    decision_points_errors,
)


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
        # A minute number the committee already has (whatever the case) is the model's rule
        # (ExecutiveDecision.Meta.constraints), checked after this.
        referred_to, item = cleaned.get("referred_to"), cleaned.get("referred_to_item")
        if item and referred_to is None and "referred_to" not in self.errors:
            cleaned["referred_to"] = item.meeting.committee
        # Which items it may be referred to is the model's rule (ExecutiveDecision.clean),
        # checked after this.
        return cleaned


class DecisionPointForm(forms.Form):
    """One numbered resolution or reason. A row with neither number nor text is ignored; a
    row with text needs a number; a numbered row is checked against the point's own rules
    (DecisionPoint.Meta.constraints: it has its text)."""

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
        self.kind = kind
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
        if number is not None:
            try:
                # Its decision is checked with the others, by decision_save.
                DecisionPoint(kind=self.kind, number=number, text=text).full_clean(
                    exclude=["decision"]
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
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
        # Checked even when other rows have errors, so that every problem shows at once. The
        # rules are those of a decision's points together (decision_points_errors), less
        # "at least one resolution", which is the whole decision's (decision_save checks it).
        kept = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        errors = decision_points_errors([(self.kind, f.cleaned_data.get("number")) for f in kept])
        for index, message in errors.items():
            if index is not None:
                kept[index].add_error("number", message)

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

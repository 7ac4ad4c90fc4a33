"""The record page's row forms: an update given, a new entry, an action agreed, an action
delivered. Each error says where on the page it is."""

from __future__ import annotations

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import (
    ConditionalQuestion,
    ConditionalRadios,
    Field,
    Fieldset,
    Fluid,
    Size,
)
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation
from recommendations.forms import EntryForm
from recommendations.models import Recommendation, UpdateKind
from scrutiny.common.bilingual import localised
from scrutiny.common.forms import TEXT_LIMIT, DateField, form_helper, limit_text
from scrutiny.common.locking import SeenRecordsField, seen_value
from scrutiny.forms.meetings import AgreedActionForm, _meeting_label
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Meeting,
    long_date,
)
from scrutiny.services import ActionRecord


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
            # The model's rules, reported on their fields: placed like the form's own.
            errors = error if isinstance(error, dict) else error.error_dict
            placed = {
                name: [self._placed(m) for m in ValidationError(messages).messages]
                for name, messages in errors.items()
            }
            return super().add_error(field, placed)
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
        limit_text(self.fields["summary"], _("The summary"))
        self.helper = form_helper(
            Field.text("given_by_role"),
            Field.text("given_by_name", field_width=Fluid.TWO_THIRDS),
            Field.select("organisation"),
            Field.radios("kind", legend_size=Size.SMALL, small=True),
            Field.textarea("summary", rows=3, max_characters=TEXT_LIMIT),
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
            % {"number": recommendation.reference},
            gettext("If it has slipped. For example, 31 3 2022."),
        )
        self.fields["text"].help_text = gettext("Leave blank if it was not covered.")
        # The record screen is for taking down what is said as it is said; a Welsh version
        # is given on the log-an-update form.
        del self.fields["text_cy"]
        # Proposing closure is for those reporting between meetings; here the committee
        # closes it, or signs off a proposal, itself.
        del self.fields["proposed_status"], self.fields["evidence"]
        # What was said and the status first; the date and reason, needed less often,
        # in a details element the page opens when they hold something.
        self.helper = form_helper(
            Field.textarea("text", rows=3, max_characters=TEXT_LIMIT),
            Field.select("new_status"),
            size=Size.SMALL,
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
            "number": self.recommendation.reference,
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

"""The GOV.UK form kit every app's forms use: day-month-year date fields with the pattern's
error wording, checkboxes of records, crispy-forms-gds helpers, and the (anchor, message)
links of a page's one error summary.

Every page shows its errors in one GOV.UK error summary whose links lead to the field at
fault (``error_links``), and every form keeps what was typed when it is sent back.
"""

from __future__ import annotations

import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Div, Layout, Submit
from crispy_forms_gds.templatetags.crispy_forms_gds import field_errors
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import connection
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# What a date's errors say, by case. ``{label}`` is the field's label and ``{name}`` the
# same with a small first letter. The GOV.UK date input pattern names the field.
DATE_ERRORS_NAMING_THE_FIELD = {
    "required": _("Enter the {name}"),
    "incomplete": (
        _("{label} must include a day"),
        _("{label} must include a month"),
        _("{label} must include a year"),
    ),
    "not_number": (_("{label} must be a real date: use numbers only"),) * 3,
    "not_a_day": _("{label} must be a real date"),
    "year_digits": _("{label} year must include 4 numbers"),
    "year_range": _("{label} year must be between 1900 and 2200"),
}
# The short wording of the committee, meeting, review and decision forms, whose labels end
# in "(optional)" and would read badly inside a message.
DATE_ERRORS_SHORT = {
    "required": _("Enter the day, month and year"),
    "incomplete": (_("Enter the day of the month"), _("Enter the month"), _("Enter the year")),
    "not_number": (_("Enter a valid date"), _("Enter a valid month"), _("Enter a valid year")),
    "not_a_day": _("Enter a real date"),
    "year_digits": _("Enter a year between 1900 and 2200"),
    "year_range": _("Enter a year between 1900 and 2200"),
}


def _lower_first(text) -> str:
    text = str(text)
    return text[:1].lower() + text[1:]


# Lazy, like the labels it is given: fields are made once, when the module is imported,
# and each page words its errors in that page's language.
_lower_first_lazy = lazy(_lower_first, str)


class DateField(DateInputField):
    """Day, month and year boxes. Left empty, an optional date is no date; partly filled,
    impossible (31 February) or implausible (a year not of four figures from 1900 to 2200)
    it is an error on the box at fault, never silently read as no date.

    ``messages`` words each error (``DATE_ERRORS_NAMING_THE_FIELD`` by default); Django's
    ``error_messages`` still override the whole date's own (``required``).
    """

    FIRST_YEAR, LAST_YEAR = 1900, 2200

    def __init__(
        self,
        *,
        label: str,
        required: bool = False,
        messages: dict = DATE_ERRORS_NAMING_THE_FIELD,
        error_messages: dict[str, str] | None = None,
        **kwargs,
    ):
        super().__init__(label=label, required=required, require_all_fields=False, **kwargs)
        words = {"label": label, "name": _lower_first_lazy(label)}
        self.messages = {
            case: tuple(format_lazy(m, **words) for m in text)
            if isinstance(text, tuple)
            else format_lazy(text, **words)
            for case, text in messages.items()
        }
        self.error_messages["required"] = self.messages["required"]
        # Unused while each box has its own, but it must never show untranslated.
        self.error_messages["incomplete"] = self.messages["required"]
        self.error_messages.update(error_messages or {})
        for subfield, incomplete, not_number in zip(
            self.fields, self.messages["incomplete"], self.messages["not_number"], strict=True
        ):
            # Every box is needed once any is filled in; all empty is handled above them.
            subfield.required = True
            subfield.error_messages["incomplete"] = incomplete
            subfield.validators = [RegexValidator(r"^[0-9]+$", not_number)]

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        if len(year) != 4:
            raise ValidationError(self.messages["year_digits"], code="invalid_year")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            # A day or month of twenty digits is too big for the date library itself.
            raise ValidationError(self.messages["not_a_day"], code="invalid_date") from None
        if not self.FIRST_YEAR <= value.year <= self.LAST_YEAR:
            raise ValidationError(self.messages["year_range"], code="invalid_year")
        return value


class RecordsField(forms.ModelMultipleChoiceField):
    """Checkboxes of records. An id that no record can have (beyond the range of the id
    column) is refused as a choice not offered, before the database is asked: SQLite
    cannot even compare such a number, and the page would fail."""

    default_error_messages = {
        # Django has no Welsh for this one; the wording is Django's.
        "invalid_pk_value": _("“%(pk)s” is not a valid value."),
    }

    def _check_values(self, value):
        low, high = connection.ops.integer_field_range(
            self.queryset.model._meta.pk.get_internal_type()
        )
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # not a number at all: the parent refuses it
            if not low <= number <= high:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


def _anchor(bound_field, whole_date_to_day_box: bool = False) -> str:
    """The id a summary link about a whole field should lead to: the first radio or
    checkbox of a group; for a date its group of boxes, or its day box."""
    field = bound_field.field
    if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"id_{bound_field.html_name}_1"
    if whole_date_to_day_box and isinstance(field, forms.MultiValueField):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


def _form_links(
    form, non_field_anchor: str | None, fallback: str, whole_date_to_day_box: bool
) -> list[tuple[str, str]]:
    if not form.is_bound or not form.errors:
        return []
    fields = form.visible_fields()
    first = non_field_anchor or fallback
    if fields and not non_field_anchor:
        first = _anchor(fields[0], whole_date_to_day_box)
    links = [(first, str(error)) for error in form.non_field_errors()]
    for bound in fields:
        # A date's box at fault has its own id; an error of the whole field has the field's.
        for anchor, errors in field_errors(bound):
            if anchor == bound.auto_id:
                anchor = _anchor(bound, whole_date_to_day_box)
            links.extend((anchor, str(error)) for error in errors)
    return links


def error_links(
    *forms_, non_field_anchor: str | None = None, whole_date_to_day_box: bool = False
) -> list[tuple[str, str]]:
    """(anchor, message) for every error of ``forms_`` (forms or formsets), in page order,
    for the page's one error summary (templates/includes/_error_summary.html).

    A form's errors that belong to no field lead to ``non_field_anchor`` (default its first
    field). A formset's own errors, and those of a row without fields, lead to the element
    with the id ``<prefix>-section`` that the page wraps the formset in. An error of a whole
    date (31 February, or a date the form needs) leads to its group of boxes, or with
    ``whole_date_to_day_box`` to its day box."""
    links = []
    for form in forms_:
        if isinstance(form, forms.BaseFormSet):
            section = f"{form.prefix}-section"
            links.extend((section, str(error)) for error in form.non_form_errors())
            for row in form.forms:
                links.extend(_form_links(row, None, section, whole_date_to_day_box))
        else:
            links.extend(_form_links(form, non_field_anchor, "main-content", whole_date_to_day_box))
    return links


# What a person writes in one box (a recommendation, what an update said of it): more than
# anyone writes, and short enough that every page and PDF shows it quickly.
TEXT_LIMIT = 5_000


def limit_text(field: forms.CharField, what, limit: int = TEXT_LIMIT) -> forms.CharField:
    """Refuse more than ``limit`` characters in ``field`` ("``what`` must be 5,000
    characters or fewer", GOV.UK's words); the layout shows a character count
    (``Field.textarea(..., max_characters=limit)``)."""
    field.max_length = limit
    field.validators.append(MaxLengthValidator(limit))
    field.error_messages["max_length"] = _limit_message(what, limit)
    return field


def _limit_message_now(what, limit: int) -> str:
    return gettext("%(what)s must be %(limit)s characters or fewer") % {
        "what": what,
        "limit": number_format(limit, force_grouping=True),
    }


_limit_message = lazy(_limit_message_now, str)


def form_helper(
    *layout, submit: str | None = None, size: str | None = None, another: str | None = None
) -> FormHelper:
    """How crispy-forms-gds draws a form's fields: ``layout``, a ``submit`` button, and
    labels and legends of ``size`` (default the pack's). The page draws the <form> (with
    novalidate and the CSRF token) around it, so that one <form> can hold several forms.
    ``another`` words a second button beside it, named "another", that saves and comes back
    to an empty form (``scrutiny.common.pages.save_form_page``'s ``another_url``)."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    # Hidden fields (the version an edit form loaded) need no place in the layout.
    helper.render_hidden_fields = True
    if size:
        helper.label_size = helper.legend_size = size
    helper.layout = Layout(*layout)
    if submit and another:
        helper.layout.append(
            Div(
                Submit("submit", submit),
                Submit("another", another, css_class="govuk-button--secondary"),
                css_class="govuk-button-group",
            )
        )
    elif submit:
        helper.layout.append(Submit("submit", submit))
    return helper


class ScopedFormMixin:
    """For a model form whose record's scope (the committee a meeting is of, the meeting an
    item is on) is set on the instance by the view, not typed into the form.

    A model form leaves out of the model's validation every field it does not show, and with
    it every constraint naming one: so a unique rule over the scope would go unchecked until
    the database refused it. Naming the scope in ``scope_fields`` keeps those constraints in
    the model's validation, reported in the model's words on the form's own field."""

    scope_fields: tuple[str, ...] = ()

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() - set(self.scope_fields)

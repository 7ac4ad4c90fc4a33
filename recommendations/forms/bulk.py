"""Forms for entering many recommendations at once: the report's list pasted in one box,
the rows found in it to correct, and the executive's responses to a whole review."""

from __future__ import annotations

import re

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from recommendations.models import Recommendation, Response
from recommendations.models.references import REFERENCE_MAX_LENGTH
from recommendations.services.bulk import RecommendationRow, ResponseRow, RowErrors
from recommendations.services.pasted import split_numbered_list
from scrutiny.common.forms import DateField, error_links, form_helper
from scrutiny.common.locking import who_saved

MAX_ROWS = 300
PASTE_MAX_LENGTH = 200_000


class PasteForm(forms.Form):
    """The report's numbered list, as pasted."""

    pasted = forms.CharField(
        label=_("Paste the report's numbered list of recommendations"),
        help_text=_(
            'Each recommendation starts on a new line with its reference, for example "1.", '
            '"1)", "R1", "3a." or "(i)". Lines without one belong to the recommendation above.'
        ),
        max_length=PASTE_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": _("Paste the recommendations from the report"),
            "max_length": _("The list must be %(limit_value)s characters or fewer"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.textarea("pasted", rows=15),
            submit=gettext("Continue"),
            size=Size.MEDIUM,
        )

    def clean_pasted(self):
        pasted = self.cleaned_data["pasted"]
        self.items = items = split_numbered_list(pasted)
        if not items:
            raise forms.ValidationError(gettext("Paste the recommendations from the report"))
        if len(items) > MAX_ROWS:
            raise forms.ValidationError(
                gettext("Paste at most %(count)s recommendations at a time") % {"count": MAX_ROWS}
            )
        return pasted

    def initial_rows(self) -> list[dict]:
        """The rows found in the valid pasted list, as the rows page's first values."""
        return [{"reference": item.reference, "text": item.text} for item in self.items]


class PastedRowForm(forms.Form):
    """One row found in the list: its reference and text, both needed unless both are
    cleared (the row is then left out)."""

    reference = forms.CharField(required=False, max_length=REFERENCE_MAX_LENGTH)
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, row: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.row = row
        words = {"row": row}
        self.fields["reference"].label = gettext("Reference, row %(row)s") % words
        self.fields["text"].label = gettext("Recommendation, row %(row)s") % words
        self.fields["reference"].error_messages["max_length"] = (
            gettext("Row %(row)s: the reference must be 40 characters or fewer") % words
        )

    @property
    def left_out(self) -> bool:
        data = self.cleaned_data
        return not data.get("reference", "").strip() and not data.get("text", "").strip()

    def clean(self):
        cleaned = super().clean()
        if "reference" not in cleaned or self.left_out:
            return cleaned
        words = {"row": self.row}
        if not cleaned["reference"].strip():
            self.add_error("reference", gettext("Row %(row)s: enter the reference") % words)
        if not cleaned["text"].strip():
            self.add_error(
                "text",
                gettext("Row %(row)s: enter the recommendation as the report words it") % words,
            )
        return cleaned


class BasePastedRows(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "row": index + 1}

    def clean(self):
        if any(self.errors):
            return
        if all(form.left_out for form in self.forms):
            raise forms.ValidationError(gettext("Give at least one recommendation to add"))

    def rows(self) -> tuple[list[RecommendationRow], list[PastedRowForm]]:
        """The rows to save, and the form each came from."""
        kept = [form for form in self.forms if not form.left_out]
        rows = [
            RecommendationRow(f.cleaned_data.get("reference", ""), f.cleaned_data.get("text", ""))
            for f in kept
        ]
        return rows, kept

    def add_row_errors(self, error: RowErrors, kept: list[PastedRowForm]) -> None:
        for index, fields in error.rows.items():
            for field, messages in fields.items():
                field = field if field in ("reference", "text") else None
                for message in messages:
                    kept[index].add_error(field, message)
        for message in error.general:
            self.add_general_error(message)

    def add_general_error(self, message: str) -> None:
        """An error about the rows as a whole, shown in the error summary."""
        self.non_form_errors()  # cleans the rows first, if they are not yet
        self._non_form_errors.append(str(message))


PastedRows = forms.formset_factory(
    PastedRowForm,
    formset=BasePastedRows,
    extra=0,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
    validate_max=True,
)


def response_choices():
    return [
        (Response.ACCEPTED, Response.ACCEPTED.label),
        (Response.PARTLY_ACCEPTED, Response.PARTLY_ACCEPTED.label),
        (Response.NOT_ACCEPTED, Response.NOT_ACCEPTED.label),
        (Response.NOTED, Response.NOTED.label),
        (Response.AWAITING, _("Awaiting response (none received yet)")),
    ]


class ResponseRowForm(forms.Form):
    """The executive's response to one recommendation, with the version the page showed and
    the values it showed (hidden, ``loaded_inputs``), so that a row the user left alone is
    known as such even when someone else has changed it since."""

    response = forms.ChoiceField(
        choices=response_choices, widget=forms.RadioSelect, show_hidden_initial=True
    )
    response_text = forms.CharField(required=False, widget=forms.Textarea, show_hidden_initial=True)
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, recommendation: Recommendation, **kwargs):
        super().__init__(*args, prefix=f"rec-{recommendation.pk}", **kwargs)
        self.recommendation = recommendation
        words = {"number": recommendation.reference}
        self.initial = {
            "response": recommendation.response,
            "response_text": recommendation.response_text,
            "version": recommendation.version,
        }
        self.fields["response"].label = (
            gettext("What was the executive's response to recommendation %(number)s?") % words
        )
        self.fields["response"].error_messages["required"] = (
            gettext("Recommendation %(number)s: select the executive's response") % words
        )
        self.fields["response_text"].label = (
            gettext("Response and reasons for recommendation %(number)s") % words
        )
        self.helper = form_helper(
            Field.radios("response", legend_size=Size.SMALL, small=True),
            Field.textarea("response_text", rows=4),
            size=Size.SMALL,
        )

    def loaded_inputs(self) -> str:
        """The hidden input of the response the page showed: crispy-forms draws none for
        radios (the textarea draws its own, as Django does with show_hidden_initial)."""
        return format_html_join("", "{}", [(self["response"].as_hidden(only_initial=True),)])

    def row(self) -> ResponseRow:
        version = (self.cleaned_data.get("version") or "").strip()
        return ResponseRow(
            recommendation=self.recommendation,
            response=self.cleaned_data["response"],
            response_text=self.cleaned_data["response_text"],
            version=int(version) if re.fullmatch(r"[0-9]{1,9}", version) else None,
            touched=bool({"response", "response_text"} & set(self.changed_data)),
        )

    def take_saved(self, current: Recommendation) -> None:
        """Keep what was typed, carrying the stored version, so that saving again saves it
        over what someone else saved."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(current.version)
        self.saved_meanwhile = current


class ReceivedForm(forms.Form):
    """The date the executive response was received, asked once for the review."""

    received_on = DateField(
        label=_("Date the executive response was received"),
        help_text=_(
            "Asked once for the review: it sets the date for the whole response. "
            "For example, 19 1 2021."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("received_on", timezone.localdate())
        self.helper = form_helper(Field("received_on"), size=Size.SMALL)


class ResponsesPage:
    """The executive responses page of a review: the date received (asked while the review
    has none) and a row for each recommendation. A recommendation the posted page did not
    show (added since) is left as it is, shown with its stored response."""

    def __init__(self, data, *, review, recommendations: list[Recommendation]):
        self.review = review
        self.received = (
            ReceivedForm(data, prefix="review") if review.response_received_on is None else None
        )
        self.forms = [
            ResponseRowForm(
                data if data is not None and f"rec-{r.pk}-version" in data else None,
                recommendation=r,
            )
            for r in recommendations
        ]
        self.conflict = False

    @property
    def posted(self) -> list[ResponseRowForm]:
        return [form for form in self.forms if form.is_bound]

    def is_valid(self) -> bool:
        valid = all([form.is_valid() for form in self.posted])
        return (self.received is None or self.received.is_valid()) and valid

    @property
    def received_on(self):
        return self.received.cleaned_data.get("received_on") if self.received else None

    def rows(self) -> list[ResponseRow]:
        return [form.row() for form in self.posted]

    def add_row_errors(self, error: RowErrors) -> None:
        posted = self.posted
        for index, fields in error.rows.items():
            form = posted[index]
            for field, messages in fields.items():
                for message in messages:
                    form.add_error(field if field in form.fields else None, message)
        for message in error.general:
            if self.received is not None:
                self.received.add_error("received_on", message)

    def show_conflict(self, rows: list[int], current: dict[int, Recommendation], user) -> None:
        """Say, on each row someone else saved meanwhile, who and what they saved; the row
        keeps what was typed and now carries the stored version (save again: yours)."""
        self.conflict = True
        posted = self.posted
        for index in rows:
            form = posted[index]
            stored = current.get(form.recommendation.pk)
            if stored is None:
                continue
            who, when = who_saved(stored, user)
            form.take_saved(stored)
            form.add_error(
                None,
                gettext(
                    "Recommendation %(number)s was changed by %(who)s %(when)s, after this "
                    "page was opened: it now says “%(response)s”. Nothing was saved. Check it: "
                    "save again to save what you typed over it."
                )
                % {
                    "number": stored.reference,
                    "who": who,
                    "when": when,
                    "response": stored.get_response_display(),
                },
            )

    @property
    def errors(self) -> list[tuple[str, str]]:
        """What base.html reads to mark the page's title."""
        return self.error_links()

    def error_links(self) -> list[tuple[str, str]]:
        forms_ = [self.received] if self.received is not None else []
        return error_links(*forms_, *self.posted)

"""The progress-update form: the update's own facts (``UpdateForm``), what it said of each
recommendation (``EntryForm``), and the two as one submission (``UpdateSubmission``)."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation
from recommendations.models import (
    PROPOSAL_NEEDS_EVIDENCE,
    ProgressUpdate,
    Recommendation,
    Status,
    StatusWords,
    UpdateEntry,
    UpdateKind,
    entry_missing,
)
from recommendations.services import EntryInput
from scrutiny.common.bilingual import WELSH_HELP
from scrutiny.common.forms import TEXT_LIMIT, DateField, error_links, form_helper, limit_text
from scrutiny.models import AgendaItem


class AgendaItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, item):
        label = gettext("%(date)s, item %(number)s: %(title)s") % {
            "date": dateformat.format(item.meeting.date, "j F Y"),
            "number": item.number,
            "title": item.title,
        }
        return gettext("%(item)s (exempt)") % {"item": label} if item.exempt else label


class UpdateForm(forms.Form):
    """What is true of the whole update: when, how, by whom and where it was given.

    An update given at an agenda item takes the meeting's date; otherwise the date is
    needed and cannot be in the future.
    """

    given_on = DateField(
        label=_("Date given"),
        help_text=_(
            "For example, 27 3 2021. If it was given at a meeting, choose the agenda item "
            "below instead: the meeting's date is used."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Was it verbal or written?"),
        choices=UpdateKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the update was verbal or written")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Which organisation was it given for?"),
        queryset=Organisation.objects.none(),
        empty_label=_("Select an organisation"),
        error_messages={"required": _("Select the organisation the update was given for")},
    )
    given_by_role = forms.CharField(
        label=_("Given by (role)"),
        max_length=200,
        help_text=_("For example: Director of Adult Social Care and Commissioning."),
        error_messages={"required": _("Enter the role of the person who gave the update")},
    )
    given_by_name = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)
    item = AgendaItemChoiceField(
        label=_("Agenda item (optional)"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("Not given at a meeting"),
        help_text=_(
            "The meeting's agenda item at which it was given, if any. Closing a "
            "recommendation needs the item of the meeting that agreed it."
        ),
    )
    summary = forms.CharField(
        label=_("Summary (optional)"),
        required=False,
        widget=forms.Textarea,
        help_text=_("What was said about the work in general."),
    )
    summary_cy = forms.CharField(
        label=_("Summary in Welsh (optional)"),
        required=False,
        widget=forms.Textarea,
        help_text=WELSH_HELP,
    )

    def __init__(self, *args, organisations, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].label_from_instance = lambda o: o.label
        self.fields["item"].queryset = items
        limit_text(self.fields["summary"], _("The summary"))
        limit_text(self.fields["summary_cy"], _("The summary in Welsh"))
        self.helper = form_helper(
            Field("given_on"),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.select("organisation"),
            Field.text("given_by_role"),
            Field.text("given_by_name"),
            Field.select("item"),
            Field.textarea("summary", rows=4, max_characters=TEXT_LIMIT),
            Field.textarea("summary_cy", rows=4, max_characters=TEXT_LIMIT),
            size=Size.SMALL,
        )

    def clean(self):
        cleaned = super().clean()
        item = cleaned.get("item")
        if item is not None:
            cleaned["given_on"] = item.meeting.date
            # The typed date is ignored, so a mistake in it must not block the update (nor
            # show in the summary, which also reads the day, month and year boxes' errors).
            self.errors.pop("given_on", None)
            for part in self.fields["given_on"].fields:
                part.widget.errors = []
        elif "given_on" in cleaned and cleaned["given_on"] is None:
            self.add_error(
                "given_on", gettext("Enter the date the update was given, or choose the item")
            )
        given_on = cleaned.get("given_on")
        if given_on and given_on > timezone.localdate():
            self.add_error("given_on", gettext("The date given must be today or in the past"))
        return cleaned


class EntryForm(forms.Form):
    """What an update said of one recommendation; blank means it was not reported on.

    A slipped status needs a revised target date and a reason, a paused one a reason; a
    closing status (offered only to those who may close it) needs the outcome
    (``recommendations.models.ENTRY_NEEDS``). Closure proposed for the committee's sign-off
    needs evidence, and cannot go with a closing status.
    """

    text = forms.CharField(required=False, widget=forms.Textarea)
    text_cy = forms.CharField(required=False, widget=forms.Textarea, help_text=WELSH_HELP)
    new_status = forms.ChoiceField(required=False)
    revised_target_date = DateField(label=_("Revised target date"))
    reason = forms.CharField(required=False, widget=forms.Textarea)
    proposed_status = forms.ChoiceField(required=False)
    evidence = forms.CharField(required=False, widget=forms.Textarea)

    def __init__(
        self,
        *args,
        recommendation: Recommendation,
        may_close: bool,
        status_words: StatusWords | None = None,
        proposals: bool = True,
        **kwargs,
    ):
        kwargs.setdefault("prefix", f"rec-{recommendation.pk}")
        super().__init__(*args, **kwargs)
        self.recommendation = recommendation
        n = recommendation.reference
        # Each label names its recommendation to a screen reader, which reads a field
        # alone, out of its fieldset.
        about = format_html(
            '<span class="govuk-visually-hidden"> {}</span>',
            gettext("on recommendation %(number)s") % {"number": n},
        )
        self.fields["text"].label = format_html("{}{}", gettext("What was reported"), about)
        self.fields["text"].help_text = gettext("Leave blank to skip this recommendation.")
        limit_text(self.fields["text"], _("What was reported"))
        limit_text(self.fields["text_cy"], _("What was reported in Welsh"))
        self.fields["text_cy"].label = format_html(
            "{}{}", gettext("What was reported, in Welsh (optional)"), about
        )
        statuses = Status.open() + (Status.closing() if may_close else [])
        # Our statuses, with the council's word beside ours where it named one (``words``,
        # shared by the page's entry forms, is read once).
        words = status_words or StatusWords([])
        council_id = None
        if status_words is not None:
            # ``with_status`` gives it; else through the review (select it related).
            council_id = getattr(recommendation, "council_id", None)
            council_id = council_id or recommendation.review.committee.council_id
        self.fields["new_status"].choices = [("", gettext("No change"))] + words.choices(
            statuses, council_id
        )
        self.fields["new_status"].label = format_html("{}{}", gettext("New status"), about)
        self.fields["revised_target_date"].label = gettext(
            "Revised target date for recommendation %(number)s"
        ) % {"number": n}
        self.fields["revised_target_date"].help_text = gettext(
            "If it has slipped. For example, 31 3 2022."
        )
        self.fields["reason"].label = format_html("{}{}", gettext("Reason or outcome"), about)
        self.fields["reason"].help_text = gettext(
            "Why it slipped or paused, or the outcome when it closes."
        )
        self.fields["proposed_status"].choices = [("", gettext("Not proposed"))] + words.choices(
            Status.closing(), council_id
        )
        self.fields["proposed_status"].label = format_html(
            "{}{}", gettext("Propose closure for the committee's sign-off (optional)"), about
        )
        self.fields["proposed_status"].help_text = gettext(
            "If you consider it done, the committee signs it off at a meeting; it stays "
            "open until then."
        )
        self.fields["evidence"].label = format_html("{}{}", gettext("Evidence for closure"), about)
        self.fields["evidence"].help_text = gettext(
            "What shows it is achieved, not achieved or superseded."
        )
        # The fieldset and its legend (the recommendation's own words) are drawn by the
        # page template, which escapes them; the pack would mark a legend safe.
        layout = [
            Field.textarea("text", rows=4, max_characters=TEXT_LIMIT),
            Field.textarea("text_cy", rows=3, max_characters=TEXT_LIMIT),
            Field.select("new_status"),
            Field("revised_target_date"),
            Field.textarea("reason", rows=3),
            Field.select("proposed_status"),
            Field.textarea("evidence", rows=3),
        ]
        if not proposals:
            # A correction keeps the closures proposed (withdrawn on their own page).
            del self.fields["proposed_status"], self.fields["evidence"]
            layout = layout[:-2]
        self.helper = form_helper(*layout, size=Size.SMALL)

    @property
    def label(self) -> str:
        return gettext("Recommendation %(number)s") % {"number": self.recommendation.reference}

    def _error(self, message: str) -> str:
        """``message`` (with ``%(number)s``) about this form's recommendation."""
        return message % {"number": self.recommendation.reference}

    @property
    def reported(self) -> bool:
        """Whether anything was typed for this recommendation (valid or not)."""
        return any(
            (self.data.get(self.add_prefix(name)) or "").strip()
            for name in ("text", "new_status", "reason", "proposed_status", "evidence")
        ) or any(
            (self.data.get(f"{self.add_prefix('revised_target_date')}_{i}") or "").strip()
            for i in range(3)
        )

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("text") or "").strip()
        status = cleaned.get("new_status")
        reason = (cleaned.get("reason") or "").strip()
        proposed = cleaned.get("proposed_status")
        evidence = (cleaned.get("evidence") or "").strip()
        if not text and (
            status or reason or cleaned.get("revised_target_date") or proposed or evidence
        ):
            self.add_error(
                "text",
                self._error(
                    gettext(
                        "Recommendation %(number)s: say what was reported, or clear its answers"
                    )
                ),
            )
        # The model's rules (ENTRY_NEEDS), each on its field; a date already refused as
        # mistyped is not said to be missing as well.
        missing = entry_missing(
            new_status=status or "",
            revised_target_date=cleaned.get("revised_target_date"),
            reason=reason,
        )
        for field, message in missing:
            if field not in self.errors:
                self.add_error(field, self._error(message))
        if proposed and not evidence:
            self.add_error("evidence", self._error(PROPOSAL_NEEDS_EVIDENCE))
        if evidence and not proposed:
            self.add_error(
                "proposed_status",
                self._error(
                    gettext(
                        "Recommendation %(number)s: choose the closing status you propose, "
                        "or clear the evidence"
                    )
                ),
            )
        if proposed and status in Status.closing():
            self.add_error(
                "proposed_status",
                self._error(
                    gettext("Recommendation %(number)s: close it or propose closure, not both")
                ),
            )
        return cleaned

    def entry_input(self) -> EntryInput:
        c = self.cleaned_data
        return EntryInput(
            recommendation=self.recommendation,
            text=c["text"].strip(),
            text_cy=c.get("text_cy", "").strip(),
            new_status=c["new_status"],
            revised_target_date=c["revised_target_date"],
            reason=c["reason"].strip(),
            proposed_status=c.get("proposed_status", ""),
            evidence=(c.get("evidence") or "").strip(),
        )


class UpdateSubmission:
    """The log-an-update page: one ``UpdateForm`` and an ``EntryForm`` for each
    recommendation the user may report on, validated together.

    At least one recommendation must be reported on, and closing one needs the agenda
    item of the meeting that agreed it.
    """

    def __init__(
        self,
        data,
        *,
        recommendations,
        organisations,
        items,
        may_close: bool,
        initial=None,
        preselected: set[int] | None = None,
        entry_initial: dict[int, dict] | None = None,
    ):
        self.form = UpdateForm(
            data,
            organisations=organisations,
            items=items,
            initial=initial,
        )
        words = StatusWords()
        self.entries = [
            EntryForm(
                data,
                recommendation=rec,
                may_close=may_close,
                status_words=words,
                proposals=entry_initial is None,
                initial=(entry_initial or {}).get(rec.pk),
            )
            for rec in recommendations
        ]
        # Only recommendations on the page can be preselected; none means show them all.
        self.preselected = (preselected or set()) & {r.pk for r in recommendations}
        self._checked = False

    @property
    def shown_entries(self) -> list[EntryForm]:
        """Preselected recommendations (all when none is), and any with something typed."""
        if not self.preselected:
            return self.entries
        return [
            e
            for e in self.entries
            if e.recommendation.pk in self.preselected or (e.is_bound and e.reported)
        ]

    @property
    def other_entries(self) -> list[EntryForm]:
        shown = {id(e) for e in self.shown_entries}
        return [e for e in self.entries if id(e) not in shown]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        valid = all([e.is_valid() for e in self.entries]) and valid
        self._checked = True
        if not valid:
            return False
        reported = [e for e in self.entries if e.cleaned_data["text"].strip()]
        if not reported:
            # Shown on the first recommendation too, so the message sits by a field.
            message = gettext("Say what was reported on at least one recommendation")
            if self.shown_entries:
                self.shown_entries[0].add_error("text", message)
            else:
                self.form.add_error(None, message)
            return False
        # The entries' rules with the update's (UpdateEntry.clean: closing needs an item).
        update = ProgressUpdate(item=self.form.cleaned_data.get("item"))
        for entry in reported:
            try:
                UpdateEntry(
                    update=update,
                    recommendation=entry.recommendation,
                    new_status=entry.cleaned_data["new_status"],
                ).clean()
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    entry.add_error(field, messages)
                valid = False
        return valid

    def entry_inputs(self) -> list[EntryInput]:
        return [e.entry_input() for e in self.entries if e.cleaned_data["text"].strip()]

    def add_error(self, message: str) -> None:
        self.form.add_error(None, message)

    @property
    def errors(self) -> list[tuple[str, str]]:
        """Every error, as summary links; empty before validation."""
        if not self._checked:
            return []
        first_entry = (
            self.shown_entries[0]["text"].auto_id if self.shown_entries else "main-content"
        )
        form_links = error_links(self.form, non_field_anchor=first_entry)
        return form_links + error_links(*self.entries)


class CorrectionSubmission(UpdateSubmission):
    """The correct-an-update page: the logging form, prefilled from ``update``, on the
    recommendations it covers (no others, none removed: each still needs what was
    reported), without proposing closure, and carrying the version it loaded."""

    def __init__(self, data, *, update: ProgressUpdate, entries, **kwargs):
        self.update = update
        initial = {
            name: getattr(update, name)
            for name in ("given_on", "kind", "given_by_role", "given_by_name", "summary")
        }
        initial |= {
            "organisation": update.organisation_id,
            "item": update.item_id,
            "summary_cy": update.summary_cy,
        }
        fields = ("text", "text_cy", "new_status", "revised_target_date", "reason")
        said = {e.recommendation_id: {f: getattr(e, f) for f in fields} for e in entries}
        super().__init__(
            data,
            recommendations=[e.recommendation for e in entries],
            initial=initial,
            entry_initial=said,
            **kwargs,
        )
        self.version = (data or {}).get("version", str(update.version))

    @property
    def loaded_version(self) -> int | None:
        """The version the page loaded; None when the form did not say (a conflict)."""
        value = str(self.version or "").strip()
        return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for entry in self.entries:
            if entry.is_valid() and not entry.cleaned_data["text"].strip():
                entry.add_error(
                    "text",
                    entry._error(
                        gettext(
                            "Recommendation %(number)s: say what was reported (a correction "
                            "cannot remove a recommendation from the update)"
                        )
                    ),
                )
                valid = False
        return valid

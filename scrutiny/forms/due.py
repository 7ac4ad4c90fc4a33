"""Adding agenda items from a meeting's due list."""

from __future__ import annotations

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import (
    Field,
    Size,
)
from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from scrutiny.common.bilingual import localised
from scrutiny.common.forms import form_helper
from scrutiny.common.locking import SeenRecordsField, seen_value
from scrutiny.models import (
    AgreedAction,
    long_date,
)


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

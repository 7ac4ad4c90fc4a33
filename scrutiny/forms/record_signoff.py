"""The record screen's sign-off rows: for each closure proposed on a recommendation of the
item's review, the committee signs it off or declines it (with a reason), or leaves it."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from recommendations.models import DECLINE_NEEDS_REASON, ClosureProposal, StatusWords
from scrutiny.common.forms import form_helper
from scrutiny.forms.record_rows import _PlacedErrors
from scrutiny.models import AgendaItem
from scrutiny.services import SignOffRecord

SIGN_OFF, DECLINE = "sign_off", "decline"


class RecordSignOffForm(_PlacedErrors, forms.Form):
    """The committee's decision on one proposal. Declining needs a reason; a reason with
    no decision is a mistake to point out, not to drop."""

    decision = forms.ChoiceField(required=False, widget=forms.RadioSelect)
    reason = forms.CharField(required=False, widget=forms.Textarea)

    def __init__(
        self,
        data,
        *,
        item: AgendaItem,
        proposal: ClosureProposal,
        status_words: StatusWords | None = None,
    ):
        self.item, self.proposal = item, proposal
        rec = proposal.recommendation
        super().__init__(data, prefix=f"item-{item.number}-proposal-{proposal.pk}")
        self.error_prefix = gettext("Item %(item)s, recommendation %(number)s") % {
            "item": item.number,
            "number": rec.reference,
        }
        about = format_html(
            '<span class="govuk-visually-hidden"> {}</span>',
            gettext("on recommendation %(number)s") % {"number": rec.reference},
        )
        # In the council's word where it named the status (the meeting's council's).
        words = status_words or StatusWords([])
        status = words.label(proposal.status, item.meeting.committee.council_id)
        self.fields["decision"].choices = [
            ("", gettext("Not decided at this item")),
            (SIGN_OFF, gettext("Signed off as %(status)s") % {"status": status}),
            (DECLINE, gettext("Declined: it stays open")),
        ]
        self.fields["decision"].label = format_html(
            "{}{}", gettext("What did the committee decide?"), about
        )
        self.fields["reason"].label = format_html("{}{}", gettext("Reason for declining"), about)
        self.fields["reason"].help_text = gettext("Needed when the committee declines.")
        self.helper = form_helper(
            Field.radios("decision", legend_size=Size.SMALL, small=True),
            Field.textarea("reason", rows=2),
            size=Size.SMALL,
        )

    def clean(self):
        cleaned = super().clean()
        decision, reason = cleaned.get("decision"), (cleaned.get("reason") or "").strip()
        if decision == DECLINE and not reason:
            self.add_error("reason", self._unnamed(DECLINE_NEEDS_REASON))
        if reason and not decision:
            self.add_error("decision", self._unnamed(NO_DECISION))
        return cleaned

    def _unnamed(self, message) -> str:
        """``message`` ("Recommendation 4: give ...") without the recommendation's name,
        which the place ("Item 7, recommendation 4: ") replaces."""
        number = self.proposal.recommendation.reference
        said = str(message) % {"number": number}
        named = gettext("Recommendation %(number)s") % {"number": number} + ": "
        return said[len(named) :] if said.startswith(named) else said

    def sign_off_record(self) -> SignOffRecord | None:
        decision = self.cleaned_data.get("decision")
        if not decision:
            return None
        return SignOffRecord(
            proposal=self.proposal,
            signed_off=decision == SIGN_OFF,
            reason=(self.cleaned_data.get("reason") or "").strip(),
        )


NO_DECISION = _(
    "Recommendation %(number)s: choose whether the committee signed it off or declined, "
    "or clear the reason"
)

"""Recording what happened at a meeting: one page where democratic services record,
item by item, the updates given and what the committee agreed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from recommendations.models import Recommendation, StatusWords
from scrutiny.common.forms import error_links
from scrutiny.forms.record_rows import (
    RecordActionForm,
    RecordDeliveredForm,
    RecordEntryForm,
    RecordUpdateForm,
    _organisation_groups,
)
from scrutiny.forms.record_signoff import RecordSignOffForm
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Meeting,
)
from scrutiny.selectors.record import RecordChoices
from scrutiny.services import ItemRecord, UpdateRecord


class ItemRecordForms:
    """One agenda item's part of the record screen: the update given at it (only for an
    item that reports on a review with recommendations; one update can cover the
    recommendations of every review the item takes), up to ``ACTION_ROWS`` new agreed
    actions, and the earlier actions it delivered."""

    ACTION_ROWS = 3

    def __init__(
        self,
        data,
        *,
        item: AgendaItem,
        recommendations: list[Recommendation],
        organisation_groups,
        later_meetings: list[Meeting],
        outstanding: list[AgreedAction],
        due_ids: set[int],
        proposals=(),
        status_words: StatusWords | None = None,
    ):
        self.item = item
        self.recommendations = recommendations
        self.update = (
            RecordUpdateForm(data, item=item, organisation_groups=organisation_groups)
            if recommendations
            else None
        )
        self.entries = [
            RecordEntryForm(data, item=item, recommendation=rec, status_words=status_words)
            for rec in recommendations
        ]
        self.actions = [
            RecordActionForm(
                data,
                item=item,
                row=row,
                organisation_groups=organisation_groups,
                later_meetings=later_meetings,
            )
            for row in range(1, self.ACTION_ROWS + 1)
        ]
        self.delivered = (
            RecordDeliveredForm(data, item=item, actions=outstanding, due_ids=due_ids)
            if outstanding
            else None
        )
        self.sign_offs = [
            RecordSignOffForm(data, item=item, proposal=p, status_words=status_words)
            for p in proposals
        ]

    @property
    def all_forms(self) -> list[forms.Form]:
        parts = [self.update, *self.entries, *self.sign_offs, *self.actions, self.delivered]
        return [f for f in parts if f is not None]

    @property
    def first_action_shown(self) -> bool:
        """An item with a review often ends in an agreed action, so its first row shows;
        other items' rows wait behind a details element unless something is in them."""
        first = self.actions[0]
        return bool(self.item.review_ids) or (first.is_bound and first.has_changed())

    @property
    def covers_several_reviews(self) -> bool:
        """Whether the item's recommendations come from more than one review, so that the
        page heads each review's."""
        return len({rec.review_id for rec in self.recommendations}) > 1

    @property
    def more_actions_open(self) -> bool:
        """Keep the action rows in the details element open when something was typed."""
        hidden = self.actions[1:] if self.first_action_shown else self.actions
        return any(f.is_bound and f.has_changed() for f in hidden)

    def is_valid(self) -> bool:
        valid = all([f.is_valid() for f in self.all_forms])
        if self.update is None or not self.update.is_valid():
            return valid
        # Typed text counts even on a recommendation with errors: the update needs its
        # role and organisation either way.
        reported = [e for e in self.entries if (e.data.get(e.add_prefix("text")) or "").strip()]
        general = self.update.cleaned_data
        if reported:
            if not general["given_by_role"].strip():
                self.update.add_error(
                    "given_by_role", gettext("Enter the role of the person who gave the update")
                )
            if general["organisation"] is None:
                self.update.add_error(
                    "organisation", gettext("Select the organisation the update was given for")
                )
            if not general["kind"]:
                self.update.add_error(
                    "kind", gettext("Select whether the update was verbal or written")
                )
        elif self.update.typed:
            self.update.add_error(
                None,
                gettext(
                    "Say what was reported on at least one recommendation, or clear the "
                    "update's details"
                ),
            )
        return valid and self.update.is_valid()

    def item_record(self) -> ItemRecord:
        """What was typed for the item, once valid."""
        updates = []
        entries = [e.entry_input() for e in self.entries if e.cleaned_data["text"].strip()]
        if entries:
            general = self.update.cleaned_data
            updates.append(
                UpdateRecord(
                    kind=general["kind"],
                    organisation=general["organisation"],
                    given_by_role=general["given_by_role"].strip(),
                    given_by_name=general["given_by_name"].strip(),
                    summary=general["summary"].strip(),
                    entries=entries,
                )
            )
        return ItemRecord(
            item=self.item,
            updates=updates,
            actions=[f.action_record() for f in self.actions if not f.is_blank],
            delivered=self.delivered.cleaned_data["delivered"] if self.delivered else [],
            sign_offs=[r for f in self.sign_offs if (r := f.sign_off_record())],
        )

    def error_links(self) -> list[tuple[str, str]]:
        return error_links(*self.all_forms)


class MeetingRecordForm:
    """The meeting record screen: every agenda item's forms, validated together. Ticking
    the same action at two items is an error, and so is sending nothing at all."""

    NOTHING = _(
        "Nothing to record: say what was reported on a recommendation, add an action the "
        "committee agreed, or tick an action an item delivered"
    )

    def __init__(self, data, *, items: list[ItemRecordForms]):
        self.data = data
        self.items = items
        self.page_errors: list[tuple[str, str]] = []
        self._checked = False

    @classmethod
    def for_meeting(cls, data, *, meeting: Meeting, choices: RecordChoices) -> MeetingRecordForm:
        return cls(
            data,
            items=[
                ItemRecordForms(
                    data,
                    item=item,
                    recommendations=choices.recommendations_for(item),
                    organisation_groups=_organisation_groups(
                        meeting.committee.council,
                        choices.bodies_for(item),
                        choices.organisations,
                    ),
                    later_meetings=choices.later_meetings,
                    outstanding=choices.outstanding,
                    due_ids=choices.due_ids,
                    proposals=choices.proposals_for(item),
                    status_words=choices.status_words,
                )
                for item in choices.items
            ],
        )

    @property
    def first_anchor(self) -> str:
        """Where an error of the whole screen leads: the first update's first field (never
        a field hidden in a closed details element), else the first item."""
        for part in self.items:
            if part.update is not None:
                return part.update["given_by_role"].auto_id
        return f"item-{self.items[0].item.number}" if self.items else "main-content"

    def is_valid(self) -> bool:
        valid = all([part.is_valid() for part in self.items])
        self._checked = True
        ticked_at: dict[int, int] = {}
        for part in self.items:
            if part.delivered is None or not part.delivered.is_valid():
                continue
            for action in part.delivered.cleaned_data["delivered"]:
                if action.pk in ticked_at:
                    part.delivered.add_error(
                        "delivered",
                        gettext(
                            "An action ticked here is also ticked at item %(number)s: "
                            "tick it at one item only"
                        )
                        % {"number": ticked_at[action.pk]},
                    )
                    valid = False
                ticked_at.setdefault(action.pk, part.item.number)
        if not valid:
            return False
        records = self.item_records()
        if not any(r.anything for r in records):
            self.add_error(str(self.NOTHING))
            return False
        return True

    def item_records(self) -> list[ItemRecord]:
        records = [part.item_record() for part in self.items]
        return [r for r in records if r.anything]

    def add_error(self, message: str, anchor: str | None = None) -> None:
        self.page_errors.append((anchor or self.first_anchor, message))

    @property
    def errors(self) -> list[tuple[str, str]]:
        """Every error as summary links, in page order; empty before validation."""
        if not self._checked:
            return []
        links = list(self.page_errors)
        for part in self.items:
            links.extend(part.error_links())
        return links

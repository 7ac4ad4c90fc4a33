"""What a mapped tracker would do, row by row, before anything is saved: the plan the
preview shows and the import carries out.

Rules:
- A recommendation is matched by its review (by title, any case, among the council's; a
  review we do not have is made in the import's committee) and its reference, trimmed and
  any case, as the model's unique rule compares them. With no reference column, the number
  that starts the text ("1. That ...") is the reference and is taken off the text.
- A row with one cell filled and no recommendation text is a note and is left out.
- Dates are real dates in the workbook, or dd/mm/yyyy (or yyyy-mm-dd) text. A target date
  in words ("Summer 2026") is a problem unless the user chose to keep the words.
- Status words are the council's own where it set them, else ours (English or Welsh);
  response words are ours or the few synonyms in ``RESPONSE_SYNONYMS``. An unknown word,
  or one the council gave to several statuses, is a problem, never a guess. A RAG colour is
  shown, never turned into a status: map the column to Status to say what it means.
- Bodies are found by name, short name or alias, any case; a cell may name several, split
  by ";" and then, where a part is not a name we know, by "/". An unknown body is a problem
  until the user says what it is (``ImportRun.body_choices``): a new organisation (made on
  confirming) or another name for one we have (made its alias on confirming).
- The progress column (and the status) becomes an entry of a progress update dated by the
  update-date column, else by the date given once for the file; an entry already recorded
  on that date with the same words and status is left alone, so re-importing changes nothing.
- Our own files (``scrutiny.exports``) import unchanged as no change: a row giving the
  status the recommendation has now, with no words or the words of an update of that date,
  records nothing; the "EXEMPT" mark before an update is taken off; the committee and date
  it was agreed, and the target date, count as unchanged when they are what the
  recommendation shows (its review's, or its target revised by an update). A slipped status
  takes the row's target date as its revised date.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext

from partnerships.models import Organisation
from recommendations.models import (
    ImportRun,
    Recommendation,
    Status,
    UndatedTargets,
    entry_missing,
)
from recommendations.services.import_files import FIELDS, Table
from recommendations.services.import_words import (
    Words,
    _key,
    _unmarked,
    parse_date,
    split_names,
)
from scrutiny.models import Review

# The words of an entry that gave a status and no progress text (stored, so not translated).
STATUS_ONLY_TEXT = "Status as recorded in the imported tracker."
_NUMBERED = re.compile(r"^\s*([0-9]+[a-z]?|[a-z]|[ivx]+|R[0-9]+)[.)]\s+(.*)$", re.I | re.S)
# Fields copied onto the recommendation as they are (text) and those read as dates.
TEXT_FIELDS = (
    "title",
    "text",
    "minute",
    "response_text",
    "directorate",
    "decision_maker",
    "lead_officer",
    "expected_outcome",
)


@dataclass
class RowPlan:
    number: int
    review: str
    reference: str
    action: str = "create"  # "create", "change" or "same"
    values: dict = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    bodies: list | None = None
    entry: dict | None = None  # given_on, text, new_status, reason
    recommendation: Recommendation | None = None

    @property
    def change_labels(self) -> str:
        """The fields it changes, as the recommendation's page names them."""
        meta = Recommendation._meta
        return ", ".join(str(meta.get_field(name).verbose_name) for name in self.changes)


@dataclass
class Plan:
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    new_reviews: list[str] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    rag_shown: bool = False
    # Body names we do not know: key -> (the name as first written, its row numbers).
    unknown_bodies: dict[str, tuple[str, list[int]]] = field(default_factory=dict)
    # Bodies the user chose to make, and names to make aliases of (name, organisation).
    new_bodies: list[Organisation] = field(default_factory=list)
    new_aliases: list[tuple[str, Organisation]] = field(default_factory=list)
    known_bodies: list[Organisation] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def counts(self) -> dict[str, int]:
        """Rows to create, change and leave alone, for the preview."""
        return {action: self.count(action) for action in ("create", "change", "same")}


def build_plan(run: ImportRun, table: Table) -> Plan:
    """The plan for ``run``'s mapping of ``table`` (reads only)."""
    words, plan = Words(run), Plan()
    plan.known_bodies = sorted(words.organisations, key=lambda org: org.name.lower())
    columns = {name: i for i, name in enumerate(run.mapping) if name}
    plan.rag_shown = "rag" in columns
    seen: dict[tuple[str, str], int] = {}
    for number, cells in table.rows:
        row = _Row(run, table, words, plan, number, cells, columns)
        planned = row.planned()
        if planned is None:
            continue
        key = (_key(planned.review), planned.reference.lower())
        if key in seen:
            row.problem(
                "reference",
                gettext("reference %(ref)s appears twice in the review (first on row %(row)s)")
                % {"ref": planned.reference, "row": seen[key]},
            )
        seen.setdefault(key, number)
        plan.rows.append(planned)
    for number, heading in table.formulas:
        plan.errors.append((number, heading, gettext("a formula: save the file with values only")))
    for number in table.merged:
        message = gettext("merged cells: unmerge them and fill in each cell")
        plan.errors.append((number, table.headings[0], message))
    plan.errors.sort(key=lambda e: e[0])
    for key, (name, _rows) in plan.unknown_bodies.items():
        org = words.chosen.get(key)
        if org is not None and org.pk is None:
            plan.new_bodies.append(org)
        elif org is not None:
            plan.new_aliases.append((name, org))
    return plan


class _Row:
    def __init__(self, run, table, words, plan, number, cells, columns):
        self.run, self.table, self.words, self.plan = run, table, words, plan
        self.number, self.cells, self.columns = number, cells, columns

    def get(self, name: str):
        i = self.columns.get(name)
        return "" if i is None else self.cells[i]

    def problem(self, name: str, message: str) -> None:
        i = self.columns.get(name)
        heading = self.table.headings[i] if i is not None else dict(FIELDS)[name]
        self.plan.errors.append((self.number, str(heading), message))

    def planned(self) -> RowPlan | None:
        text, reference = str(self.get("text")), str(self.get("reference"))
        if sum(1 for c in self.cells if c not in ("", None)) == 1 and not text:
            self.plan.notes.append(self.number)
            return None
        if "reference" not in self.columns:
            numbered = _NUMBERED.match(text)
            if numbered:
                reference, text = numbered.group(1), numbered.group(2).strip()
        review = str(self.get("review")) or self.run.review_title
        row = RowPlan(self.number, review, reference.strip())
        if not row.reference:
            self.problem("reference", gettext("no reference: give each recommendation one"))
        if not review:
            self.problem("review", gettext("no review: name it in the file or on the columns page"))
        self._length("reference", row.reference, Recommendation)
        self._length("review", row.review, Review, "title")
        values = self._values(text)
        existing = self._existing(row)
        row.values, row.bodies = values, self._bodies()
        row.entry = self._entry(existing, row.reference, values)
        self._compare(row, existing)
        return row

    def _length(self, name: str, value: str, model, field: str = "") -> None:
        """A problem when ``value`` is longer than the model's field allows."""
        limit = model._meta.get_field(field or name).max_length
        if limit and len(value) > limit:
            message = gettext("longer than %(limit)s characters: shorten it")
            self.problem(name, message % {"limit": limit})

    def _values(self, text: str) -> dict:
        values = {name: str(self.get(name)) for name in TEXT_FIELDS if name in self.columns}
        for name, value in values.items():
            self._length(name, value, Recommendation)
        if "text" in self.columns:
            values["text"] = text
            if not text:
                self.problem("text", gettext("no recommendation text"))
        for name in ("agreed_on", "target_date"):
            if name in self.columns:
                values[name] = self._date(name)
        if "response" in self.columns:
            values["response"] = self._word("response", self.words.response)
        if "committee" in self.columns and self.get("committee"):
            committee = self.words.committees.get(_key(self.get("committee")))
            if committee is None:
                self.problem(
                    "committee",
                    gettext("“%(word)s” is not one of the council's committees")
                    % {"word": self.get("committee")},
                )
            values["agreed_by"] = committee
        return values

    def _date(self, name: str, value=None):
        value = self.get(name) if value is None else value
        try:
            return parse_date(value)
        except ValueError:
            keep = self.run.undated_targets == UndatedTargets.KEEP_WORDS
            if name == "target_date" and keep:
                return ("words", value)
            self.problem(
                name,
                gettext("“%(value)s” is not a date: write it as dd/mm/yyyy") % {"value": value},
            )
            return None

    def _word(self, name: str, known: dict):
        word = str(self.get(name))
        if not word:
            return None
        found = known.get(_key(word))
        if isinstance(found, set) and len(found) > 1:
            self.problem(
                name,
                gettext("“%(word)s” stands for several statuses: choose one word each")
                % {"word": word},
            )
            return None
        if not found:
            self.problem(
                name, gettext("“%(word)s” is not a word we know for this column") % {"word": word}
            )
            return None
        return next(iter(found)) if isinstance(found, set) else found

    def _bodies(self):
        if "bodies" not in self.columns:
            return None
        found = []
        for name in split_names(str(self.get("bodies")), self.words.bodies):
            key = _key(name)
            org = self.words.bodies.get(key)
            if org is None:
                org = self._unknown_body(key, name)
            if org is not None and org not in found:
                found.append(org)
        return found

    def _unknown_body(self, key: str, name: str) -> Organisation | None:
        """The organisation the user chose for a name we do not know, else a problem."""
        first, rows = self.plan.unknown_bodies.setdefault(key, (name, []))
        if self.number not in rows:
            rows.append(self.number)
        org = self.words.chosen.get(key)
        limit = Organisation._meta.get_field("name").max_length
        if org is not None and org.pk is None and len(first) > limit:
            message = gettext("longer than %(limit)s characters: shorten it")
            self.problem("bodies", message % {"limit": limit})
        elif org is not None:
            if org.pk is None and not org.name:
                org.name = first
            return org
        else:
            self.problem(
                "bodies",
                gettext("“%(name)s” is not a body we know: say below what it is") % {"name": name},
            )
        return None

    def _existing(self, row: RowPlan) -> Recommendation | None:
        review = self.words.reviews.get(_key(row.review))
        if review is None:
            if row.review and row.review not in self.plan.new_reviews:
                self.plan.new_reviews.append(row.review)
            return None
        existing = self.words.recommendations.get((review.pk, row.reference.lower()))
        if existing is not None and existing.deleted_at is not None:
            self.problem(
                "reference",
                gettext("recommendation %(ref)s was deleted: restore it first")
                % {"ref": row.reference},
            )
        return existing

    def _entry(self, existing, reference: str, values: dict) -> dict | None:
        text = _unmarked(str(self.get("progress")))
        status = self._word("status", self.words.status) if "status" in self.columns else None
        if not text and not status:
            return None
        if not text and status == Status.NOT_STARTED and existing is None:
            return None  # a new recommendation is not started anyway
        dated = bool(self.get("update_date"))  # a date that is not one is its own problem
        given_on = self._date("update_date") if dated else self.run.updates_given_on
        if existing is not None and self._recorded(existing, given_on, text, status):
            return None
        if status in Status.closing():
            if self.run.item is None:
                self.problem(
                    "status",
                    gettext(
                        "only a meeting closes a recommendation: "
                        "choose the agenda item on the columns page"
                    ),
                )
            else:
                given_on = self.run.item.meeting.date
        if given_on is None and not dated:
            self.problem(
                "update_date",
                gettext("no date for the progress update: give one on the columns page"),
            )
        entry = {"given_on": given_on, "text": text or STATUS_ONLY_TEXT, "new_status": status or ""}
        reasoned = [Status.SLIPPED, Status.PAUSED, *Status.closing()]
        entry["reason"] = text if status in reasoned else ""
        # A slipped recommendation's target date is the revised one (our files write the
        # target date now).
        revised = values.get("target_date") if status == Status.SLIPPED else None
        entry["revised_target_date"] = revised if isinstance(revised, datetime.date) else None
        for _field, message in entry_missing(
            new_status=entry["new_status"],
            revised_target_date=entry["revised_target_date"],
            reason=entry["reason"],
        ):
            self.problem("status", str(message) % {"number": reference})
        if (
            existing is not None
            and (existing.pk, given_on, entry["text"], entry["new_status"]) in self.words.entries
        ):
            return None
        return entry

    def _recorded(self, existing, given_on, text: str, status) -> bool:
        """Whether the row says nothing the recommendation's updates do not say already: an
        entry of that date with those words and status; or, with the status it has now (or
        none), no words or the words of an entry of that date (as our files write the
        latest update beside the status now, which an earlier update may have set)."""
        words = text or STATUS_ONLY_TEXT
        if (existing.pk, given_on, words, status or "") in self.words.entries:
            return True
        if status and status != existing.status:
            return False
        return not text or (existing.pk, given_on, text) in self.words.entry_texts

    def _compare(self, row: RowPlan, existing) -> None:
        values = row.values
        target = values.get("target_date")
        if isinstance(target, tuple):
            values["target_date"] = None
            values["response_text"] = f"Timetable: {target[1]}"
        if existing is None:
            return
        row.recommendation = existing
        _drop_as_is(values, existing)
        row.changes = [
            name
            for name, value in values.items()
            if not (name == "response" and value is None) and getattr(existing, name) != value
        ]
        if row.bodies is not None and (
            any(org.pk is None for org in row.bodies)
            or {org.pk for org in row.bodies} != {o.pk for o in existing.responsible_bodies.all()}
        ):
            row.changes.append("responsible_bodies")
        row.action = "change" if row.changes or row.entry else "same"


def _drop_as_is(values: dict, existing: Recommendation) -> None:
    """Leave out the values that say what the recommendation shows already without
    holding them: the review's committee and date as the committee and date it was agreed,
    and its target date now (revised by an update) as its target date; our files write
    what it shows. Needs ``with_status``."""
    shown = {
        "agreed_by": existing.agreed_by_committee,
        "agreed_on": existing.agreed_date,
        "target_date": existing.current_target_date,
    }
    for name, value in shown.items():
        if name in values and values[name] != getattr(existing, name) and values[name] == value:
            del values[name]

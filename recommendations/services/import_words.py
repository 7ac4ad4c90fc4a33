"""The words and names a tracker import reads, looked up once per plan: status and response
words (the council's own and ours, in English and Welsh), bodies by name, short name and
alias (and the user's choices for names we do not know), committees, reviews, the
recommendations and entries already recorded; and how a cell's date, names and exempt mark
are read."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext

from partnerships.models import Organisation
from recommendations.models import (
    ImportRun,
    Recommendation,
    Response,
    Status,
    StatusWord,
    UpdateEntry,
)
from scrutiny.models import Committee, Review

RESPONSE_SYNONYMS = {
    "agreed": Response.ACCEPTED,
    "accept": Response.ACCEPTED,
    "partially agreed": Response.PARTLY_ACCEPTED,
    "partially accepted": Response.PARTLY_ACCEPTED,
    "agreed in part": Response.PARTLY_ACCEPTED,
    "rejected": Response.NOT_ACCEPTED,
    "not agreed": Response.NOT_ACCEPTED,
}
DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y")
# How our own files mark an update given at an exempt item (scrutiny.exports): taken off.
EXEMPT_MARK = "EXEMPT – not for publication. %(update)s"


def _key(text: str) -> str:
    return " ".join(str(text).split()).lower()


def parse_date(value) -> datetime.date | None:
    """A date from a cell; None for an empty one; ValueError for anything else."""
    if isinstance(value, datetime.date):
        return value
    if not value:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def split_names(cell: str, known: dict) -> list[str]:
    """The body names a cell gives: whole if known, else split by ";" then by "/"."""
    if not cell or _key(cell) in known:
        return [cell] if cell else []
    names = []
    for part in (p.strip() for p in cell.split(";")):
        if part and _key(part) not in known and "/" in part:
            names += [p.strip() for p in part.split("/") if p.strip()]
        elif part:
            names.append(part)
    return names


class Words:
    """The lookups one plan needs, each read once."""

    def __init__(self, run: ImportRun):
        council = run.council
        self.status: dict[str, set[str]] = {}
        renamed = set()
        for word in StatusWord.objects.filter(council=council):
            renamed.add(word.status)
            for label in (word.label, word.label_cy):
                if label:
                    self.status.setdefault(_key(label), set()).add(word.status)
        for status in Status:
            if status.value not in renamed:
                for label in _both_languages(status.label):
                    self.status.setdefault(_key(label), set()).add(status.value)
        self.response = {_key(k): v for k, v in RESPONSE_SYNONYMS.items()}
        for response in Response:
            for label in _both_languages(response.label):
                self.response[_key(label)] = response.value
        self.bodies: dict[str, Organisation] = {}
        self.organisations = list(Organisation.objects.prefetch_related("aliases"))
        for org in self.organisations:
            for name in [org.name, org.short_name, *(a.name for a in org.aliases.all())]:
                if name:
                    self.bodies.setdefault(_key(name), org)
        # The user's choices for names we do not know: their organisations, made or named.
        self.chosen: dict[str, Organisation] = {}
        by_id = {org.pk: org for org in self.organisations}
        for key, choice in run.body_choices.items():
            if key in self.bodies:
                continue  # known meanwhile
            if choice == "new":
                self.chosen[key] = Organisation(name="", kind=Organisation.Kind.OTHER)
            elif choice in by_id:
                self.chosen[key] = by_id[choice]
        self.committees = {_key(c.name): c for c in Committee.objects.filter(council=council)}
        self.reviews: dict[str, Review] = {}
        for review in Review.objects.filter(committee__council=council).order_by("pk"):
            if _key(review.title) not in self.reviews or review.committee_id == run.committee_id:
                self.reviews[_key(review.title)] = review
        ids = [r.pk for r in self.reviews.values()]
        self.recommendations = {
            (r.review_id, r.reference.strip().lower()): r
            for r in Recommendation.all_objects.filter(review_id__in=ids)
            .with_status()
            .select_related("agreed_by", "review__committee")
            .prefetch_related("responsible_bodies")
        }
        self.entries = set(
            UpdateEntry.objects.filter(recommendation__review_id__in=ids).values_list(
                "recommendation_id", "update__given_on", "text", "new_status"
            )
        )
        self.entry_texts = {(pk, on, text) for pk, on, text, _status in self.entries}


def _both_languages(label) -> list[str]:
    from django.utils import translation

    with translation.override("en"):
        english = str(label)
    with translation.override("cy"):
        welsh = str(label)
    return [english, welsh]


def _unmarked(text: str) -> str:
    """An update's words without the mark our files put before one given at an exempt
    item (in either language)."""
    from django.utils import translation

    for language in ("en", "cy"):
        with translation.override(language):
            mark = gettext(EXEMPT_MARK) % {"update": ""}
        if mark.strip() and text.startswith(mark):
            return text[len(mark) :].strip()
    return text

"""The deleted list as rows of a file: each deleted recommendation, then each deleted
progress update, with who deleted it, when and why, in the reader's language."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from scrutiny.common.bilingual import localised
from scrutiny.exports.tables import Column, Sheet

DELETED_COLUMNS = [
    Column(_("Kind"), 18),
    Column(_("What"), 45),
    Column(_("Review"), 40),
    Column(_("Deleted by"), 30),
    Column(_("Deleted on"), 14),
    Column(_("Why"), 45),
]


def _deleted_by(item) -> str:
    """Who deleted ``item``, with their organisation (``deleted_by__organisation`` read)."""
    person = item.deleted_by
    if person is None:
        return gettext("Someone whose account was removed")
    if person.organisation:
        return f"{person.display_name} ({person.organisation.name})"
    return person.display_name


def _reviews_of(update) -> str:
    """The reviews and references an update reported on (``all_entries`` prefetched, by
    review then recommendation), deleted recommendations marked."""
    parts: dict[int, list[str]] = {}
    titles: dict[int, str] = {}
    for entry in update.all_entries:
        rec = entry.recommendation
        titles[rec.review_id] = localised(rec.review, "title")
        mark = f" {gettext('(deleted)')}" if rec.deleted_at else ""
        parts.setdefault(rec.review_id, []).append(f"{rec.reference}{mark}")
    return "; ".join(f"{titles[pk]}: {', '.join(refs)}" for pk, refs in parts.items())


def deleted_sheet(title: str, recommendations, updates) -> Sheet:
    """``recommendations.selectors.deleted_to_restore``'s two lists, in its order."""
    rows = [
        [
            pgettext("kind of row", "Recommendation"),
            f"{rec.reference}. {localised(rec, 'heading')}",
            f"{localised(rec.review, 'title')}, {rec.review.committee.council.name}",
            _deleted_by(rec),
            timezone.localdate(rec.deleted_at),
            rec.deletion_reason,
        ]
        for rec in recommendations
    ]
    rows += [
        [
            pgettext("kind of row", "Progress update"),
            f"{update.name}, {update.given_by}",
            _reviews_of(update),
            _deleted_by(update),
            timezone.localdate(update.deleted_at),
            update.deletion_reason,
        ]
        for update in updates
    ]
    return Sheet(title, DELETED_COLUMNS, rows)

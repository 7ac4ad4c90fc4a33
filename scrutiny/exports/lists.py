"""The meeting cycle's lists and the review list as rows of a file: what falls due at a
meeting, a committee's work programme, the updates a user owes, the scrutiny reviews and
the executive decisions referred to scrutiny,
each as its page lists it, statuses in the council's own words in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from recommendations.models import StatusWords
from scrutiny.common.bilingual import localised
from scrutiny.exports.actions import action_state
from scrutiny.exports.tables import Column, Sheet
from scrutiny.selectors.decisions import split_points

DUE_COLUMNS = [
    Column(_("Kind"), 18),
    Column(_("Meeting"), 14),
    Column(_("Ref."), 10),
    Column(_("What"), 50),
    Column(_("Review"), 30),
    Column(_("Status"), 16),
    Column(_("Who owes it"), 30),
    Column(_("Due"), 20),
    Column(_("On the agenda"), 14),
]

OWED_COLUMNS = [
    Column(_("Review"), 30),
    Column(_("Committee"), 24),
    Column(_("Ref."), 10),
    Column(_("Recommendation"), 45),
    Column(_("Status"), 16),
    Column(_("Update due"), 14),
    Column(_("Meeting"), 14),
]

REVIEW_COLUMNS = [
    Column(_("Review"), 40),
    Column(_("Committee"), 24),
    Column(_("Council"), 24),
    Column(_("Published"), 10),
    Column(_("Stage"), 16),
    Column(_("Report agreed"), 14),
    Column(_("Executive response due"), 14),
    Column(_("Executive response received"), 14),
    Column(_("Executive response overdue"), 12),
    Column(_("Recommendations"), 10),
    Column(_("Recommendations by status"), 40),
]


def _yes_no(value: bool) -> str:
    return gettext("Yes") if value else gettext("No")


def _item_number(item) -> str:
    return str(item.number) if item is not None else ""


def _who(rec) -> str:
    """The lead officer and the bodies that carry it (``responsible_bodies`` prefetched)."""
    bodies = [body.short_name or body.name for body in rec.responsible_bodies.all()]
    return "; ".join(part for part in [rec.lead_officer, *bodies] if part)


def _action_due_row(action, meeting_date) -> list:
    """An agreed action due at a meeting (``item_here`` set by the due reads)."""
    falls_to = [action.falls_to]
    if action.falls_to_organisation_id:
        falls_to.append(action.falls_to_organisation.name)
    return [
        pgettext("kind of row", "Agreed action"),
        meeting_date,
        "",
        localised(action, "text"),
        localised(action.review, "title") if action.review else "",
        action_state(action),
        "; ".join(part for part in falls_to if part),
        action.due_label,
        _item_number(action.item_here),
    ]


def _update_due_rows(due_reviews, meeting_date, words: StatusWords, council_id) -> list[list]:
    """A row per recommendation of each ``DueReview`` whose progress update is due."""
    return [
        [
            pgettext("kind of row", "Progress update"),
            meeting_date,
            rec.reference,
            localised(rec, "heading"),
            localised(due.review, "title"),
            words.label(rec.status, council_id),
            _who(rec),
            rec.next_due,
            _item_number(due.item),
        ]
        for due in due_reviews
        for rec in due.recommendations
    ]


def due_sheet(title: str, due) -> Sheet:
    """What falls to a meeting (``scrutiny.selectors.due.due_page``): its agreed actions, the
    recommendations due an update and those waiting for sign-off."""
    meeting, words = due.meeting, StatusWords()
    council_id = meeting.committee.council_id
    rows = [_action_due_row(action, meeting.date) for action in due.actions]
    rows += _update_due_rows(due.reviews, meeting.date, words, council_id)
    rows += [
        [
            pgettext("kind of row", "Sign-off"),
            meeting.date,
            rec.reference,
            localised(rec, "heading"),
            localised(rec.review, "title"),
            words.label(rec.status, council_id),
            "",
            "",
            _item_number(rec.item),
        ]
        for rec in due.proposed
    ]
    return Sheet(title, DUE_COLUMNS, rows)


def programme_sheet(title: str, programme) -> Sheet:
    """A committee's work programme (``scrutiny.selectors.due.programme_page``): what first
    falls due at each meeting to come, then what is not yet placed (no meeting date)."""
    words, council_id = StatusWords(), programme.committee.council_id
    rows = []
    for row in programme.meetings:
        rows += [_action_due_row(action, row.meeting.date) for action in row.actions]
        rows += _update_due_rows(row.reviews, row.meeting.date, words, council_id)
    rows += [_action_due_row(action, None) for action in programme.unplaced_actions]
    rows += _update_due_rows(programme.unplaced_reviews, None, words, council_id)
    return Sheet(title, DUE_COLUMNS, rows)


def owed_sheet(title: str, owed) -> Sheet:
    """The updates a user owes (``scrutiny.selectors.owed.updates_owed``), soonest first."""
    words = StatusWords()
    rows = [
        [
            localised(rec.review, "title"),
            rec.review.committee.name,
            rec.reference,
            localised(rec, "heading"),
            words.label(rec.status, rec.review.committee.council_id),
            rec.next_due,
            rec.due_meeting_date,
        ]
        for rec in owed
    ]
    return Sheet(title, OWED_COLUMNS, rows)


def _by_status(review, words: StatusWords) -> str:
    council_id = review.committee.council_id
    return "; ".join(
        f"{row['count']} {words.label(row['value'], council_id)}" for row in review.status_rows
    )


def review_sheet(title: str, reviews) -> Sheet:
    """The review list (``scrutiny.selectors.reviews.review_rows``), as filtered."""
    words = StatusWords()
    rows = [
        [
            localised(review, "title"),
            review.committee.name,
            review.committee.council.name,
            _yes_no(review.published),
            review.get_status_display(),
            review.report_agreed_on,
            review.response_due_on,
            review.response_received_on,
            _yes_no(review.overdue),
            review.total,
            _by_status(review, words),
        ]
        for review in reviews
    ]
    return Sheet(title, REVIEW_COLUMNS, rows)


DECISION_COLUMNS = [
    Column(_("Minute"), 12),
    Column(_("Decision"), 40),
    Column(_("Decided by"), 24),
    Column(_("Council"), 24),
    Column(_("Decided on"), 14),
    Column(_("Referred to"), 24),
    Column(_("Meeting"), 14),
    Column(_("Item"), 8),
    Column(_("Resolutions"), 50),
    Column(_("Reasons"), 50),
]


def _points(points) -> str:
    return "\n".join(f"{point.number}. {point.text}" for point in points)


def decision_sheet(title: str, decisions) -> Sheet:
    """The executive decisions list (``scrutiny.selectors.decisions.decisions_for_list``,
    with ``points_prefetch``), newest first, each with its resolutions and reasons."""
    rows = []
    for decision in decisions:
        split_points(decision)
        item = decision.referred_to_item
        rows.append(
            [
                decision.minute_number,
                decision.title,
                decision.decided_by.name,
                decision.decided_by.council.name,
                decision.decided_on,
                decision.referred_to.name if decision.referred_to else "",
                item.meeting.date if item else None,
                item.number if item else None,
                _points(decision.resolutions),
                _points(decision.reasons),
            ]
        )
    return Sheet(title, DECISION_COLUMNS, rows)

"""Agreed actions as rows of a file: a committee's outstanding ones, and those that fall
to an organisation, as their pages list them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from scrutiny.common.bilingual import localised
from scrutiny.exports.tables import Column, Sheet

ACTION_COLUMNS = [
    Column(_("What was agreed"), 50),
    Column(_("Committee"), 24),
    Column(_("Council"), 24),
    Column(_("Agreed at"), 14),
    Column(_("Item"), 30),
    Column(_("Exempt"), 10),
    Column(_("Review"), 30),
    Column(_("Falls to"), 24),
    Column(_("Organisation"), 24),
    Column(_("Due"), 24),
    Column(_("State"), 14),
    Column(_("Delivered on"), 14),
]


def action_state(action) -> str:
    """Delivered, overdue or outstanding, as the pages tag it (needs ``with_flags``)."""
    if action.delivered_on:
        return pgettext("agreed action", "Delivered")
    if action.overdue:
        return pgettext("agreed action", "Overdue")
    return pgettext("agreed action", "Outstanding")


def action_row(action) -> list:
    """One action's cells; needs ``meeting__committee__council``, ``item``, ``review``,
    ``due_meeting`` and ``falls_to_organisation`` selected, and ``with_flags``."""
    item = action.item
    return [
        localised(action, "text"),
        action.meeting.committee.name,
        action.meeting.committee.council.name,
        action.meeting.date,
        f"{item.number}: {item.title}" if item else "",
        str(_("Exempt")) if item and item.exempt else "",
        localised(action.review, "title") if action.review else "",
        action.falls_to,
        action.falls_to_organisation.name if action.falls_to_organisation else "",
        action.due_label,
        action_state(action),
        action.delivered_on,
    ]


def action_sheet(title: str, actions) -> Sheet:
    return Sheet(title, ACTION_COLUMNS, [action_row(action) for action in actions])

"""The committee list and the organisation list as rows of a file, each as its page lists
it, kinds in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from scrutiny.exports.tables import Column, Sheet

COMMITTEE_COLUMNS = [
    Column(_("Council"), 30),
    Column(_("Committee"), 40),
    Column(_("Kind"), 18),
    Column(_("Chair"), 24),
    Column(_("Next meeting"), 14),
]

ORGANISATION_COLUMNS = [
    Column(_("Kind"), 20),
    Column(_("Organisation"), 40),
    Column(_("Short name"), 14),
    Column(_("Other names"), 30),
    Column(_("Host authority"), 30),
]


def committee_sheet(title: str, committees) -> Sheet:
    """The committee list (``scrutiny.selectors.committees.committees_with_next_meeting``),
    by council then name, each with its next meeting (empty when none is planned)."""
    rows = [
        [
            committee.council.name,
            committee.name,
            committee.get_kind_display(),
            committee.chair,
            committee.next_meeting,
        ]
        for committee in committees
    ]
    return Sheet(title, COMMITTEE_COLUMNS, rows)


def organisation_sheet(title: str, groups) -> Sheet:
    """The organisation list: ``groups`` of (kind's heading, organisations by name, each
    with its host and aliases prefetched), in the page's order."""
    rows = [
        [
            str(heading),
            organisation.name,
            organisation.short_name,
            "; ".join(alias.name for alias in organisation.aliases.all()),
            organisation.host.name if organisation.host else "",
        ]
        for heading, organisations in groups
        for organisation in organisations
    ]
    return Sheet(title, ORGANISATION_COLUMNS, rows)

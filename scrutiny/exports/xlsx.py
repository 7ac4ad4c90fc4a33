"""A review's tracker as a spreadsheet (openpyxl), for appendices."""

import datetime
import io
import re

from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from recommendations.models import Status, StatusWords, rag_rating
from scrutiny.common.bilingual import localised
from scrutiny.selectors.packs import ReviewTracker

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

TRACKER_COLUMNS = [
    (_("Ref."), 12),
    (_("Recommendation"), 50),
    (_("Executive response"), 16),
    (_("Response and reasons"), 45),
    (_("Lead officer"), 24),
    (_("Carried by"), 24),
    (_("Target date"), 14),
    (_("Status"), 13),
    (_("RAG rating"), 18),
    (_("Status since"), 14),
    (_("Latest update"), 50),
    (_("Latest update date"), 14),
    (_("Agreed by"), 24),
    (_("Date agreed"), 14),
    (_("Directorate or service area"), 24),
    (_("Decision-maker"), 24),
    (_("Expected outcome"), 45),
    (_("Sign-off"), 45),
]


# Characters an XLSX file cannot hold (XML 1.0 forbids the control characters other than
# tab and the line breaks); openpyxl refuses them in a cell and writes a corrupt file when
# they are in a sheet's name or the document's properties.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xlsx_text(value: str) -> str:
    """Text as a spreadsheet can hold it: the characters XML cannot carry dropped, the
    rest (markup, odd Unicode, a leading "=") kept as typed."""
    return _NOT_IN_XML.sub("", value)


def _sheet_title(title: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    title = _xlsx_text(title)
    return re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31].strip() or gettext("Tracker")


def _tracker_row(rec, words: StatusWords, as_at: datetime.date) -> list:
    """One recommendation's cells, text cleaned of what XML cannot hold: the status in its
    council's words, and the RAG rating in words as at ``as_at``."""
    bodies = ", ".join(b.name for b in rec.responsible_bodies.all())
    latest = localised(rec, "latest_update_text")
    if latest and rec.latest_update_exempt:
        latest = gettext("EXEMPT – not for publication. %(update)s") % {"update": latest}
    title, text = localised(rec, "title"), localised(rec, "text")
    row = [
        rec.reference,
        f"{title}\n{text}" if title else text,
        rec.get_response_display(),
        rec.response_text,
        rec.lead_officer,
        bodies,
        rec.current_target_date,
        words.label(rec.status, rec.council_id),
        rag_rating(rec.status, rec.current_target_date, as_at, rec.response).words,
        rec.status_since,
        latest,
        rec.last_update_on,
        rec.agreed_by_committee.name,
        rec.agreed_date,
        rec.directorate,
        rec.decision_maker,
        rec.expected_outcome,
        _sign_off(rec, words),
    ]
    return [_xlsx_text(v) if isinstance(v, str) else v for v in row]


def _sign_off(rec, words: StatusWords) -> str:
    """A closure waiting for the committee's sign-off as at the tracker's date, as the
    pages say it ("Proposed for sign-off as done, by ... on 1 May 2021. Evidence: ..."), or
    the committee's decline of one while it stays open, with the reason; else nothing.
    Needs ``with_proposal``."""
    if rec.proposal_id:
        said = gettext("as %(status)s, by %(by)s (%(body)s) on %(date)s") % {
            "status": words.label(rec.proposal_status, rec.council_id).lower(),
            "by": rec.proposal_by,
            "body": rec.proposal_body,
            "date": formats.date_format(rec.proposal_on),
        }
        return (
            f"{gettext('Proposed for sign-off')} {said}. "
            f"{gettext('Evidence:')} {rec.proposal_evidence}"
        )
    if rec.decision_state == "declined" and rec.status not in Status.closing():
        said = gettext("by the committee on %(date)s: it stays open") % {
            "date": formats.date_format(rec.decision_on)
        }
        return f"{gettext('Sign-off declined')} {said}. {gettext('Reason:')} {rec.decision_reason}"
    return ""


def _style(sheet) -> None:
    """Wrapped text, real dates, text never a formula, a bold frozen header row with
    filters, and each column's width."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
            if isinstance(cell.value, datetime.date):
                cell.number_format = "d mmmm yyyy"
            elif isinstance(cell.value, str):
                # Text, never a formula: words that start with "=" (typed by anyone who
                # may write a recommendation or an update) must not run in Excel.
                cell.data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, (_name, width) in enumerate(TRACKER_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def tracker_xlsx(tracker: ReviewTracker) -> bytes:
    """The tracker as a spreadsheet: one row per recommendation, real dates, a bold frozen
    header row with filters, wrapped text."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(localised(tracker.review, "title"))
    workbook.properties.title = _xlsx_text(tracker.title)
    workbook.properties.creator = _xlsx_text(tracker.author)
    workbook.properties.subject = _xlsx_text(
        f"{tracker.review.committee.name}, {tracker.council.name}"
    )
    # str(): openpyxl refuses lazy translations.
    sheet.append([str(name) for name, _width in TRACKER_COLUMNS])
    words = StatusWords()
    as_at = tracker.as_at or timezone.localdate()
    for rec in tracker.recommendations:
        sheet.append(_tracker_row(rec, words, as_at))
    _style(sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

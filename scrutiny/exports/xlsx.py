"""A review's tracker as a spreadsheet (openpyxl) or CSV, for appendices, in the columns
every recommendation list writes (``scrutiny.exports.recommendations``) and the tracker
import reads."""

from django.utils import timezone

from scrutiny.common.bilingual import localised
from scrutiny.exports.recommendations import recommendation_sheet
from scrutiny.exports.tables import XLSX, Sheet, csv_bytes, xlsx_bytes
from scrutiny.selectors.packs import ReviewTracker

__all__ = ["XLSX", "tracker_csv", "tracker_sheet", "tracker_xlsx"]


def tracker_sheet(tracker: ReviewTracker) -> Sheet:
    """One row per recommendation of the tracker, as at its date."""
    return recommendation_sheet(
        tracker.title,
        tracker.recommendations,
        tracker.as_at or timezone.localdate(),
        author=tracker.author,
        subject=f"{tracker.review.committee.name}, {tracker.council.name}",
    )


def tracker_xlsx(tracker: ReviewTracker) -> bytes:
    """The tracker as a spreadsheet: one row per recommendation, real dates, a bold frozen
    header row with filters, wrapped text; the sheet named for the review."""
    return xlsx_bytes(tracker_sheet(tracker), sheet_name=localised(tracker.review, "title"))


def tracker_csv(tracker: ReviewTracker) -> bytes:
    return csv_bytes(tracker_sheet(tracker))

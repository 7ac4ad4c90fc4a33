"""Recommendations as rows of a file: a review's tracker, a committee's, an organisation's,
the recommendation list and the recommendations found by a search all write these columns.

The columns are the tracker import's own (``recommendations.services.import_files``
recognises each heading that carries something it imports: reference, title, text,
response, lead officer, bodies, target date, status, latest update and its date, agreed by
and on, directorate, decision-maker, review), so a file we write imports unchanged; the
rest (RAG rating, status since, sign-off, council...) are for the reader.
"""

from __future__ import annotations

import datetime

from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from recommendations.models import Status, StatusWords, rag_rating
from scrutiny.common.bilingual import localised
from scrutiny.exports.tables import Column, Sheet

RECOMMENDATION_COLUMNS = [
    Column(_("Ref."), 12),
    Column(_("Recommendation"), 50),
    Column(_("Executive response"), 16),
    Column(_("Response and reasons"), 45),
    Column(_("Lead officer"), 24),
    Column(_("Carried by"), 24),
    Column(_("Target date"), 14),
    Column(_("Status"), 13),
    Column(_("RAG rating"), 18),
    Column(_("Status since"), 14),
    Column(_("Latest update"), 50),
    Column(_("Latest update date"), 14),
    Column(_("Agreed by"), 24),
    Column(_("Date agreed"), 14),
    Column(_("Minute number"), 14),
    Column(_("Directorate or service area"), 24),
    Column(_("Decision-maker"), 24),
    Column(_("Expected outcome"), 45),
    Column(_("Sign-off"), 45),
    Column(_("Title"), 30),
    Column(_("Review"), 30),
    Column(_("Council"), 24),
]

# Separates the bodies in one cell: the import splits a cell by it (a name may hold a comma).
BODY_SEPARATOR = "; "


def recommendation_row(rec, words: StatusWords, as_at: datetime.date) -> list:
    """One recommendation's cells, as ``scrutiny.selectors.trackers.tracked_recommendations``
    reads it (with ``review__committee__council``): the status in its council's words, the
    RAG rating in words as at ``as_at``, the latest update marked when it was given at an
    exempt item (which only those who may see it get)."""
    latest = localised(rec, "latest_update_text")
    if latest and rec.latest_update_exempt:
        latest = exempt_mark(latest)
    return [
        rec.reference,
        localised(rec, "text"),
        rec.get_response_display(),
        rec.response_text,
        rec.lead_officer,
        BODY_SEPARATOR.join(b.name for b in rec.responsible_bodies.all()),
        rec.current_target_date,
        words.label(rec.status, rec.council_id),
        rag_rating(rec.status, rec.current_target_date, as_at, rec.response).words,
        rec.status_since,
        latest,
        rec.last_update_on,
        rec.agreed_by_committee.name,
        rec.agreed_date,
        rec.minute,
        rec.directorate,
        rec.decision_maker,
        rec.expected_outcome,
        _sign_off(rec, words),
        localised(rec, "title"),
        localised(rec.review, "title"),
        rec.review.committee.council.name,
    ]


def exempt_mark(update: str) -> str:
    """An update given at an exempt item, marked as the packs mark it (the import takes
    the mark off again)."""
    return gettext("EXEMPT – not for publication. %(update)s") % {"update": update}


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


def recommendation_sheet(
    title: str, recommendations, as_at: datetime.date, words: StatusWords | None = None, **about
) -> Sheet:
    """``recommendations`` (read as ``recommendation_row`` says) as a sheet called
    ``title``, their statuses in ``words`` (the page's, read once); ``about`` gives the
    document's author and subject."""
    words = words or StatusWords()
    rows = [recommendation_row(rec, words, as_at) for rec in recommendations]
    return Sheet(title, RECOMMENDATION_COLUMNS, rows, **about)

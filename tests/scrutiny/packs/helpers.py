"""What the meeting pack tests share: the May 2021 meeting of the commission they build
(``build_meeting``), its exempt item's words, the Cabinet decision's resolutions and
reasons, the pack's addresses, and readers of the PDF's text and of a tracker row."""

from __future__ import annotations

import datetime
import io
import re
import subprocess

from django.urls import reverse
from pypdf import PdfReader

from recommendations.models import Response, Status
from scrutiny.models import DecisionPoint
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    DecisionPointFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)

JANUARY = datetime.date(2021, 1, 19)
MAY = datetime.date(2021, 5, 25)
JUNE = datetime.date(2021, 6, 30)
HEADER = "Adult Social Care Scrutiny Commission – 25 May 2021"

EXEMPT_TITLE = "Independent sector care fees: provider cost information"
EXEMPT_REASON = "Schedule 12A, paragraph 3 (financial or business affairs)"
EXEMPT_DESCRIPTION = "Hourly cost returns of each named provider."
EXEMPT_SAID = "Provider X pays its care workers 9.18 an hour."

RESOLUTIONS = [
    "THAT the proposal to establish a regional training unit be approved.",
    "THAT the business case be implemented.",
    "THAT the post of Regional Manager be established.",
    "THAT delegated authority be granted to enter into a Partnership Agreement.",
    "THAT the report be referred to the Scrutiny Committee for consideration.",
]
REASONS = [
    "To realise the benefits of regional working.",
    "To enable the implementation of the unit.",
    "To enable capacity to focus on one regional unit.",
    "To ensure the Director can delegate statutory functions.",
    "To keep the Scrutiny Committee informed.",
]


def entry_at(item, recommendation, **entry):
    update = ProgressUpdateFactory(
        item=item, given_on=item.meeting.date, organisation=item.meeting.committee.council
    )
    return UpdateEntryFactory(update=update, recommendation=recommendation, **entry)


def build_meeting(committee, size: int):
    """Two meetings of the commission, January and May 2021, and at May: standard items, a
    review's update (item 7), an exempt item (8) and a Cabinet reference (9), with ``size``
    recommendations tracked and actions agreed in January falling due."""
    january = MeetingFactory(committee=committee, date=JANUARY)
    may = MeetingFactory(
        committee=committee,
        date=MAY,
        start_time=datetime.time(17, 30),
        venue="Meeting Room G.01, City Hall",
    )
    review = ReviewFactory(committee=committee, title="Social Care External Workforce")
    recs = [
        RecommendationFactory(
            review=review,
            reference=n,
            title=f"Recommendation heading {n}",
            text=f"That the council acts on point {n}.",
            response=Response.ACCEPTED,
        )
        for n in range(1, size + 1)
    ]
    january_item = AgendaItemFactory(meeting=january, number=6, review=review, title="Response")
    for n in (1, 2, 3):
        AgendaItemFactory(
            meeting=may, number=n, title=["Apologies", "Declarations", "Minutes"][n - 1]
        )
    item = AgendaItemFactory(
        meeting=may,
        number=7,
        review=review,
        title="Social Care External Workforce: verbal update",
        description="Members will receive a verbal update.",
    )
    exempt = AgendaItemFactory(
        meeting=may,
        number=8,
        review=review,
        title=EXEMPT_TITLE,
        description=EXEMPT_DESCRIPTION,
        exempt=True,
        exempt_reason=EXEMPT_REASON,
    )
    reference = AgendaItemFactory(meeting=may, number=9, title="Reference from Cabinet")
    decision = ExecutiveDecisionFactory(
        minute_number="C129",
        title="Regional workforce development unit",
        referred_to=committee,
        referred_to_item=reference,
        decided_by__council=committee.council,
    )
    for kind, texts in (
        (DecisionPoint.Kind.RESOLUTION, RESOLUTIONS),
        (DecisionPoint.Kind.REASON, REASONS),
    ):
        for number, text in enumerate(texts, start=1):
            DecisionPointFactory(decision=decision, kind=kind, number=number, text=text)

    for rec in recs:
        entry_at(
            january_item, rec, text=f"January news on {rec.reference}.", new_status=Status.ON_TRACK
        )
    entry_at(
        item,
        recs[0],
        text="A report on career pathways was received today.",
        new_status=Status.SLIPPED,
        revised_target_date=datetime.date(2022, 9, 30),
        reason="The pandemic moved training online.",
    )
    entry_at(exempt, recs[2], text=EXEMPT_SAID, new_status=Status.PAUSED, reason="Fee setting.")
    # After the meeting: the pack must still show the status and update as at 25 May.
    UpdateEntryFactory(
        update=ProgressUpdateFactory(given_on=JUNE, organisation=committee.council),
        recommendation=recs[1],
        text="Later news from June.",
        new_status=Status.ACHIEVED,
        reason="Done in June.",
    )

    AgreedActionFactory(
        meeting=january,
        item=january_item,
        review=review,
        text="That a detailed update report be brought to a future meeting.",
    )
    AgreedActionFactory(
        meeting=january,
        item=january_item,
        review=review,
        text="That the career pathway report be circulated.",
        due_on=datetime.date(2021, 3, 1),
    )
    AgreedActionFactory(
        meeting=january,
        item=january_item,
        review=review,
        text="That the Chair write to the LSCDG.",
        delivered_on=MAY,
        delivered_meeting=may,
    )
    AgreedActionFactory(
        meeting=may, item=exempt, review=review, text="That the cost returns be kept confidential."
    )
    return may, review, recs


def pack_url(meeting, *, pdf=False, full=False) -> str:
    url = reverse(
        "scrutiny:meeting-pack-pdf" if pdf else "scrutiny:meeting-pack", args=[meeting.pk]
    )
    return url + ("?full=1" if full else "")


def pdf_text(content: bytes) -> str:
    """The PDF's words in reading order (pypdf follows the content stream, which WeasyPrint
    writes in document order), spaces squeezed: table cells do not interleave."""
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def pdf_pages(content: bytes) -> list[str]:
    """Each page's text as poppler lays it out (pdftotext -layout), spaces squeezed."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [re.sub(r"[ \t]+", " ", page) for page in pages]


def tracker_text(flat: str, number: int) -> str:
    """A tracker row of a PDF's text (``pdf_text``): from its heading to the next one."""
    start = flat.index(f"Recommendation heading {number} ")
    end = flat.find(f"Recommendation heading {number + 1} ", start)
    return flat[start : end if end != -1 else len(flat)]


def tracker_row(html: str, number: int) -> str:
    start = html.index(f'-recommendation-{number}"')
    return html[start : html.index("</tr>", start)]

"""Meeting packs and review trackers for print and appendices (reads in
scrutiny.selectors.packs, files made in scrutiny.exports)."""

import datetime
import re
from collections import Counter

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from scrutiny.common.pages import refuse
from scrutiny.common.slots import Busy, slot
from scrutiny.exports.pdf import cached_html_to_pdf
from scrutiny.exports.tables import CSV
from scrutiny.exports.xlsx import XLSX, tracker_csv, tracker_xlsx
from scrutiny.models import Meeting, Review
from scrutiny.permissions import can_have_full_pack
from scrutiny.selectors.common import counted_status_rows
from scrutiny.selectors.packs import meeting_pack, review_tracker
from scrutiny.views._common import file_response


def _pack_for(request, pk: int):
    """The public pack (anyone), or with ?full=1 the full pack, which only people who may
    see the council's exempt items get (others 403, anonymous visitors too: the page is
    there for them without ?full=1)."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee__council"), pk=pk)
    full = request.GET.get("full") == "1"
    if full and not can_have_full_pack(request.user, meeting.committee.council_id):
        refuse(
            request.user,
            gettext("Only the council's members and officers may have the full pack."),
            sign_in=False,
        )
    return meeting_pack(meeting=meeting, user=request.user, full=full)


def _pack_links(request, pack, pk: int) -> list[dict]:
    """The pack's other forms: its PDF, and the other pack where the reader may have it."""
    page = reverse("scrutiny:meeting-pack", args=[pk])
    pdf = reverse("scrutiny:meeting-pack-pdf", args=[pk])
    if pack.full:
        return [
            {"label": gettext("Download the full pack as a PDF"), "href": f"{pdf}?full=1"},
            {"label": gettext("View the public pack"), "href": page},
        ]
    links = [{"label": gettext("Download the public pack as a PDF"), "href": pdf}]
    if can_have_full_pack(request.user, pack.council.pk):
        links.append(
            {"label": gettext("View the full pack, with exempt items"), "href": f"{page}?full=1"}
        )
    return links


@require_safe
def meeting_pack_page(request, pk: int):
    """The meeting pack as a web page that prints as the pack (pack.css in print)."""
    pack = _pack_for(request, pk)
    response = render(
        request,
        "scrutiny/meeting_pack.html",
        {"pack": pack, "links": _pack_links(request, pack, pk)},
    )
    if pack.full:
        response["Cache-Control"] = "private, no-store"
    return response


# Seconds an anonymous visitor is asked to wait when every PDF slot is taken.
RETRY_AFTER_SECONDS = 30


def _render_turn():
    """One of the machine's few slots for rendering a PDF (``Busy`` when none comes free
    within ``PDF_RENDER_WAIT`` seconds)."""
    return slot(
        settings.PDF_SLOT_DIR,
        "pdf",
        slots=settings.PDF_RENDERS_AT_ONCE,
        wait=settings.PDF_RENDER_WAIT,
    )


def _busy() -> HttpResponse:
    response = HttpResponse(
        gettext("Many documents are being made just now. Try again in a minute."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _pdf_response(html: str, request, filename: str, *, private: bool) -> HttpResponse:
    """The PDF of a pack template's HTML, rendered once per distinct HTML (the shared
    cache); X-PDF-Cache says "hit" or "miss", for whoever watches the cache work.
    Anonymous visitors' renders take turns (``PDF_RENDERS_AT_ONCE`` on the machine): when
    none comes free the answer is 503 with Retry-After; a cached PDF needs no turn, and
    signed-in people, who are few and known, never wait."""
    turn = None if request.user.is_authenticated else _render_turn
    try:
        pdf, hit = cached_html_to_pdf(html, base_url=request.build_absolute_uri("/"), turn=turn)
    except Busy:
        return _busy()
    response = file_response(pdf, "application/pdf", filename, private=private)
    response["X-PDF-Cache"] = "hit" if hit else "miss"
    return response


@require_safe
def meeting_pack_pdf(request, pk: int):
    """The meeting pack as a tagged A4 PDF, named for the committee, date and kind of pack."""
    pack = _pack_for(request, pk)
    html = render_to_string("scrutiny/meeting_pack_pdf.html", {"pack": pack}, request=request)
    return _pdf_response(html, request, pack.filename("pdf"), private=pack.full)


def _as_at(request) -> datetime.date | None:
    """Today, or the day ?as_at=YYYY-MM-DD names; None when it is not a real date."""
    as_at = request.GET.get("as_at", "").strip()
    if not as_at:
        return timezone.localdate()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_at):
        return None
    try:
        return datetime.date.fromisoformat(as_at)
    except ValueError:
        return None


def _tracker_for(request, pk: int):
    """A review's tracker as the user sees the review page (drafts 404 outside their council),
    as at today or ?as_at=YYYY-MM-DD; None when the date is not a real one."""
    review = get_object_or_404(
        Review.objects.visible_to(request.user).select_related("committee__council"), pk=pk
    )
    day = _as_at(request)
    if day is None:
        return None
    return review_tracker(review=review, user=request.user, as_at=day)


def _bad_as_at() -> HttpResponse:
    return HttpResponse(
        gettext(
            "The as_at date must be a real date written as YYYY-MM-DD, for example 2021-05-25."
        ),
        status=400,
        content_type="text/plain; charset=utf-8",
    )


@require_safe
def review_tracker_pdf(request, pk: int):
    """A review's tracker on its own as a tagged A4 PDF, for appendices."""
    tracker = _tracker_for(request, pk)
    if tracker is None:
        return _bad_as_at()
    counts = Counter(rec.status for rec in tracker.recommendations)
    html = render_to_string(
        "scrutiny/review_tracker_pdf.html",
        {"tracker": tracker, "status_rows": counted_status_rows(counts)},
        request=request,
    )
    return _pdf_response(html, request, tracker.filename("pdf"), private=True)


@require_safe
def review_tracker_xlsx(request, pk: int):
    """A review's tracker on its own as a spreadsheet, for appendices."""
    tracker = _tracker_for(request, pk)
    if tracker is None:
        return _bad_as_at()
    return file_response(tracker_xlsx(tracker), XLSX, tracker.filename("xlsx"), private=True)


@require_safe
def review_tracker_csv(request, pk: int):
    """A review's tracker on its own as CSV, in the columns the tracker import reads."""
    tracker = _tracker_for(request, pk)
    if tracker is None:
        return _bad_as_at()
    response = file_response(tracker_csv(tracker), CSV, tracker.filename("csv"), private=True)
    response["Content-Disposition"] = f'attachment; filename="{tracker.filename("csv")}"'
    return response

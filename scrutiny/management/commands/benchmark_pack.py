"""How long the meeting pack takes, as a page and as a PDF (rendered, and again from the
shared cache), for a meeting with 150 tracked recommendations. Not a test: it prints
figures. It builds its data in a throwaway database, as the test runner does (an in-memory
one on SQLite, test_<name> on PostgreSQL), so the real database is never touched.

    uv run manage.py benchmark_pack [--recommendations 150] [--runs 5]
"""

from __future__ import annotations

import datetime
import io
import statistics
import time

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings

from partnerships.models import Organisation
from recommendations.models import (
    ProgressUpdate,
    Recommendation,
    Response,
    Status,
    UpdateEntry,
    UpdateKind,
)
from recommendations.services import timeline_rebuild
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Review,
)

PREVIOUS = datetime.date(2021, 1, 19)
MEETING = datetime.date(2021, 5, 25)
LATER = datetime.date(2021, 7, 1)
WORDS = (
    "The council and its partners will work with providers to improve the recruitment, "
    "retention and training of the external care workforce, reporting progress to the "
    "commission."
)


def build(recommendations: int, reviews: int) -> Meeting:
    """A commission with a previous meeting and this one: ``reviews`` reviews sharing
    ``recommendations`` recommendations, each on an item of this meeting, updated at the
    previous meeting, at this one (some) and after it (some); a Cabinet reference with five
    resolutions and reasons; agreed actions due, overdue and delivered; an exempt item."""
    council = Organisation.objects.create(name="Benchmark City Council", short_name="BCC")
    partner = Organisation.objects.create(
        name="Benchmark Care Development Group", short_name="BCDG", kind="partnership"
    )
    committee = Committee.objects.create(
        council=council, name="Adult Social Care Scrutiny Commission", chair="Cllr A Chair"
    )
    cabinet = Committee.objects.create(council=council, name="Cabinet", kind="cabinet")
    previous = Meeting.objects.create(
        committee=committee, date=PREVIOUS, start_time=datetime.time(17, 30), venue="City Hall"
    )
    meeting = Meeting.objects.create(
        committee=committee, date=MEETING, start_time=datetime.time(17, 30), venue="City Hall"
    )
    for number, title in enumerate(["Apologies", "Declarations of interest", "Minutes"], 1):
        AgendaItem.objects.create(meeting=meeting, number=number, title=title)

    per_review = -(-recommendations // reviews)
    recs: list[Recommendation] = []
    for r in range(reviews):
        review = Review.objects.create(
            committee=committee,
            title=f"Scrutiny review {r + 1}",
            report_title=f"Report of scrutiny review {r + 1}",
            lead_member="Cllr B Member",
            status=Review.Status.MONITORING,
            report_agreed_on=datetime.date(2020, 10, 1),
            response_received_on=PREVIOUS,
            response_meeting=previous,
        )
        previous_item = AgendaItem.objects.create(
            meeting=previous,
            number=10 + r,
            title=f"Executive response: review {r + 1}",
            review=review,
        )
        item = AgendaItem.objects.create(
            meeting=meeting,
            number=10 + r,
            title=f"Scrutiny review {r + 1}: progress on the recommendations",
            description="A written update on each recommendation.\n\n" + WORDS,
            review=review,
        )
        count = min(per_review, recommendations - len(recs))
        Recommendation.objects.bulk_create(
            Recommendation(
                review=review,
                reference=str(n),
                title=f"Recommendation {n} of review {r + 1}",
                text=WORDS,
                response=Response.ACCEPTED,
                response_text="Accepted. " + WORDS,
                lead_officer="Director of Adult Social Care and Commissioning",
                target_date=datetime.date(2022, 3, 31),
            )
            for n in range(1, count + 1)
        )
        made = list(Recommendation.objects.filter(review=review).order_by("sort_key"))
        through = Recommendation.responsible_bodies.through
        through.objects.bulk_create(
            [
                through(recommendation=rec, organisation=o)
                for rec in made
                for o in (council, partner)
            ]
        )
        before = ProgressUpdate.objects.create(
            given_on=PREVIOUS,
            kind=UpdateKind.WRITTEN,
            organisation=council,
            given_by_role="Director",
            item=previous_item,
        )
        at = ProgressUpdate.objects.create(
            given_on=MEETING,
            kind=UpdateKind.VERBAL,
            organisation=partner,
            given_by_role="Representative",
            item=item,
            summary=WORDS,
        )
        after = ProgressUpdate.objects.create(
            given_on=LATER, kind=UpdateKind.WRITTEN, organisation=council, given_by_role="Director"
        )
        entries = [
            UpdateEntry(update=before, recommendation=rec, text=WORDS, new_status=Status.ON_TRACK)
            for rec in made
        ]
        entries += [
            UpdateEntry(
                update=at,
                recommendation=rec,
                text="What was said at the meeting. " + WORDS,
                new_status=Status.SLIPPED if int(rec.reference) % 3 == 0 else "",
                revised_target_date=datetime.date(2022, 9, 30)
                if int(rec.reference) % 3 == 0
                else None,
                reason="Staff were redeployed." if int(rec.reference) % 3 == 0 else "",
            )
            for rec in made
            if int(rec.reference) % 2 == 0
        ]
        entries += [
            UpdateEntry(
                update=after,
                recommendation=rec,
                text="Later news.",
                new_status=Status.PAUSED,
                reason="Later.",
            )
            for rec in made
            if int(rec.reference) % 5 == 0
        ]
        UpdateEntry.objects.bulk_create(entries)
        AgreedAction.objects.create(
            meeting=previous,
            item=previous_item,
            review=review,
            text="That a detailed update report be brought to a future meeting.",
        )
        AgreedAction.objects.create(
            meeting=previous,
            item=previous_item,
            review=review,
            text="That the career pathway report be circulated.",
            due_on=datetime.date(2021, 3, 1),
        )
        recs += made

    # The bulk inserts bypass the services that keep the status timeline: rebuild it, or
    # every recommendation in the pack reads as not started.
    timeline_rebuild(recommendations=recs)
    reference = AgendaItem.objects.create(
        meeting=meeting, number=30, title="Reference from Cabinet"
    )
    decision = ExecutiveDecision.objects.create(
        decided_by=cabinet,
        minute_number="C129",
        decided_on=datetime.date(2021, 4, 1),
        title="A regional workforce development unit",
        summary=WORDS,
        referred_to=committee,
        referred_to_item=reference,
    )
    DecisionPoint.objects.bulk_create(
        DecisionPoint(decision=decision, kind=kind, number=n, text=f"{kind} {n}: " + WORDS)
        for kind in DecisionPoint.Kind.values
        for n in range(1, 6)
    )
    AgendaItem.objects.create(
        meeting=meeting,
        number=31,
        title="Provider cost information",
        exempt=True,
        exempt_reason="Schedule 12A, paragraph 3",
    )
    return meeting


BENCHMARK_CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    }
}


def _page_count(pdf: bytes) -> str:
    try:
        from pypdf import PdfReader  # a development dependency
    except ImportError:
        return "unknown"
    return str(len(PdfReader(io.BytesIO(pdf)).pages))


def _timed(call, runs: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return times, result


class Command(BaseCommand):
    help = (
        "Time the meeting pack (HTML page and PDF) for a meeting with 150 tracked "
        "recommendations, in a throwaway database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--recommendations", type=int, default=150)
        parser.add_argument("--reviews", type=int, default=5)
        parser.add_argument("--runs", type=int, default=5)

    # RequestFactory's host is "testserver", which the deployment's ALLOWED_HOSTS need not list.
    # The PDFs are kept in the throwaway database's cache table, whatever DJANGO_CACHE_URL
    # names: the benchmark clears it between runs.
    @override_settings(ALLOWED_HOSTS=["testserver"], CACHES=BENCHMARK_CACHES)
    def handle(self, *args, recommendations: int, reviews: int, runs: int, **options):
        from scrutiny.views import packs as views

        old_name = connection.settings_dict["NAME"]
        if connection.vendor != "sqlite":
            # Not test_<name>: a test run may be using that one right now.
            test = connection.settings_dict.setdefault("TEST", {})
            test["NAME"] = f"benchmark_pack_{old_name}"
        self.stdout.write("Creating a throwaway database…")
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            meeting = build(recommendations, reviews)
            factory = RequestFactory()

            def get(view, path):
                request = factory.get(path)
                request.user = AnonymousUser()
                response = view(request, pk=meeting.pk)
                assert response.status_code == 200, response.status_code
                return response

            html_path = f"/meetings/{meeting.pk}/pack/"
            pdf_path = f"/meetings/{meeting.pk}/pack.pdf"
            with CaptureQueriesContext(connection) as queries:
                get(views.meeting_pack_page, html_path)
            html_times, html = _timed(lambda: get(views.meeting_pack_page, html_path), runs)

            def rendered():
                # Each timed PDF is rendered: the cached one is timed apart below.
                cache.clear()
                response = get(views.meeting_pack_pdf, pdf_path)
                assert response["X-PDF-Cache"] == "miss"
                return response

            # The first PDF of a process also loads the fonts and parses the stylesheet.
            first, _ = _timed(rendered, 1)
            pdf_times, pdf = _timed(rendered, runs)
            cached_times, _ = _timed(lambda: get(views.meeting_pack_pdf, pdf_path), runs)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

        pages = _page_count(pdf.content)
        self.stdout.write(
            f"Meeting pack for {recommendations} tracked recommendations in {reviews} reviews "
            f"({runs} runs each):"
        )
        self.stdout.write(
            f"  HTML page: median {statistics.median(html_times):.3f} s, "
            f"min {min(html_times):.3f} s, {len(queries)} queries, {len(html.content) // 1024} KiB"
        )
        self.stdout.write(
            f"  PDF:       median {statistics.median(pdf_times):.3f} s, "
            f"min {min(pdf_times):.3f} s (first in this process {first[0]:.3f} s), "
            f"{pages} pages, {len(pdf.content) // 1024} KiB"
        )
        self.stdout.write(
            f"  PDF again: median {statistics.median(cached_times):.3f} s "
            "(kept in the shared cache, not rendered again)"
        )
        verdict = "under" if statistics.median(pdf_times) < 3 else "OVER"
        self.stdout.write(f"  The PDF takes {verdict} 3 seconds.")

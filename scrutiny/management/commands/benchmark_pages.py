"""Each key page's query count, SQL time and total time, read through Django's test client
against the configured database (one filled by ``generate_world``), as the public and as
the first council's democratic services. Not a test: it prints figures. The load script
(tests/load/run.sh) asks it for the pages (``--list``) and a signed-in session
(``--session``), so both measure the same pages.

    uv run manage.py benchmark_pages [--runs 3] [--only home,search]
    uv run manage.py benchmark_pages --list
    uv run manage.py benchmark_pages --session democratic
"""

from __future__ import annotations

import statistics
import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from partnerships.models import Organisation, User
from recommendations.selectors import recommendations_to_list
from scrutiny.benchmarking.base import HISTORY_END
from scrutiny.models import Meeting, Review


def key_pages() -> list[tuple[str, str]]:
    """(name, URL) of the pages measured: the trivial one first, then the key pages, with
    the busiest partner body, meeting and review of the generated world."""
    partner = (
        Organisation.objects.exclude(kind=Organisation.Kind.COUNCIL)
        .annotate(n=Count("recommendations"))
        .order_by("-n", "pk")
        .first()
    )
    meeting = (
        Meeting.objects.filter(date__lte=HISTORY_END)
        .annotate(n=Count("items__updates", filter=Q(items__exempt=False)))
        .order_by("-n", "-date", "pk")
        .first()
    )
    review = (
        Review.objects.filter(published=True)
        .annotate(n=Count("recommendations"))
        .order_by("-n", "pk")
        .first()
    )
    if not (partner and meeting and review):
        raise CommandError("No generated world here: run generate_world first.")
    recommendations = reverse("recommendations:recommendation-list")
    # A keyset page as late as ?page=190: the next page after the 9,450th recommendation.
    late = recommendations_to_list(AnonymousUser()).values_list("pk", flat=True)[9449:9450]
    return [
        ("trivial", reverse("scrutiny:health")),
        ("home", reverse("scrutiny:home")),
        ("list", recommendations),
        ("list_p190", recommendations + "?page=190"),
        ("list_late", recommendations + f"?after={late[0] if late else ''}"),
        ("partner", reverse("partnerships:organisation-detail", args=[partner.pk])),
        ("search", reverse("scrutiny:search") + "?q=workforce"),
        ("meeting", reverse("scrutiny:meeting-detail", args=[meeting.pk])),
        ("pack", reverse("scrutiny:meeting-pack", args=[meeting.pk])),
        (
            "work_programme",
            reverse("scrutiny:committee-work-programme", args=[meeting.committee_id]),
        ),
        ("review", reverse("scrutiny:review-detail", args=[review.pk])),
    ]


def measure(client: Client, url: str, runs: int) -> dict:
    """The page's status, query count and SQL time (of the last run) and median time."""
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
    return {
        "status": response.status_code,
        "queries": len(queries),
        "sql_ms": sum(float(q["time"]) for q in queries.captured_queries) * 1000,
        "page_ms": statistics.median(times) * 1000,
        "kib": len(response.content) // 1024,
    }


class Command(BaseCommand):
    help = "Query count, SQL time and time of each key page, as the public and signed in."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=1, help="Runs per page (median).")
        parser.add_argument("--only", default="", help="Comma-separated page names.")
        parser.add_argument(
            "--as", dest="username", default="democratic", help="Signed in as (or 'none')."
        )
        parser.add_argument("--list", action="store_true", help="Print name and URL per page.")
        parser.add_argument(
            "--session", metavar="USERNAME", help="Sign USERNAME in; print the session cookie."
        )

    # The test client's host is "testserver", which the deployment's ALLOWED_HOSTS need not
    # list; plain http, as the test client speaks.
    @override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False)
    def handle(self, *args, runs: int, only: str, username: str, list: bool, session, **opts):
        if session:
            self.stdout.write(self.client_for(session).cookies[settings.SESSION_COOKIE_NAME].value)
            return
        pages = key_pages()
        if list:
            for name, url in pages:
                self.stdout.write(f"{name}\t{url}")
            return
        wanted = set(filter(None, only.split(",")))
        pages = [(name, url) for name, url in pages if not wanted or name in wanted]
        self.stdout.write(f"{'page':<15} {'as':<10} status queries  SQL ms  page ms    KiB  url")
        audiences = [("public", Client())]
        if username != "none":
            audiences.append((username, self.client_for(username)))
        for who, client in audiences:
            for name, url in pages:
                m = measure(client, url, runs)
                self.stdout.write(
                    f"{name:<15} {who:<10} {m['status']:>6} {m['queries']:>7} "
                    f"{m['sql_ms']:>7.0f} {m['page_ms']:>8.0f} {m['kib']:>6}  {url}"
                )

    def client_for(self, username: str) -> Client:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}: run generate_world first.")
        client = Client()
        client.force_login(user)
        return client

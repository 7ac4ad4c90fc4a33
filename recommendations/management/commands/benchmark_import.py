"""How long a tracker import takes: reading, previewing and confirming a CSV of 5,000
recommendations, then previewing it again (a no-op). Not a test: it prints the time and
rows per second of each step. Its data is made in a throwaway database, as the test runner
does (in memory on SQLite, ``benchmark_import_<name>`` on PostgreSQL), so the real database
is never touched.

    uv run manage.py benchmark_import [--rows 5000] [--reviews 50]
"""

from __future__ import annotations

import io
import time

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection

from partnerships.models import Organisation, OrganisationAlias, Role, User
from recommendations.models import UndatedTargets
from recommendations.services.imports import (
    import_run_confirm,
    import_run_create,
    import_run_map,
    import_run_plan,
)
from scrutiny.models import Committee

HEADINGS = "Ref,Review,Recommendation,Executive response,Lead officer,Partner(s),Target date,"
HEADINGS += "Progress,Date of update"


def tracker(rows: int, reviews: int) -> bytes:
    """A CSV as councils save it: a byte order mark, dd/mm/yyyy dates, bodies by name,
    abbreviation and alias, several in a cell."""
    out = io.StringIO()
    out.write("\ufeff" + HEADINGS + "\r\n")
    bodies = ["BCDG", "Benchmark Care Development Group; Skills Board", "BDG", ""]
    for n in range(rows):
        review, ref = n % reviews + 1, n // reviews + 1
        out.write(
            f"R{ref},Benchmark review {review},That the council improves service {n}.,"
            f"Accepted,Head of Service {n % 7},{bodies[n % 4]},31/03/2027,"
            f"Progress on {n}: on course.,14/11/2026\r\n"
        )
    return out.getvalue().encode()


def build() -> tuple[User, Committee]:
    council = Organisation.objects.create(name="Benchmark City Council", short_name="BCC")
    partner = Organisation.objects.create(
        name="Benchmark Care Development Group", short_name="BCDG", kind="partnership"
    )
    OrganisationAlias.objects.create(organisation=partner, name="BDG")
    Organisation.objects.create(name="Skills Board", short_name="", kind="partnership")
    committee = Committee.objects.create(council=council, name="Overview and Scrutiny")
    user = User.objects.create(username="benchmark-clerk", organisation=council)
    user.groups.add(Group.objects.get_or_create(name=Role.DEMOCRATIC_SERVICES.value)[0])
    return user, committee


def _timed(call):
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


class Command(BaseCommand):
    help = "Time a tracker import of 5,000 rows (read, preview, confirm), in a throwaway database."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=5000)
        parser.add_argument("--reviews", type=int, default=50)

    def handle(self, *args, rows: int, reviews: int, **options):
        old_name = connection.settings_dict["NAME"]
        if connection.vendor != "sqlite":
            test = connection.settings_dict.setdefault("TEST", {})
            test["NAME"] = f"benchmark_import_{old_name}"
        self.stdout.write("Creating a throwaway database…")
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            user, committee = build()
            content = tracker(rows, reviews)

            def upload():
                run = import_run_create(
                    actor=user, committee=committee, filename="bench.csv", content=content
                )
                return import_run_map(
                    run=run,
                    actor=user,
                    sheet="",
                    mapping=run.mapping,
                    review_title="",
                    updates_given_on=None,
                    item=None,
                    undated_targets=UndatedTargets.ERROR,
                )

            steps = []
            seconds, run = _timed(upload)
            steps.append(("read and map", seconds))
            seconds, plan = _timed(lambda: import_run_plan(run))
            assert not plan.errors, plan.errors[:5]
            steps.append(("preview", seconds))
            seconds, _summary = _timed(lambda: import_run_confirm(run=run, actor=user))
            steps.append(("confirm", seconds))
            again = upload()
            seconds, plan = _timed(lambda: import_run_plan(again))
            assert plan.count("same") == rows, plan.counts
            steps.append(("preview again (no-op)", seconds))
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        self.stdout.write(
            f"Tracker import of {rows} rows in {reviews} reviews ({connection.vendor}):"
        )
        for name, seconds in steps:
            self.stdout.write(f"  {name:<24} {seconds:7.2f} s  {rows / seconds:8.0f} rows/s")
        total = sum(s for name, s in steps[:3])
        self.stdout.write(f"  upload to imported       {total:7.2f} s  {rows / total:8.0f} rows/s")

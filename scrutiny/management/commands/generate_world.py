"""Fill the configured database with a generated world for measuring pages at scale
(``scrutiny.benchmarking``): a large council (about 10,000 recommendations in 700 reviews,
50,000 update entries, 2,000 meetings, 30 partner bodies), or with ``--national`` 400
councils (about 235,000 recommendations and 1.15 million entries). It refuses a database
that already holds records. Every generated account's password is ``generated-world``.

    uv run manage.py generate_world [--national] [--scale 0.1] [--seed 1]
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from partnerships.models import Organisation, User
from recommendations.models import ProgressUpdate, Recommendation
from scrutiny.benchmarking import LARGE, NATIONAL, PASSWORD, analyze, generate
from scrutiny.models import Committee, Meeting, Review

CHECKED = [Organisation, User, Committee, Meeting, Review, Recommendation, ProgressUpdate]


def refusal() -> str | None:
    """Why the database cannot take a generated world, or None when it is empty."""
    held = [
        f"{n} {model._meta.verbose_name_plural}"
        for model in CHECKED
        if (n := model._base_manager.count())
    ]
    if not held:
        return None
    return (
        f"The database already holds {', '.join(held)}. generate_world fills an empty "
        "database only: create a new one (createdb, then migrate) or point DATABASE_URL "
        "at one."
    )


class Command(BaseCommand):
    help = "Fill an empty database with a generated large council (or, --national, 400)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--national", action="store_true", help="400 councils instead of one large one."
        )
        parser.add_argument(
            "--scale", type=float, default=1.0, help="A fraction (or multiple) of the size."
        )
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same world.")

    def handle(self, *args, national: bool, scale: float, seed: int, **options):
        if scale <= 0:
            raise CommandError("--scale must be above 0.")
        reason = refusal()
        if reason:
            raise CommandError(reason)
        size = (NATIONAL if national else LARGE).scaled(scale)
        self.stdout.write(f"Generating {size} with seed {seed}…")
        started = time.perf_counter()
        counts = generate(size, seed, progress=lambda message: self.stdout.write(message))
        analyze()
        seconds = time.perf_counter() - started
        counts.pop("seconds", None)
        for name, n in counts.items():
            self.stdout.write(f"  {n:>10,} {name}")
        self.stdout.write(
            f"Generated in {seconds:.1f} s. Accounts: admin, democratic, officer, councillor, "
            f"partner (and c2-democratic, p2-partner…), password {PASSWORD!r}."
        )

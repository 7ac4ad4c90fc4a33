"""Rebuild every recommendation's status timeline from its update entries."""

import time

from django.core.management.base import BaseCommand

from recommendations.services import TIMELINE_BATCH, timeline_rebuild


class Command(BaseCommand):
    help = (
        "Rewrite every recommendation's status timeline (StatusPeriod) from its update "
        "entries, in batches, in one transaction. Safe to run at any time: the entries are "
        "the source of truth."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=TIMELINE_BATCH,
            help=f"Recommendations read and written at a time (default {TIMELINE_BATCH}).",
        )

    def handle(self, *args, batch_size: int, **options):
        started = time.monotonic()
        written = timeline_rebuild(batch_size=batch_size)
        self.stdout.write(f"Wrote {written} status periods in {time.monotonic() - started:.1f} s.")

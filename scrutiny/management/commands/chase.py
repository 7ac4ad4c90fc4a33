"""``manage.py chase``: the daily chase (reminders and digests), run once a day by cron or
a systemd timer. Idempotent: running it again the same day (or week) sends nothing twice."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from scrutiny.services.chase import chase_run


class Command(BaseCommand):
    help = "Queue today's reminders and digests (once a day; a second run sends nothing twice)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            default=None,
            help="Run as on this day (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args, date: datetime.date | None, verbosity: int, **options):
        today = date or timezone.localdate()
        queued = chase_run(today=today)
        if verbosity:
            for name, count in queued.items():
                self.stdout.write(f"{name}: {count}")

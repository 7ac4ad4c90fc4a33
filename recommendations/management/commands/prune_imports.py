"""Delete the files of tracker uploads imported, or left unimported, more than
TRACKER_IMPORT_KEEP_DAYS days ago; each run's record (who, when, what it did) stays."""

from django.conf import settings
from django.core.management.base import BaseCommand

from recommendations.services.imports import import_runs_prune


class Command(BaseCommand):
    help = "Delete the files of old tracker uploads (imported or left), keeping their records."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep files this many days (default: TRACKER_IMPORT_KEEP_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        days = settings.TRACKER_IMPORT_KEEP_DAYS if days is None else days
        pruned = import_runs_prune(days=days)
        self.stdout.write(f"Deleted the files of {pruned} tracker uploads older than {days} days.")

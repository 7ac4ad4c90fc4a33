"""``manage.py demo [ADDRPORT]``: a working tracker with demo data in one command.

manage.py turns DEBUG on before settings load when the command is ``demo``, so it runs on a
fresh machine with no configuration (the dev-only secret, plain static files); the database
is the SQLite file beside manage.py unless DATABASE_URL names another.
"""

from __future__ import annotations

import datetime
import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from scrutiny.demo import demo_load
from scrutiny.services.chase import chase_weekly_digest
from scrutiny.translations import compile_translations

DEFAULT_ADDRPORT = "127.0.0.1:8000"


def _site_url(addrport: str) -> str:
    """Where a browser on this machine reaches the server runserver will start."""
    host, _, port = addrport.rpartition(":")
    host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "[::]": "[::1]"}.get(host, host)
    return f"http://{host}:{port}/"


def _database_label() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        where = f"SQLite file {db['NAME']}"
    else:
        where = f"{connection.display_name} database {db['NAME']!r}"
        if db.get("HOST"):
            where += f" on {db['HOST']}"
    if os.environ.get("DATABASE_URL"):
        return f"{where} (from DATABASE_URL)"
    return where


class Command(BaseCommand):
    help = (
        "Migrate the database, load the demo data and accounts (again without duplicates), "
        "print the accounts, then serve like runserver."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport", nargs="?", default=DEFAULT_ADDRPORT, help="Port or ipaddr:port to serve on."
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Only migrate and load the demo data; do not start the server.",
        )

    def handle(self, *args, addrport: str, no_serve: bool, verbosity: int, **options):
        if addrport.isdigit():
            addrport = f"127.0.0.1:{addrport}"
        self.stdout.write(f"Database: {_database_label()}")
        # Migration chatter would push the accounts off the screen; -v 2 shows it.
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        self.stdout.write("Database migrated.")
        # The Welsh pages (/cy/) need the compiled catalogue, which is not committed.
        if compile_translations():
            self.stdout.write("Welsh translations compiled.")

        result = demo_load()
        created = sum(result["created"].values())
        if created:
            detail = ", ".join(f"{what} {n}" for what, n in sorted(result["created"].items()))
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: created {detail}."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo data already loaded: nothing to add."))

        # This week's digest (as on its Monday, once a week like `chase` itself), so that a
        # new user sees the reminders: printed on the console (email in DEBUG), and listed
        # on /outbox/ for the `democratic` and `admin` accounts. No worker is needed: DEBUG
        # runs tasks at once (TASKS_BACKEND).
        today = timezone.localdate()
        digests = chase_weekly_digest(today - datetime.timedelta(days=today.weekday()))
        self.stdout.write(
            f"Weekly digests emailed: {digests} (this week's were sent already)."
            if not digests
            else f"Weekly digests emailed: {digests} (see /outbox/ as democratic)."
        )
        self.stdout.write("")
        self.stdout.write(self._accounts_table(result["accounts"]))
        self.stdout.write("")
        url = _site_url(addrport)
        if no_serve:
            self.stdout.write(f"Serve it with: manage.py demo {addrport}")
            return
        self.stdout.write(
            f"Open {url} and sign in at {url}accounts/login/ with any account above; "
            f"the Django admin is at {url}admin/ (account admin)."
        )
        if not settings.DEBUG:
            self.stdout.write(
                self.style.WARNING(
                    "DEBUG is off, so static files will not be served: run "
                    "`uv run manage.py demo` (it turns DEBUG on) or set DJANGO_DEBUG=true."
                )
            )
        self.stdout.write("")
        # runserver never returns: show the accounts now even when output goes to a file.
        self.stdout.flush()
        # No autoreloader: it would restart the process, migrating and loading twice.
        call_command("runserver", addrport, use_reloader=False)

    def _accounts_table(self, accounts: list[dict[str, str]]) -> str:
        header = {
            "username": "Username",
            "role": "Role",
            "organisation": "Organisation",
            "password": "Password",
        }
        rows = [header] + [
            {**a, "organisation": a["organisation"] or "(all councils)"} for a in accounts
        ]
        widths = {k: max(len(r[k]) for r in rows) for k in header}
        lines = ["  ".join(r[k].ljust(widths[k]) for k in header).rstrip() for r in rows]
        lines.insert(1, "  ".join("-" * widths[k] for k in header))
        return "Demo accounts:\n" + "\n".join(lines)

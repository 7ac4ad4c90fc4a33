"""How far confirming a tracker import has got, for the page waiting on it.

Rules: the import is one transaction, so what it writes is seen by no other request until
it ends; its progress is therefore written through a database connection of its own, in
autocommit, to ``ImportProgress`` (a row per run, no foreign key, so no write waits for the
import's lock on its run), at most every ``EVERY`` seconds, and the row is removed when the
import ends, done or failed. Progress is a courtesy: a write that waits more than
``LOCK_TIMEOUT`` or fails stops the reporting, never the import. Only on PostgreSQL: SQLite
lets one connection write at a time and the import's transaction is that one, so there no
progress is written (the page says the import may take a while; its button submits once).
"""

from __future__ import annotations

import time

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.utils.translation import gettext

from recommendations.models import ImportProgress

EVERY = 0.5  # seconds
LOCK_TIMEOUT = "2s"


class ProgressReporter:
    """``with ProgressReporter(run_id, total) as progress: progress.advance(n)``."""

    def __init__(self, run_id: int, total: int):
        self.run_id, self.total, self.done, self.stage = run_id, total, 0, "rows"
        self.side = None
        self.written_at = 0.0

    def __enter__(self) -> ProgressReporter:
        if connection.vendor == "postgresql":
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)
            self._run(["SELECT set_config('lock_timeout', %s, false)", [LOCK_TIMEOUT]])
            self._write()
        return self

    def _run(self, *statements) -> None:
        """Run ``statements`` on the side connection; on any failure, stop reporting."""
        if self.side is None:
            return
        try:
            with self.side.cursor() as cursor:
                for sql, params in statements:
                    cursor.execute(sql, params)
        except DatabaseError:
            self.side.close()
            self.side = None

    def advance(self, rows: int, stage: str = "rows") -> None:
        self.done, self.stage = min(self.done + rows, self.total), stage
        if time.monotonic() - self.written_at >= EVERY:
            self._write()

    def _write(self) -> None:
        table = ImportProgress._meta.db_table
        self._run(
            [
                f"INSERT INTO {table} (run_id, stage, done, total, updated_at) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, now()) ON CONFLICT (run_id) DO UPDATE SET "
                "stage = EXCLUDED.stage, done = EXCLUDED.done, total = EXCLUDED.total, "
                "updated_at = EXCLUDED.updated_at",
                [self.run_id, self.stage, self.done, self.total],
            ]
        )
        self.written_at = time.monotonic()

    def __exit__(self, *exc) -> None:
        table = ImportProgress._meta.db_table
        self._run([f"DELETE FROM {table} WHERE run_id = %s", [self.run_id]])  # noqa: S608
        if self.side is not None:
            self.side.close()


def progress_message(progress: ImportProgress | None) -> str:
    """What the waiting page says (its live region reads it out)."""
    if progress is None:
        return gettext("Importing…")
    if progress.stage == "updates":
        return gettext("Importing… %(done)s of %(total)s rows: recording the progress updates") % {
            "done": progress.done,
            "total": progress.total,
        }
    return gettext("Importing… %(done)s of %(total)s rows") % {
        "done": progress.done,
        "total": progress.total,
    }

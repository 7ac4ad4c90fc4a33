"""What a load balancer asks before it sends a node requests: can this process reach its
database, and does the database hold every migration this release has on disk (a node of a
new release must not serve before ``migrate`` ran, nor one of an old release after a
migration it does not know); and, where tasks go to the database worker, is a worker taking
them (a task left waiting longer than ``WORKER_STALE_MINUTES`` says none is)."""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Q
from django.utils import timezone


@cache
def _release_migrations() -> frozenset[tuple[str, str]]:
    """Every migration on disk, read once per process: the release does not change under it."""
    from django.db.migrations.loader import MigrationLoader

    return frozenset(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _uses_database_worker() -> bool:
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def worker_check() -> str:
    """ "ok" when no task ready to run has waited longer than ``WORKER_STALE_MINUTES``
    (one indexed query), else how long the oldest has waited: no worker is taking them."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    cutoff = timezone.now() - timedelta(minutes=settings.WORKER_STALE_MINUTES)
    try:
        oldest = (
            DBTaskResult.objects.filter(status="READY")
            .filter(Q(run_after__lte=cutoff) | Q(run_after=get_date_max(), enqueued_at__lte=cutoff))
            .order_by("enqueued_at")
            .values_list("enqueued_at", flat=True)
            .first()
        )
    except DatabaseError:
        return "unknown"
    if oldest is None:
        return "ok"
    minutes = int((timezone.now() - oldest).total_seconds() // 60)
    return f"a task has waited {minutes} minutes"


def health_checks() -> dict[str, str]:
    """Each check's outcome, "ok" or what is wrong, in one query (two where tasks go to the
    database worker)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = {(app, name) for app, name in cursor.fetchall()}
    except DatabaseError:
        return {"database": "unreachable", "migrations": "unknown"}
    # Migrations applied that this release does not know are a newer release's, mid
    # deployment: additive first, so this node still works and may serve.
    unapplied = len(_release_migrations() - applied)
    checks = {
        "database": "ok",
        "migrations": f"{unapplied} not applied" if unapplied else "ok",
    }
    if _uses_database_worker():
        checks["worker"] = worker_check()
    return checks

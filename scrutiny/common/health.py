"""What a load balancer asks before it sends a node requests: can this process reach its
database, and does the database hold every migration this release has on disk (a node of a
new release must not serve before ``migrate`` ran, nor one of an old release after a
migration it does not know)."""

from __future__ import annotations

from functools import cache

from django.db import DatabaseError, connection


@cache
def _release_migrations() -> frozenset[tuple[str, str]]:
    """Every migration on disk, read once per process: the release does not change under it."""
    from django.db.migrations.loader import MigrationLoader

    return frozenset(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def health_checks() -> dict[str, str]:
    """Each check's outcome, "ok" or what is wrong, in one query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = {(app, name) for app, name in cursor.fetchall()}
    except DatabaseError:
        return {"database": "unreachable", "migrations": "unknown"}
    # Migrations applied that this release does not know are a newer release's, mid
    # deployment: additive first, so this node still works and may serve.
    unapplied = len(_release_migrations() - applied)
    return {
        "database": "ok",
        "migrations": f"{unapplied} not applied" if unapplied else "ok",
    }

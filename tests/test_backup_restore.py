"""The backup in docs/backup.md restores: the demo data (and a signed-in session) dumped
with ``pg_dump --format=custom``, restored into a new empty database with
``pg_restore --no-owner --exit-on-error``, holds every row of every table (the apps',
their history, auth, sessions, migrations) and every sequence where it was, and the app's
``manage.py migrate --check`` finds nothing to apply. PostgreSQL only: the backup is
PostgreSQL's own tools."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from axes.models import AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from partnerships.models import Organisation
from recommendations.models import Recommendation, UpdateEntry
from scrutiny.demo import demo_load
from scrutiny.models import Review

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="backup and restore use PostgreSQL's pg_dump and pg_restore: run the tests "
        "with DATABASE_URL=postgres://... to test them",
    ),
    # Committed rows, so that pg_dump (another connection) sees them.
    pytest.mark.django_db(transaction=True),
]


def server_major() -> int:
    return connection.pg_version // 10000


def client_program(name: str) -> str:
    """PostgreSQL's client program ``name`` of the server's major version where Debian
    keeps it, else the one on PATH; it must be at least the server's version (pg_dump
    refuses to dump a newer server)."""
    major = server_major()
    for candidate in (f"/usr/lib/postgresql/{major}/bin/{name}", shutil.which(name)):
        if candidate and os.access(candidate, os.X_OK):
            out = subprocess.run([candidate, "--version"], capture_output=True, text=True)
            found = re.search(r"(\d+)(?:\.\d+)?", out.stdout)
            if found and int(found[1]) >= major:
                return candidate
    pytest.fail(
        f"{name} {major} or later is needed (Debian: apt-get install postgresql-client-{major})"
    )


def connection_args() -> tuple[list[str], dict[str, str]]:
    """The test database's host, port and user as client options, its password in the
    environment (never on a command line)."""
    s = connection.settings_dict
    args = []
    if s["HOST"]:
        args += ["--host", s["HOST"]]
    if s["PORT"]:
        args += ["--port", str(s["PORT"])]
    if s["USER"]:
        args += ["--username", s["USER"]]
    env = {**os.environ}
    if s["PASSWORD"]:
        env["PGPASSWORD"] = s["PASSWORD"]
    return args, env


def run(name: str, *args: str) -> None:
    options, env = connection_args()
    result = subprocess.run(
        [client_program(name), *options, "--no-password", *args],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, f"{name} failed: {result.stderr}"


def open_database(name: str):
    s = connection.settings_dict
    return psycopg2.connect(
        dbname=name,
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        user=s["USER"] or None,
        password=s["PASSWORD"] or None,
    )


def database_url(name: str) -> str:
    """The test database's DATABASE_URL with another database name."""
    s = connection.settings_dict
    login = quote(s["USER"] or "", safe="")
    if s["PASSWORD"]:
        login += ":" + quote(s["PASSWORD"], safe="")
    where = (s["HOST"] or "") + (f":{s['PORT']}" if s["PORT"] else "")
    return f"postgres://{login}@{where}/{name}"


TABLES = """
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = %s ORDER BY c.relname
"""
PRIMARY_KEY = """
    SELECT a.attname FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = %s::regclass AND i.indisprimary ORDER BY a.attname
"""


def contents(database) -> dict[str, object]:
    """Every table's column names and rows in primary key order, and every sequence's
    position."""
    found: dict[str, object] = {}
    with database.cursor() as cursor:
        cursor.execute(TABLES, ["r"])
        tables = [row[0] for row in cursor.fetchall()]
        for table in tables:
            cursor.execute(PRIMARY_KEY, [f'"{table}"'])
            key = [row[0] for row in cursor.fetchall()]
            assert key, f"{table} has no primary key to order its rows by"
            order = ", ".join(f'"{column}"' for column in key)
            # The names come from the catalogue, not from anyone's input.
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY {order}')
            found[table] = ([d.name for d in cursor.description], cursor.fetchall())
        cursor.execute(TABLES, ["S"])
        for (sequence,) in cursor.fetchall():
            cursor.execute(f'SELECT last_value, is_called FROM "{sequence}"')
            found[f"sequence {sequence}"] = cursor.fetchone()
    return found


def test_a_custom_format_dump_restores_every_row_into_an_empty_database(client, tmp_path):
    demo_load()
    # A signed-in session and the sign-in's records, so that those tables hold rows too.
    signed_in = client.post(
        "/accounts/login/", {"username": "democratic", "password": "scrutiny-demo"}
    )
    assert signed_in.status_code == 302
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restored_{os.getpid()}"
    dump = tmp_path / "scrutiny.dump"

    run("pg_dump", "--format=custom", f"--file={dump}", f"--dbname={source}")
    run("dropdb", "--if-exists", restored)
    run("createdb", "--template=template0", restored)
    try:
        run("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", str(dump))

        before = contents(connection.connection)
        copy = open_database(restored)
        try:
            after = contents(copy)
        finally:
            copy.close()
        assert sorted(after) == sorted(before)
        for table, (columns, rows) in before.items():
            assert after[table] == (columns, rows), f"{table} differs after restoring"
        for model in [
            get_user_model(),
            Group,
            Session,
            AccessLog,
            MigrationRecorder.Migration,
            Organisation,
            Review,
            Review.history.model,
            Recommendation,
            Recommendation.history.model,
            UpdateEntry,
        ]:
            table = model._meta.db_table
            assert before[table][1], f"{table} is empty: the test would prove little"

        check = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check", "--settings=tests.settings"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "DATABASE_URL": database_url(restored)},
        )
        assert check.returncode == 0, check.stdout + check.stderr
    finally:
        run("dropdb", "--if-exists", restored)

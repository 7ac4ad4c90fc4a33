"""Confirming a large import reports how far it has got where another request can read it
while the import's one transaction is still open (PostgreSQL), and the page's progress
address says it in words; on SQLite nothing is written and the import works the same."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.urls import reverse

from partnerships.models import Role
from recommendations.models import ImportProgress, ImportRun, Recommendation, UndatedTargets
from recommendations.services import import_progress
from recommendations.services.imports import import_run_confirm, import_run_create, import_run_map
from tests.factories import CommitteeFactory, user_with_role

ROWS = 1200


def big_run(clerk, committee):
    lines = "".join(f"{n},Recommendation {n}.,Parks\n" for n in range(1, ROWS + 1))
    content = ("Ref,Recommendation,Review\n" + lines).encode()
    run = import_run_create(actor=clerk, committee=committee, filename="t.csv", content=content)
    return import_run_map(
        run=run,
        actor=clerk,
        sheet="",
        mapping=run.mapping,
        review_title="",
        updates_given_on=None,
        item=None,
        undated_targets=UndatedTargets.ERROR,
    )


class Reader:
    """Reads the progress table through a connection of its own, as the waiting page's
    requests do, right after each progress write (so no state is missed however busy the
    machine is); keeps what it saw."""

    def __init__(self, run_id: int):
        self.run_id, self.seen = run_id, []
        self.side = connections.create_connection(DEFAULT_DB_ALIAS)

    def read(self):
        table = ImportProgress._meta.db_table
        with self.side.cursor() as cursor:
            cursor.execute(
                f"SELECT stage, done, total FROM {table} WHERE run_id = %s",  # noqa: S608
                [self.run_id],
            )
            self.seen.append(cursor.fetchone())


def test_progress_is_seen_by_another_connection_while_the_import_runs(
    clerk, committee, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("progress is written on PostgreSQL only (SQLite: one writer at a time)")
    monkeypatch.setattr(import_progress, "EVERY", 0)  # every chunk, so the test sees each
    run = big_run(clerk, committee)
    reader = Reader(run.pk)
    write = import_progress.ProgressReporter._write

    def write_then_read(progress):
        write(progress)
        reader.read()

    monkeypatch.setattr(import_progress.ProgressReporter, "_write", write_then_read)
    try:
        import_run_confirm(run=run, actor=clerk)
        reader.read()
    finally:
        reader.side.close()
    *during, after = reader.seen
    assert during[0] == ("rows", 0, ROWS)
    assert any(stage == "rows" and 0 < done < ROWS for stage, done, _total in during), during
    assert during[-1] == ("updates", ROWS, ROWS)
    assert after is None  # removed at the end
    assert Recommendation.objects.count() == ROWS


def test_a_progress_write_that_waits_stops_the_reporting_not_the_import(
    clerk, committee, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("progress is written on PostgreSQL only")
    monkeypatch.setattr(import_progress, "LOCK_TIMEOUT", "100ms")
    run = big_run(clerk, committee)
    # This test's transaction holds a progress row for the run: the import's progress
    # connection waits for it, gives up, and the import goes on.
    ImportProgress.objects.create(run_id=run.pk, done=1, total=1)
    import_run_confirm(run=run, actor=clerk)
    assert Recommendation.objects.count() == ROWS


def test_on_sqlite_no_progress_is_written_and_the_import_works(clerk, committee):
    if connection.vendor == "postgresql":
        pytest.skip("SQLite's own rule")
    run = big_run(clerk, committee)
    import_run_confirm(run=run, actor=clerk)
    assert Recommendation.objects.count() == ROWS and not ImportProgress.objects.exists()


def test_the_progress_address_says_how_far_it_has_got(client, clerk, committee):
    run = big_run(clerk, committee)
    client.force_login(clerk)
    url = reverse("recommendations:import-progress", args=[run.pk])
    assert client.get(url).json() == {"state": "mapped", "message": "Importing…"}
    progress = ImportProgress.objects.create(run_id=run.pk, done=250, total=ROWS)
    answer = client.get(url)
    assert answer["Cache-Control"] == "no-store"
    assert answer.json() == {
        "state": "mapped",
        "message": "Importing… 250 of 1200 rows",
        "done": 250,
        "total": ROWS,
    }
    progress.stage, progress.done = "updates", ROWS
    progress.save()
    message = client.get(url).json()["message"]
    assert message == "Importing… 1200 of 1200 rows: recording the progress updates"
    # (Not confirmed here: this test's transaction holds the progress row it made, which
    # the import's own progress connection would wait for.)
    ImportRun.objects.filter(pk=run.pk).update(state="imported")
    assert client.get(url).json()["message"] == "Tracker imported"
    other = user_with_role(Role.DEMOCRATIC_SERVICES, CommitteeFactory().council)
    client.force_login(other)
    assert client.get(url).status_code == 403

"""Two people deleting one recommendation: the second is told it had already been deleted,
on a page, never a server error; on SQLite too, where two writers at once used to fail
with "database is locked"."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from recommendations.models import Recommendation
from tests.support.pages import words

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def delete_url(recommendation) -> str:
    return reverse("recommendations:recommendation-delete", args=[recommendation.pk])


def test_deleting_a_recommendation_already_deleted_says_so(dem_services, recs, review):
    """The delete page sent again (or by a second person with it open) after the first
    delete: the review's page, saying it had already been deleted, not a 404."""
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(dem_services)
    second.get(delete_url(recs[4]))
    reason = {"reason": "Entered twice by mistake"}
    assert first.post(delete_url(recs[4]), reason).status_code == 302

    response = second.post(delete_url(recs[4]), reason, follow=True)

    assert response.status_code == 200
    assert response.request["PATH_INFO"] == review.get_absolute_url()
    assert "Recommendation 4 had already been deleted" in words(response)
    assert Recommendation.all_objects.get(pk=recs[4].pk).deleted_at is not None


def test_someone_who_may_not_see_deleted_items_still_gets_a_404(councillor, recs, dem_services):
    """Only who may see deleted recommendations learns that one was deleted."""
    client = Client()
    client.force_login(dem_services)
    client.post(delete_url(recs[4]), {"reason": "Entered twice by mistake"})
    client.force_login(councillor)
    assert client.post(delete_url(recs[4]), {"reason": "Again"}).status_code == 404


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking only")
def test_sqlite_runs_in_wal_mode_and_waits_for_a_writer():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking only")
def test_two_simultaneous_deletes_on_an_sqlite_file_give_no_server_error(tmp_path):
    """Two threads, each with its own connection to one SQLite file, delete the same
    recommendation at the same moment: one deletes it, the other is told it is already
    deleted, on a page."""
    database = tmp_path / "scrutiny.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.two_deletes"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    answers = json.loads(result.stdout)

    assert [a["status"] for a in answers] == [200, 200], [a["text"][:3000] for a in answers]
    said = sorted("already been deleted" in a["text"] for a in answers)
    assert said == [False, True]
    assert sum("Recommendation 4 deleted" in a["text"] for a in answers) == 1

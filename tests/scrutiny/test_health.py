"""The trivial page load tests measure every page against: "ok", through the same
middleware as every page (its security headers too), with no database query; the load
balancer's check (database and migrations); and the request log's lines."""

import json
import logging

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_health_says_ok_without_a_query(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert response["X-Frame-Options"] == "DENY"
    assert len(queries) == 0


def test_health_is_read_only(client):
    assert client.post("/health/").status_code == 405


def test_healthz_says_the_node_can_serve_in_one_query(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")
    assert len(queries) == 1


def test_healthz_refuses_while_a_migration_of_this_release_is_not_applied(client):
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'recommendations' AND name = "
            "(SELECT MAX(name) FROM django_migrations WHERE app = 'recommendations')"
        )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "migrations": "1 not applied",
    }


@override_settings(SECURE_SSL_REDIRECT=True)
def test_the_load_balancer_asks_over_plain_http(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/health/").status_code == 301


def _lines(caplog) -> list[dict]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "scrutiny.requests"]


def test_each_request_is_one_json_line_without_its_query(client, caplog, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="scrutiny.requests"):
        response = client.get("/search/?q=private+matter")
        client.get("/no-such-page/")
    first, second = _lines(caplog)
    assert "private" not in json.dumps(first)
    assert first["method"] == "GET"
    assert first["path"] == "/search/"
    assert first["url_name"] == "scrutiny:search"
    assert first["status"] == 200
    assert first["user"] == user.pk
    assert first["ms"] >= 0
    assert first["request_id"] == response["X-Request-ID"]
    assert (second["status"], second["url_name"]) == (404, None)
    assert second["request_id"] != first["request_id"]


def test_the_proxys_request_id_is_kept_when_sane(client, caplog):
    with caplog.at_level(logging.INFO, logger="scrutiny.requests"):
        kept = client.get("/health/", headers={"X-Request-ID": "lb-7f3a.1"})
        replaced = client.get("/health/", headers={"X-Request-ID": "x\r\nSet-Cookie: a=b"})
    assert kept["X-Request-ID"] == "lb-7f3a.1"
    assert len(replaced["X-Request-ID"]) == 32
    assert [line["request_id"] for line in _lines(caplog)] == [
        "lb-7f3a.1",
        replaced["X-Request-ID"],
    ]
    assert all(line["user"] is None for line in _lines(caplog))


DATABASE_WORKER = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _waiting_task(minutes: int):
    """A send task put in the database ``minutes`` ago and not yet taken by any worker."""
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="scrutiny.services.outbox.outbox_deliver",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=minutes)
    )


@override_settings(TASKS=DATABASE_WORKER, WORKER_STALE_MINUTES=10)
def test_healthz_says_the_worker_takes_tasks_when_none_has_waited_long(client):
    _waiting_task(minutes=2)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "migrations": "ok",
        "worker": "ok",
    }
    assert len(queries) == 2


@override_settings(TASKS=DATABASE_WORKER, WORKER_STALE_MINUTES=10)
def test_healthz_says_no_worker_is_taking_tasks_but_the_node_still_serves(client):
    _waiting_task(minutes=25)
    response = client.get("/healthz")
    # A stalled worker is for monitoring to raise; the node itself can still serve pages.
    assert response.status_code == 200
    assert response.json()["worker"] == "a task has waited 25 minutes"

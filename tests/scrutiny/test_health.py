"""The trivial page load tests measure every page against: "ok", through the same
middleware as every page (its security headers too), with no database query."""

import pytest
from django.db import connection
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

"""The pages that filter, sort and count by status read it from the kept timeline
(``StatusPeriod``), never from the update entries: on every database no query of the home
page or the recommendation list touches the entries, and on PostgreSQL, with the planner's
statistics of a generated world, the list page reads each row's status by index.

Issue 17: each of these queries worked out every recommendation's status from its entries
(seven correlated subqueries over all of them); the home page took 10 s at a large council.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import User

pytestmark = pytest.mark.django_db

LIST = reverse("recommendations:recommendation-list")
PAGES = [
    reverse("scrutiny:home"),
    LIST,
    f"{LIST}?page=9",
    f"{LIST}?after=100",  # a keyset page
    f"{LIST}?status=slipped",
    f"{LIST}?overdue=yes",
    f"{LIST}?no_update_for=6",
    f"{LIST}?target_from_0=1&target_from_1=1&target_from_2=2020",
]


@pytest.fixture
def generated():
    call_command("generate_world", "--scale", "0.05", "--seed", "5", stdout=io.StringIO())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]


def _readers(client):
    yield "the public"
    client.force_login(User.objects.get(username="democratic"))
    yield "democratic services"


PROPOSAL_ENTRY = re.compile(
    r'JOIN "recommendations_updateentry" ("?\w+"?) ON \("?\w+"?\."entry_id" = \1\."id"\)'
)


def _no_proposals(sql: str) -> str:
    """``sql`` without the joins from a closure proposal to its entry."""
    return PROPOSAL_ENTRY.sub("", sql)


@pytest.mark.parametrize("url", PAGES)
def test_status_pages_never_read_the_entries(generated, client, url):
    for reader in _readers(client):
        queries = _queries(client, url)
        assert any("recommendations_statusperiod" in sql for sql in queries), (reader, url)
        # Only a closure proposed for sign-off reaches its entry, by primary key (for its
        # update's date, presenter and exempt item): never a scan of the entries.
        assert not [
            sql for sql in queries if "recommendations_updateentry" in _no_proposals(sql)
        ], (
            reader,
            url,
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
def test_the_list_reads_its_rows_statuses_by_index(generated, client):
    for reader in _readers(client):
        (rows,) = [sql for sql in _queries(client, LIST) if 'AS "status"' in sql]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + rows)
            plan = "\n".join(line for (line,) in cursor.fetchall())
        assert "Seq Scan on recommendations_statusperiod" not in plan, (reader, plan)
        assert "using status_period_one_current" in plan, (reader, plan)


@pytest.fixture
def councils():
    call_command(
        "generate_world", "--national", "--scale", "0.02", "--seed", "5", stdout=io.StringIO()
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
def test_the_home_page_of_one_council_reads_only_its_rows_by_index(councils, client):
    """Issue 17: the home page counted and listed every council's recommendations. Scoped to
    one council, each of its status queries starts from that council's committees and reads
    its recommendations and their periods by index, whoever reads it."""
    council = User.objects.get(username="democratic").organisation_id
    url = f"{reverse('scrutiny:home')}?council={council}"
    for reader in _readers(client):
        status_queries = [sql for sql in _queries(client, url) if "statusperiod" in sql]
        assert len(status_queries) >= 3, reader
        for sql in status_queries:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN " + sql)
                plan = "\n".join(line for (line,) in cursor.fetchall())
            assert "Seq Scan on recommendations_statusperiod" not in plan, (reader, plan)
            assert "Seq Scan on recommendations_recommendation" not in plan, (reader, plan)

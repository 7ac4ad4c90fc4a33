"""The review page's and the meeting's (and so the pack's) agreed actions are read through
the foreign keys' indexes, not by reading every action and agenda item (issue 17: their
``OR`` across a join forced sequential scans at national size). PostgreSQL only: the plan
is PostgreSQL's, asked with sequential scans, hash and merge joins turned off, so that
what remains shows whether the query *can* be answered by index look-ups at all."""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from scrutiny.models import AgendaItem
from scrutiny.selectors.meetings import meeting_business
from scrutiny.selectors.reviews import review_page
from tests.factories import AgendaItemFactory, AgreedActionFactory, MeetingFactory, ReviewFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the plans are PostgreSQL's: run with DATABASE_URL=postgres://...",
    ),
]

LOOKED_UP = ("scrutiny_agreedaction", "scrutiny_agendaitem")


def unindexed_reads(plan: dict) -> list[str]:
    """Each read of an action or agenda item table that is not a look-up by an index
    condition (a sequential scan, or a whole index read in order)."""
    found = []
    if plan.get("Relation Name") in LOOKED_UP and not (
        "Index Cond" in plan or "Recheck Cond" in plan
    ):
        found.append(f"{plan['Node Type']} on {plan['Relation Name']}")
    for child in plan.get("Plans", []):
        found += unindexed_reads(child)
    return found


def action_query_plans(read) -> list[dict]:
    """The plans of the queries ``read()`` runs that read agreed actions."""
    with CaptureQueriesContext(connection) as captured:
        read()
    plans = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if sql.startswith("SELECT") and 'FROM "scrutiny_agreedaction"' in sql:
            with transaction.atomic(), connection.cursor() as cursor:
                for setting in ("enable_seqscan", "enable_hashjoin", "enable_mergejoin"):
                    cursor.execute(f"SET LOCAL {setting} = off")
                cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
                plans.append(cursor.fetchone()[0][0]["Plan"])
    assert plans
    return plans


@pytest.fixture
def review():
    review = ReviewFactory()
    meeting = MeetingFactory(committee=review.committee, date=datetime.date(2024, 3, 1))
    item = AgendaItemFactory(meeting=meeting, review=review)
    AgreedActionFactory(meeting=meeting, item=item)
    AgreedActionFactory(meeting=meeting, review=review)
    AgreedActionFactory(meeting=meeting)
    return review


def test_the_review_pages_actions_are_looked_up_by_index(review):
    for plan in action_query_plans(
        lambda: review_page(review, AnonymousUser(), datetime.date(2024, 6, 1))
    ):
        assert unindexed_reads(plan) == []


def test_a_meetings_actions_are_looked_up_by_index(review):
    meeting = review.agenda_items.get().meeting
    later = MeetingFactory(committee=review.committee, date=datetime.date(2024, 6, 1))
    for plan in action_query_plans(lambda: meeting_business(later, AnonymousUser())):
        assert unindexed_reads(plan) == []
    for plan in action_query_plans(lambda: meeting_business(meeting, AnonymousUser())):
        assert unindexed_reads(plan) == []


def test_the_items_that_take_a_review_are_looked_up_by_index(review):
    """Its main review's or one it also reports on (issue 11): a union, not an OR."""
    item = review.agenda_items.get()
    also = AgendaItemFactory(meeting=item.meeting, review=ReviewFactory())
    also.other_reviews.add(review)
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_hashjoin", "enable_mergejoin"):
            cursor.execute(f"SET LOCAL {setting} = off")
        plan = json.loads(AgendaItem.objects.taking(review).explain(format="json"))[0]["Plan"]
    assert unindexed_reads(plan) == []
    assert set(AgendaItem.objects.taking(review)) == {item, also}

"""Fixtures for tests in every app."""

import datetime

import pytest
from django.db import transaction
from django.test import Client

from partnerships.models import Role
from tests.factories import (
    CouncilFactory,
    PartnershipFactory,
    RecommendationFactory,
    ReviewFactory,
    user_with_role,
)
from tests.support.world import build_world

# --- The access tests' world ---------------------------------------------------------------


@pytest.fixture(scope="module", name="world")
def world_fixture(django_db_setup, django_db_blocker):
    """The world of tests/support/world.py, built once for the module inside a transaction
    rolled back after it: its tests ask for ``world`` and ``db``."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


# --- The Leicester review ------------------------------------------------------------------
# Leicester City Council's Adult Social Care Scrutiny Commission reviewed its social care
# workforce; the Leicester/shire Social Care Development Group (LSCDG) carries some of the
# recommendations. The recommendation tests and the browser journeys start from it.

LEICESTER_RECOMMENDATIONS = {
    4: "Quality of care and improving retention rates",
    5: "Finding community and cooperative solutions",
    8: "Attracting younger people to adult social care careers",
}


@pytest.fixture
def leicester(db):
    return CouncilFactory(name="Leicester City Council", short_name="Leicester")


@pytest.fixture
def lscdg(db):
    return PartnershipFactory(
        name="Leicester/shire Social Care Development Group", short_name="LSCDG"
    )


@pytest.fixture
def leicester_review(leicester):
    return ReviewFactory(
        committee__council=leicester,
        committee__name="Adult Social Care Scrutiny Commission",
        title="Social Care External Workforce",
        report_agreed_on=datetime.date(2020, 10, 1),
        response_received_on=datetime.date(2021, 1, 19),
    )


@pytest.fixture
def leicester_numbers():
    """Which of the review's recommendations ``leicester_recs`` makes: a module that needs
    fewer defines its own fixture of this name."""
    return (4, 5, 8)


@pytest.fixture
def leicester_recs(leicester_review, leicester_numbers):
    """The review's recommendations (4, 5 and 8), carried by no one yet, by number."""
    return {
        number: RecommendationFactory(
            review=leicester_review, reference=number, title=LEICESTER_RECOMMENDATIONS[number]
        )
        for number in leicester_numbers
    }


# --- Two democratic services officers ------------------------------------------------------
# Two democratic services officers of one council (the requesting test's own ``council``),
# each signed in in a browser of their own: both open the same record and save it.


@pytest.fixture
def alex(council):
    return user_with_role(Role.DEMOCRATIC_SERVICES, council, first_name="Alex", last_name="Ahmed")


@pytest.fixture
def blake(council):
    return user_with_role(Role.DEMOCRATIC_SERVICES, council, first_name="Blake", last_name="Brown")


@pytest.fixture
def two(alex, blake):
    """Two signed-in democratic services officers of the same council, each in a browser."""
    first, second = Client(), Client()
    first.force_login(alex)
    second.force_login(blake)
    return first, second

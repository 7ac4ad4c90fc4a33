"""Fixtures for tests in every app."""

import pytest
from django.test import Client

from partnerships.models import Role
from tests.factories import user_with_role

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

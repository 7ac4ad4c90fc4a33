"""Fixtures for the model rule tests."""

import pytest

from tests.factories import UserFactory


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(organisation=None, is_superuser=True, is_staff=True))
    return client

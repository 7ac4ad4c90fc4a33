"""A draft review of the council, which only the council's people may see."""

import pytest

from tests.factories import ReviewFactory


@pytest.fixture
def draft_review(council):
    return ReviewFactory(committee__council=council, title="Draft: Home care", published=False)

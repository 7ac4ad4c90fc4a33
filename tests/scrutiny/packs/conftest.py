"""The meeting the pack tests print: the commission's May 2021 meeting with five
recommendations tracked (``tests.scrutiny.packs.helpers.build_meeting``)."""

import pytest

from tests.scrutiny.packs.helpers import build_meeting


@pytest.fixture
def scene(committee):
    return build_meeting(committee, 5)

"""The Commission's meeting of 20 April 2021 in Meeting Room G.01."""

import pytest

from tests.factories import MeetingFactory
from tests.scrutiny.meetings.helpers import APRIL


@pytest.fixture
def meeting(committee):
    return MeetingFactory(committee=committee, date=APRIL, venue="Meeting Room G.01")

"""The council most scrutiny page tests run in, its Adult Social Care Scrutiny Commission,
and someone in every role around it (``tests.scrutiny.committee_people.People``). A module
that needs other people or another committee defines its own fixture of the same name."""

import pytest

from tests.factories import CommitteeFactory, CouncilFactory
from tests.scrutiny.committee_people import people_of


@pytest.fixture
def council():
    return CouncilFactory(name="Leicester City Council", short_name="LCC")


@pytest.fixture
def people(council):
    return people_of(council)


@pytest.fixture
def committee(council):
    return CommitteeFactory(council=council, name="Adult Social Care Scrutiny Commission")

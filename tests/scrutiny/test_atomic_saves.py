"""Saves of the scrutiny process that write several rows are all or nothing: when the
database refuses a later row, the earlier ones (and their history rows) are gone too and
what was stored is unchanged.

These tests commit for real (``transaction=True``), so what they count is what another
connection would see, not rows left behind inside a test's own transaction."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from recommendations.models import UpdateKind
from recommendations.services import EntryInput
from scrutiny.models import AgendaItem, Committee, DecisionPoint, ExecutiveDecision
from scrutiny.services import (
    ActionRecord,
    ItemRecord,
    PointInput,
    UpdateRecord,
    decision_save,
    meeting_record,
)
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DecisionPointFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    RecommendationFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

APPS = {"partnerships", "recommendations", "scrutiny"}


def every_row() -> dict[str, int]:
    """How many rows each of the app's tables holds, deleted rows and history included."""
    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in APPS
    }


def stored(decision: ExecutiveDecision) -> tuple:
    decision.refresh_from_db()
    points = list(
        DecisionPoint.objects.filter(decision=decision)
        .order_by("kind", "number")
        .values_list("kind", "number", "text")
    )
    return (decision.minute_number, decision.title, decision.version, points)


@pytest.fixture
def cabinet(council):
    return CommitteeFactory(council=council, name="Cabinet", kind=Committee.Kind.CABINET)


@pytest.fixture
def c129(cabinet):
    decision = ExecutiveDecisionFactory(decided_by=cabinet, minute_number="C129", title="Unit")
    DecisionPointFactory(decision=decision, number=1, text="THAT the unit be set up.")
    DecisionPointFactory(decision=decision, number=2, text="THAT it be reviewed.")
    return decision


def test_a_decision_whose_row_the_database_refuses_keeps_its_version_and_points(
    people, cabinet, c129
):
    """The version moves on first; then the decision's row breaks the unique minute
    number (someone saved C130 between the form's check and this save). The version, the
    title and the points stay as they were, and no history row is left."""
    ExecutiveDecisionFactory(decided_by=cabinet, minute_number="C130", title="Another")
    before, was = every_row(), stored(c129)
    c129.minute_number, c129.title = "C130", "Renamed"
    with pytest.raises(ValidationError, match="Cabinet already has a decision with minute C130"):
        decision_save(
            decision=c129,
            resolutions=[PointInput(1, "THAT the unit be set up in Cardiff.")],
            reasons=[PointInput(1, "To work together.")],
            actor=people.democratic_services,
            version=1,
        )
    assert every_row() == before
    assert stored(c129) == was


def test_a_decision_refused_when_it_commits_leaves_nothing(people, cabinet, c129, committee):
    """Everything is written (the version, the decision, its points replaced and their
    history rows) before the database checks, on committing, that the agenda item it was
    referred to still exists: deleted meanwhile, so the whole save goes."""
    item = AgendaItemFactory(meeting=MeetingFactory(committee=committee), number=8)
    was = stored(c129)
    c129.referred_to, c129.referred_to_item = committee, item
    AgendaItem.objects.filter(pk=item.pk).delete()
    before = every_row()
    with pytest.raises(IntegrityError):
        decision_save(
            decision=c129,
            resolutions=[PointInput(1, "THAT the unit be set up in Cardiff.")],
            reasons=[PointInput(1, "To work together.")],
            actor=people.democratic_services,
            version=1,
        )
    assert every_row() == before
    assert stored(c129) == was


def test_a_meeting_record_refused_at_its_second_item_leaves_nothing(people, committee):
    """Item 6's update (its entries and their history) and agreed action are written; the
    database then refuses item 7's update (no role: NOT NULL), so none of it stays."""
    review = ReviewFactory(committee=committee)
    four, five = (RecommendationFactory(review=review, reference=n) for n in (4, 5))
    meeting = MeetingFactory(committee=committee, date=datetime.date(2021, 5, 25))
    six = AgendaItemFactory(meeting=meeting, number=6, review=review)
    seven = AgendaItemFactory(meeting=meeting, number=7, review=review)
    council = committee.council
    before = every_row()
    with pytest.raises(IntegrityError):
        meeting_record(
            meeting=meeting,
            actor=people.democratic_services,
            items=[
                ItemRecord(
                    item=six,
                    updates=[
                        UpdateRecord(
                            kind=UpdateKind.VERBAL,
                            organisation=council,
                            given_by_role="Director",
                            entries=[EntryInput(four, "Under way."), EntryInput(five, "Done.")],
                        )
                    ],
                    actions=[ActionRecord(text="That a report come back.")],
                ),
                ItemRecord(
                    item=seven,
                    updates=[
                        UpdateRecord(
                            kind=UpdateKind.VERBAL,
                            organisation=council,
                            given_by_role=None,
                            entries=[EntryInput(five, "Said again.")],
                        )
                    ],
                ),
            ],
        )
    assert every_row() == before

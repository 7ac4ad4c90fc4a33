"""A council's tracker with something of each kind in it, for the export tests: statuses
set by updates (one slipped with a revised date, one paused, one achieved at a meeting),
a later update that changed no status, an update at an exempt item, bodies whose name holds
a comma, agreement by another committee, and words that begin like formulas."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from partnerships.models import Role
from recommendations.models import Response, Status
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    PartnershipFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
    user_with_role,
)

COMMITTEE = "Healthy Living and Social Care Scrutiny Committee"
FORMULA = '=HYPERLINK("http://evil.example","click")'
MAY, SEPTEMBER = datetime.date(2021, 5, 1), datetime.date(2021, 9, 1)


@dataclass
class Scene:
    council: object
    committee: object
    review: object
    clerk: object
    recs: dict


def council_with_committees(name: str):
    council = CouncilFactory(name=name)
    committee = CommitteeFactory(council=council, name=COMMITTEE)
    CommitteeFactory(council=council, name="Cabinet")
    return council, committee


def bodies():
    """The bodies every council shares (organisations are not any one council's)."""
    return (
        PartnershipFactory(name="Social Care Development Group, Leicester", short_name="LSCDG"),
        PartnershipFactory(name="Skills for Care", short_name=""),
    )


def build_scene(*, closed: bool = True, exempt: bool = True) -> Scene:
    council, committee = council_with_committees("Vale of Glamorgan Council")
    cabinet = committee.council.committees.get(name="Cabinet")
    lscdg, sfc = bodies()
    review = ReviewFactory(committee=committee, title="Social Care Workforce")
    update = ProgressUpdateFactory(organisation=council, given_on=MAY)
    later = ProgressUpdateFactory(organisation=council, given_on=SEPTEMBER)
    recs = {}

    recs["1"] = RecommendationFactory(
        review=review,
        reference="1",
        title="Retention",
        text=f"{FORMULA} That retention improves.",
        response=Response.ACCEPTED,
        response_text="-Agreed, with a plan by March.",
        target_date=datetime.date(2022, 3, 31),
        agreed_by=cabinet,
        agreed_on=datetime.date(2020, 11, 12),
        directorate="Adult Social Care and Health",
        minute="Minute 45",
        decision_maker="@Cabinet Member for Health",
        expected_outcome="+5% more staff retained.",
    )
    recs["1"].responsible_bodies.set([lscdg, sfc])
    UpdateEntryFactory(
        update=update, recommendation=recs["1"], text="Work began.", new_status=Status.ON_TRACK
    )
    UpdateEntryFactory(update=later, recommendation=recs["1"], text="-5% vacancies since May.")

    recs["2"] = RecommendationFactory(review=review, reference="2", title="", target_date=None)

    recs["R3a"] = RecommendationFactory(review=review, reference="R3a")
    recs["R3a"].responsible_bodies.set([lscdg])
    UpdateEntryFactory(
        update=update,
        recommendation=recs["R3a"],
        text="Delayed by recruitment.",
        new_status=Status.SLIPPED,
        revised_target_date=datetime.date(2022, 9, 30),
        reason="Delayed by recruitment.",
    )

    recs["4"] = RecommendationFactory(review=review, reference="4")
    UpdateEntryFactory(
        update=later,
        recommendation=recs["4"],
        text="Paused until the funding is known.",
        new_status=Status.PAUSED,
        reason="Paused until the funding is known.",
    )

    if exempt:
        item = AgendaItemFactory(
            meeting__committee=committee, exempt=True, exempt_reason="Paragraph 3"
        )
        secret = ProgressUpdateFactory(organisation=council, given_on=SEPTEMBER, item=item)
        recs["5"] = RecommendationFactory(review=review, reference="5")
        UpdateEntryFactory(update=secret, recommendation=recs["5"], text="Staffing figures.")
    if closed:
        meeting = MeetingFactory(committee=committee, date=datetime.date(2021, 10, 1))
        item = AgendaItemFactory(meeting=meeting)
        closing = ProgressUpdateFactory(organisation=council, given_on=meeting.date, item=item)
        recs["6"] = RecommendationFactory(review=review, reference="6")
        UpdateEntryFactory(
            update=closing,
            recommendation=recs["6"],
            text="Done: the unit is running.",
            new_status=Status.ACHIEVED,
            reason="Done: the unit is running.",
        )
    clerk = user_with_role(Role.DEMOCRATIC_SERVICES, council)
    return Scene(council, committee, review, clerk, recs)

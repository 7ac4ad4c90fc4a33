"""The meetings the record screen is tried on: the commission's Social Care External
Workforce review with its January, May and November 2021 meetings (``leicester``), and a
July meeting reporting on two reviews at once (``three_items``)."""

import datetime

import pytest

from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    PartnershipFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.scrutiny.record.helpers import JANUARY, MAY, NOVEMBER


@pytest.fixture
def leicester(council, committee):
    """The Social Care External Workforce review (recommendations 1 to 15, carried by the
    LSCDG) and the commission's meetings: the response in January, the LSCDG's verbal
    update at item 7 in May (with an exempt item 8), and a later meeting in November."""
    lscdg = PartnershipFactory(
        name="Leicester/shire Social Care Development Group", short_name="LSCDG"
    )
    review = ReviewFactory(
        committee=committee,
        title="Social Care External Workforce",
        report_agreed_on=datetime.date(2020, 10, 1),
        response_received_on=JANUARY,
    )
    recs = {n: RecommendationFactory(review=review, reference=n) for n in range(1, 16)}
    for rec in recs.values():
        rec.responsible_bodies.add(lscdg)
    MeetingFactory(committee=committee, date=JANUARY)
    may = MeetingFactory(committee=committee, date=MAY)
    november = MeetingFactory(committee=committee, date=NOVEMBER)
    AgendaItemFactory(meeting=may, number=1, title="Apologies for absence")
    item7 = AgendaItemFactory(
        meeting=may,
        number=7,
        title="Social Care External Workforce: verbal update",
        review=review,
    )
    AgendaItemFactory(
        meeting=may,
        number=8,
        title="Care home fees negotiation",
        exempt=True,
        exempt_reason="Schedule 12A, paragraph 3",
    )
    item5 = AgendaItemFactory(
        meeting=november, number=5, title="Detailed update report", review=review
    )
    return {
        "lscdg": lscdg,
        "review": review,
        "recs": recs,
        "may": may,
        "item7": item7,
        "november": november,
        "item5": item5,
    }


@pytest.fixture
def three_items(committee, leicester):
    """A meeting whose item 2 reports on one review and item 3 on another."""
    meeting = MeetingFactory(committee=committee, date=datetime.date(2021, 7, 6))
    other = ReviewFactory(committee=committee, title="Carers")
    carers = {n: RecommendationFactory(review=other, reference=n) for n in (1, 2)}
    AgendaItemFactory(meeting=meeting, number=1, title="Minutes")
    AgendaItemFactory(meeting=meeting, number=2, title="Workforce", review=leicester["review"])
    AgendaItemFactory(meeting=meeting, number=3, title="Carers", review=other)
    return meeting, carers

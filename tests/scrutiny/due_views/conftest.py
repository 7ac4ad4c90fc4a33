"""The Commission's meetings of 2021 and what they agreed, shared by the due page, adding to
the agenda, overdue actions and the review's progress interval."""

import datetime

import pytest

from recommendations.models import Status
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    MeetingFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.scrutiny.committee_people import people_of
from tests.scrutiny.due_views.helpers import TODAY, set_status


@pytest.fixture
def world(committee):
    """The Commission's meetings of 2021, one to come and one after it; what they agreed; and
    a review whose response came on 19 January 2021 (updates every six months)."""
    meet = {
        "january": MeetingFactory(committee=committee, date=datetime.date(2021, 1, 19)),
        "may": MeetingFactory(committee=committee, date=datetime.date(2021, 5, 25)),
        "november": MeetingFactory(committee=committee, date=datetime.date(2021, 11, 2)),
        "next": MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=60)),
        "later": MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=120)),
    }
    january = meet["january"]
    review = ReviewFactory(
        committee=committee,
        title="Social Care External Workforce",
        report_agreed_on=datetime.date(2020, 10, 1),
        response_received_on=datetime.date(2021, 1, 19),
    )
    item = AgendaItemFactory(meeting=january, number=7, title="Workforce update", review=review)
    exempt_item = AgendaItemFactory(
        meeting=january, number=8, title="Provider rates", exempt=True, exempt_reason="Para 3"
    )
    actions = {
        "future": AgreedActionFactory(
            meeting=january,
            item=item,
            review=review,
            text="That a detailed update report be brought to a future meeting.",
            falls_to="Director of Adult Social Care",
        ),
        "by_date": AgreedActionFactory(
            meeting=january,
            text="That the recruitment figures be circulated.",
            due_on=datetime.date(2021, 4, 30),
        ),
        "slipped": AgreedActionFactory(
            meeting=january,
            text="That the careers pathway report come back.",
            due_meeting=meet["may"],
        ),
        "placed_here": AgreedActionFactory(
            meeting=january, text="That the Chair write to the Minister.", due_meeting=meet["next"]
        ),
        "placed_later": AgreedActionFactory(
            meeting=january, text="That a site visit be arranged.", due_meeting=meet["later"]
        ),
        "delivered": AgreedActionFactory(
            meeting=january,
            text="That the workforce plan be shared.",
            delivered_on=datetime.date(2021, 5, 25),
            delivered_meeting=meet["may"],
        ),
        "exempt": AgreedActionFactory(
            meeting=january,
            item=exempt_item,
            review=review,
            text="That the provider rates be reviewed in private.",
        ),
        "elsewhere": AgreedActionFactory(
            meeting=MeetingFactory(date=datetime.date(2021, 1, 19)),
            text="That another committee hear about it.",
        ),
    }
    recs = {
        "quiet": RecommendationFactory(review=review, reference="4", title="Quality of care"),
        "recent": RecommendationFactory(review=review, reference="5", title="Community solutions"),
        "closed": RecommendationFactory(review=review, reference="8", title="Younger people"),
    }
    recs["quiet"].responsible_bodies.add(people_of(committee.council).partner.organisation)
    set_status(recs["recent"], Status.ON_TRACK, on=TODAY - datetime.timedelta(days=10))
    set_status(recs["closed"], Status.ACHIEVED, on=datetime.date(2021, 5, 25))
    draft = ReviewFactory(committee=committee, title="Draft review of respite", published=False)
    recs["draft"] = RecommendationFactory(review=draft, reference="1", title="Respite beds")
    return {"meet": meet, "review": review, "draft": draft, "actions": actions, "recs": recs}

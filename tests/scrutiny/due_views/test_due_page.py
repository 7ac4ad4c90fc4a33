"""Reading a meeting's due page: the agreed actions and requested reports that fall to it and
why (overdue, carried forward, as they stood at a past meeting), the recommendations whose
next update is due, what only the council's people see, the queries it runs, and the
meeting page's link to it."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta

from recommendations.models import ClosureProposal
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    MeetingFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)
from tests.scrutiny.committee_people import EVERYONE, day, people_of, section, sign_in, text_of
from tests.scrutiny.due_views.helpers import TODAY, due_url, text_of_html
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db


def test_the_due_page_lists_what_falls_to_the_meeting_and_why(client, world):
    response = client.get(due_url(world["meet"]["next"]))
    assert response.status_code == 200
    page = text_of(response)
    actions = section(response, "actions")
    for key in ("future", "by_date", "slipped", "placed_here"):
        assert world["actions"][key].text in actions, key
    for key in ("placed_later", "delivered", "exempt", "elsewhere"):
        assert world["actions"][key].text not in actions, key

    def row(key):
        html = actions[actions.index(f'id="action-{world["actions"][key].pk}"') :]
        return text_of_html(html[: html.index("</tr>")])

    assert f"Overdue It was due at the meeting of {day(2021, 5, 25)}." in row("slipped")
    assert (
        f"Overdue It was due by {day(2021, 4, 30)}; the meeting of {day(2021, 5, 25)} did not "
        "receive it." in row("by_date")
    )
    assert (
        f"Carried forward Asked for at a future meeting; the meeting of {day(2021, 5, 25)} did "
        "not receive it." in row("future")
    )
    assert "Outstanding" in row("placed_here") and "Overdue" not in row("placed_here")

    recommendations = text_of_html(section(response, "recommendations"))
    assert "Social Care External Workforce" in recommendations
    assert "Quality of care" in recommendations
    assert "Community solutions" not in recommendations  # updated ten days ago
    assert "Younger people" not in recommendations  # achieved
    assert "Respite beds" not in recommendations  # a draft review
    # Status as at the meeting, last update, when the next fell due, who owes it.
    assert (
        f"4 Quality of care Not started None yet {day(2021, 7, 19)} "
        "Director of Adult Social Care and Commissioning" in recommendations
    )
    assert "Not yet on the agenda." in recommendations
    assert "Add to the agenda" not in page  # anonymous visitors only read it


def test_exempt_actions_and_draft_reviews_only_for_the_councils_people(client, people, world):
    exempt_text = world["actions"]["exempt"].text
    for who, sees in [
        ("anonymous", False),
        ("partner", False),
        ("councillor", True),
        ("democratic_services", True),
    ]:
        client.logout()
        sign_in(client, people, who)
        page = client.get(due_url(world["meet"]["next"])).content.decode()
        assert (exempt_text in page) is sees, who
        assert ("Respite beds" in page) is sees, who


def test_a_meeting_held_in_the_past_flags_slips_as_they_stood_then(client, world):
    page = text_of_html(section(client.get(due_url(world["meet"]["november"])), "actions"))
    assert "That a site visit be arranged." not in page
    assert f"It was due at the meeting of {day(2021, 5, 25)}." in page
    # At 25 May 2021, the first meeting since, nothing had yet been carried forward; only
    # the date of the report due by 30 April had passed.
    may = text_of_html(section(client.get(due_url(world["meet"]["may"])), "actions"))
    assert "Carried forward" not in may and "did not receive it" not in may
    assert may.count("Overdue") == 1
    assert f"Overdue It was due by {day(2021, 4, 30)}." in may
    assert "That a detailed update report be brought to a future meeting." in may


def test_an_unknown_meeting_is_not_found(client):
    assert client.get("/meetings/999999/due/").status_code == 404


@pytest.mark.parametrize("who", EVERYONE)
def test_anyone_may_read_the_due_page(client, people, world, who):
    sign_in(client, people, who)
    response = client.get(due_url(world["meet"]["next"]))
    assert response.status_code == 200
    assert ("Add to the agenda" in response.content.decode()) is (who == "democratic_services")


def _due_data(committee, meeting, size: int) -> None:
    """``size`` reviews with due recommendations, the first of each proposed for sign-off,
    and ``size`` due actions, some exempt, some about draft reviews."""
    for n in range(size):
        review = ReviewFactory(committee=committee, published=bool(n % 3))
        for number in (1, 2):
            rec = RecommendationFactory(review=review, reference=number)
            rec.responsible_bodies.add(people_of(committee.council).partner.organisation)
        ClosureProposal.objects.create(
            recommendation=rec,
            entry=UpdateEntryFactory(
                recommendation=rec, update__given_on=datetime.date(2018, 1, 1)
            ),
            status="achieved",
            evidence="Shown.",
        )
        earlier = MeetingFactory(
            committee=committee, date=datetime.date(2019, 1, 1) + relativedelta(months=n)
        )
        item = AgendaItemFactory(meeting=earlier, exempt=n % 2 == 0, exempt_reason="Para 3")
        AgreedActionFactory(meeting=earlier, item=item, review=review)
        AgreedActionFactory(meeting=earlier, due_on=datetime.date(2019, 12, 31), review=review)


@pytest.mark.parametrize("size", [2, 12])
@pytest.mark.parametrize(
    ("who", "queries"), [("anonymous", 9), ("democratic_services", 13 + SESSION_SAVE)]
)
def test_the_due_page_runs_a_fixed_number_of_queries(
    client, people, committee, django_assert_max_num_queries, size, who, queries
):
    meeting = MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=30))
    _due_data(committee, meeting, size)
    sign_in(client, people, who)
    with django_assert_max_num_queries(queries):
        response = client.get(due_url(meeting))
    assert response.status_code == 200
    # One table per review with updates due; drafts (every third) only for the council.
    shown = size if who != "anonymous" else sum(1 for n in range(size) if n % 3)
    assert response.content.decode().count("govuk-table app-due") == shown
    assert response.content.decode().count('id="sign-off-recommendation-') == shown


def test_the_meeting_page_links_to_its_due_page(client, world):
    meeting = world["meet"]["next"]
    assert f'href="{due_url(meeting)}"' in client.get(meeting.get_absolute_url()).content.decode()

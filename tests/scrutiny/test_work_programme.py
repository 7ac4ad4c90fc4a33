"""A committee's work programme: its meetings to come, each with its agenda so far and what
first falls due at it, and what is not yet placed at a meeting."""

import datetime
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    MeetingFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.scrutiny.committee_people import EVERYONE, day, section, sign_in, text_of
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def programme_url(committee) -> str:
    return reverse("scrutiny:committee-work-programme", args=[committee.pk])


def words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def shown(d: datetime.date) -> str:
    return day(d.year, d.month, d.day)


@pytest.fixture
def programme(committee):
    """Two meetings held, two to come (and a cancelled one between them), with actions and
    recommendations falling due at various points."""
    held = MeetingFactory(committee=committee, date=datetime.date(2021, 5, 25))
    first = MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=40))
    MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=70), cancelled=True)
    second = MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=100))
    AgendaItemFactory(meeting=first, number=1, title="Apologies for absence")
    AgendaItemFactory(
        meeting=first, number=2, title="Care home fees", exempt=True, exempt_reason="Para 3"
    )
    agreed = MeetingFactory(committee=committee, date=datetime.date(2021, 1, 19))
    actions = {
        "future": AgreedActionFactory(meeting=agreed, text="A report at a future meeting."),
        "next": AgreedActionFactory(
            meeting=held, text="A report to the next meeting.", due_next_meeting=True
        ),
        "slipped": AgreedActionFactory(
            meeting=agreed, text="The careers pathway report.", due_meeting=held
        ),
        "second": AgreedActionFactory(
            meeting=agreed, text="A site visit report.", due_meeting=second
        ),
        "by_date": AgreedActionFactory(
            meeting=agreed,
            text="The recruitment figures.",
            due_on=TODAY + datetime.timedelta(days=80),
        ),
        "delivered": AgreedActionFactory(
            meeting=agreed,
            text="The workforce plan.",
            delivered_on=datetime.date(2021, 5, 25),
            delivered_meeting=held,
        ),
    }
    # Due by the first meeting, not on its agenda; due by the first and on its agenda; due
    # only by the second meeting.
    unplaced = ReviewFactory(
        committee=committee,
        title="Workforce review",
        response_received_on=TODAY - relativedelta(months=7),
    )
    RecommendationFactory(review=unplaced, reference="4", title="Quality of care")
    placed = ReviewFactory(
        committee=committee,
        title="Respite review",
        response_received_on=TODAY - relativedelta(months=7),
    )
    RecommendationFactory(review=placed, reference="1", title="Respite beds")
    AgendaItemFactory(meeting=first, number=3, title="Respite review update", review=placed)
    later = ReviewFactory(
        committee=committee,
        title="Transport review",
        report_agreed_on=TODAY - relativedelta(months=4),
        response_received_on=TODAY - relativedelta(months=3),
        update_interval_months=6,
    )
    RecommendationFactory(review=later, reference="2", title="Community transport")
    return {"first": first, "second": second, "actions": actions}


def test_each_meeting_to_come_with_its_agenda_and_what_first_falls_due_at_it(
    client, committee, programme
):
    response = client.get(programme_url(committee))
    assert response.status_code == 200
    first, second = programme["first"], programme["second"]
    page = text_of(response)
    assert f"Meeting of {shown(first.date)}" in page and f"Meeting of {shown(second.date)}" in page
    assert page.count("Meeting of ") == 2  # not the cancelled meeting, nor those held

    agenda = words(section(response, f"meeting-{first.pk}-agenda"))
    assert "Item 1: Apologies for absence" in agenda
    assert "Item 2: exempt item, not open to the public" in agenda
    assert "Care home fees" not in page

    at_first = words(section(response, f"meeting-{first.pk}-actions"))
    assert "A report at a future meeting." not in at_first  # no meeting chosen: not placed
    assert "A report to the next meeting." in at_first
    assert "The careers pathway report." in at_first
    assert f"Overdue It was due at the meeting of {day(2021, 5, 25)}." in at_first
    assert "The recruitment figures." not in at_first  # due by a date after the first meeting
    assert "A site visit report." not in at_first
    at_second = words(section(response, f"meeting-{second.pk}-actions"))
    assert "The recruitment figures." in at_second and "A site visit report." in at_second
    assert "A report to the next meeting." not in at_second  # shown once, at the first
    assert "The workforce plan." not in page

    recs_first = words(section(response, f"meeting-{first.pk}-recommendations"))
    assert "Workforce review" in recs_first and "Not yet on the agenda." in recs_first
    assert "Respite review" in recs_first and "On the agenda: item 3." in recs_first
    assert "Transport review" not in recs_first
    recs_second = words(section(response, f"meeting-{second.pk}-recommendations"))
    assert "Transport review" in recs_second and "Community transport" in recs_second
    assert "Workforce review" not in recs_second


def test_what_is_not_yet_placed_at_a_meeting(client, committee, programme):
    response = client.get(programme_url(committee))
    actions = words(section(response, "not-placed-actions"))
    assert "A report at a future meeting." in actions
    assert "The recruitment figures." not in actions  # falls to the second meeting
    assert "A report to the next meeting." not in actions  # falls to the first
    assert "The careers pathway report." not in actions  # placed (at a meeting it missed)
    assert "A site visit report." not in actions
    recs = words(section(response, "not-placed-recommendations"))
    first = programme["first"]
    assert f"due by {shown(first.date)}, the date of the next meeting" in recs
    assert "Workforce review : 1 recommendation with an update due" in recs  # tags as spaces
    assert "Respite review" not in recs  # on the next meeting's agenda
    assert "Transport review" not in recs  # due only by the meeting after
    # Listed by review, each linking to its table at the next meeting, not repeated here.
    assert "Quality of care" not in recs
    html = response.content.decode()
    workforce = re.search(r'id="meeting-(\d+)-review-(\d+)"[^>]*><a [^>]*>Workforce review', html)
    assert workforce and workforce[1] == str(first.pk)
    assert f'href="#meeting-{first.pk}-review-{workforce[2]}"' in section(
        response, "not-placed-recommendations"
    )
    assert "Quality of care" in words(section(response, f"meeting-{first.pk}-recommendations"))


def test_with_no_meeting_planned_what_is_due_by_today_is_unplaced(client, committee):
    review = ReviewFactory(committee=committee, title="Workforce review")
    RecommendationFactory(review=review, reference="4", title="Quality of care")
    AgreedActionFactory(
        meeting=MeetingFactory(committee=committee, date=datetime.date(2021, 1, 19)),
        text="A report at a future meeting.",
    )
    response = client.get(programme_url(committee))
    page = text_of(response)
    assert "No meetings of the committee are planned yet." in page
    assert "A report at a future meeting." in words(section(response, "not-placed-actions"))
    recs = words(section(response, "not-placed-recommendations"))
    assert f"due by {shown(TODAY)}" in recs and "Quality of care" in recs


def test_exempt_actions_and_draft_reviews_only_for_the_councils_people(
    client, people, committee, programme
):
    exempt = AgendaItemFactory(
        meeting=MeetingFactory(committee=committee, date=datetime.date(2021, 3, 1)),
        exempt=True,
        exempt_reason="Para 3",
    )
    AgreedActionFactory(meeting=exempt.meeting, item=exempt, text="Private provider rates.")
    draft = ReviewFactory(committee=committee, title="Draft review", published=False)
    RecommendationFactory(review=draft, title="Draft recommendation")
    for who, sees in [("anonymous", False), ("partner", False), ("councillor", True)]:
        client.logout()
        sign_in(client, people, who)
        page = client.get(programme_url(committee)).content.decode()
        assert ("Private provider rates." in page) is sees, who
        assert ("Draft recommendation" in page) is sees, who
        assert ("Care home fees" in page) is sees, who


@pytest.mark.parametrize("who", EVERYONE)
def test_anyone_may_read_it_and_only_read_it(client, people, committee, programme, who):
    sign_in(client, people, who)
    response = client.get(programme_url(committee))
    assert response.status_code == 200
    assert ("Add a meeting" in response.content.decode()) is (who == "democratic_services")
    assert client.post(programme_url(committee)).status_code == 405


def test_it_links_to_each_meetings_due_page_and_from_the_committee_page(
    client, committee, programme
):
    page = client.get(programme_url(committee)).content.decode()
    for meeting in (programme["first"], programme["second"]):
        assert f'href="{reverse("scrutiny:meeting-due", args=[meeting.pk])}"' in page
    committee_page = client.get(committee.get_absolute_url()).content.decode()
    assert f'href="{programme_url(committee)}"' in committee_page


def test_an_unknown_committee_is_not_found(client):
    assert client.get("/committees/999999/work-programme/").status_code == 404


def _programme_data(committee, size: int) -> None:
    """``size`` meetings to come, each with items; ``size`` reviews with due
    recommendations; actions placed at each meeting, unplaced, exempt and about drafts."""
    agreed = MeetingFactory(committee=committee, date=datetime.date(2020, 1, 1))
    for n in range(size):
        meeting = MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=n + 1))
        review = ReviewFactory(committee=committee, published=bool(n % 3))
        for number in (1, 2):
            RecommendationFactory(review=review, reference=number)
        AgendaItemFactory(meeting=meeting, review=review if n % 2 else None)
        item = AgendaItemFactory(meeting=agreed, exempt=n % 2 == 0, exempt_reason="Para 3")
        AgreedActionFactory(meeting=agreed, item=item, review=review, due_meeting=meeting)
        AgreedActionFactory(meeting=agreed, review=review)


@pytest.mark.parametrize("size", [2, 12])
@pytest.mark.parametrize(("who", "queries"), [("anonymous", 10), ("councillor", 14 + SESSION_SAVE)])
def test_the_work_programme_runs_a_fixed_number_of_queries(
    client, people, committee, django_assert_max_num_queries, size, who, queries
):
    _programme_data(committee, size)
    sign_in(client, people, who)
    with django_assert_max_num_queries(queries):
        response = client.get(programme_url(committee))
    assert response.status_code == 200
    assert text_of(response).count("Meeting of ") == size


def test_each_action_is_listed_in_one_place_only(client, committee, programme):
    html = client.get(programme_url(committee)).content.decode()
    for action in programme["actions"].values():
        if not action.delivered_on:
            assert words(html).count(action.text) == 1, action.text


def test_an_action_due_at_the_next_meeting_falls_to_it_once_it_is_added(client, committee):
    held = MeetingFactory(committee=committee, date=TODAY - datetime.timedelta(days=20))
    AgreedActionFactory(meeting=held, text="The staffing figures.", due_next_meeting=True)
    response = client.get(programme_url(committee))
    assert "The staffing figures." in words(section(response, "not-placed-actions"))
    assert "At the committee&#x27;s next meeting" in words(section(response, "not-placed-actions"))

    coming = MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=30))
    response = client.get(programme_url(committee))
    assert "The staffing figures." in words(section(response, f"meeting-{coming.pk}-actions"))
    assert "The staffing figures." not in words(section(response, "not-placed-actions"))

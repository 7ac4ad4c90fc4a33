"""Reading a meeting page: each review's recommendations as they stood at the meeting and
what changed since the previous one, what was reported at each item, decisions referred
to its items, the links democratic services get, the queries it runs, and that it is
public and read-only."""

import datetime

import pytest
from django.urls import reverse

from recommendations.models import Status
from scrutiny.models import Meeting
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)
from tests.scrutiny.committee_people import EVERYONE, WRONG_ROLES, people_of, section, sign_in
from tests.scrutiny.meetings.helpers import APRIL, JANUARY, update_at
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db


def tracker_row(response, review, number) -> str:
    html = response.content.decode()
    start = html.index(f'id="review-{review.pk}-recommendation-{number}"')
    return html[start : html.index("</tr>", start)]


@pytest.fixture
def two_meetings(committee):
    """The Leicester pattern: an executive response in January, a verbal update in April."""
    january = MeetingFactory(committee=committee, date=JANUARY)
    april = MeetingFactory(committee=committee, date=APRIL, start_time=datetime.time(17, 30))
    review = ReviewFactory(committee=committee, title="Social Care External Workforce")
    slipping = RecommendationFactory(review=review, reference="4", title="Quality of care")
    steady = RecommendationFactory(review=review, reference="5", title="Community solutions")
    untouched = RecommendationFactory(review=review, reference="8", title="Younger people")
    new_in_april = RecommendationFactory(review=review, reference="10", title="Retention")
    january_item = AgendaItemFactory(meeting=january, number=6, review=review)
    april_item = AgendaItemFactory(
        meeting=april, number=5, review=review, title="Social Care Workforce update"
    )
    update_at(january_item, slipping, new_status=Status.ON_TRACK)
    update_at(january_item, steady, new_status=Status.ON_TRACK)
    update_at(january_item, untouched, new_status=Status.PAUSED, reason="Waiting for funding")
    update_at(
        april_item,
        slipping,
        text="A report on career pathways was received today.",
        new_status=Status.SLIPPED,
        revised_target_date=datetime.date(2022, 9, 30),
        reason="The pandemic moved training online.",
    )
    update_at(april_item, steady, text="The sub-regional group meets in June.")
    update_at(april_item, new_in_april, new_status=Status.ON_TRACK)
    # After the April meeting: must not change what April shows.
    UpdateEntryFactory(
        update=ProgressUpdateFactory(given_on=datetime.date(2021, 5, 1)),
        recommendation=steady,
        new_status=Status.SLIPPED,
        revised_target_date=datetime.date(2023, 1, 1),
        reason="Later news",
    )
    return january, april, review, april_item


def test_meeting_shows_status_as_at_the_meeting_and_change_since_the_previous(client, two_meetings):
    january, april, review, _ = two_meetings
    response = client.get(april.get_absolute_url())
    assert response.status_code == 200

    row = tracker_row(response, review, 4)
    assert "Slipped" in row
    assert "Changed</span> from on track to slipped" in row
    assert "(revised from" in row

    row = tracker_row(response, review, 5)
    assert "On track" in row  # the May slip came after this meeting
    assert "Slipped" not in row
    assert "New update, status unchanged" in row

    row = tracker_row(response, review, 8)
    assert "Paused" in row
    assert "No change" in row

    row = tracker_row(response, review, 10)
    assert "Changed</span> from not started to on track" in row

    html = response.content.decode()
    assert "previous meeting on" in html
    assert january.get_absolute_url() in html


def test_first_meeting_counts_change_from_the_start(client, two_meetings):
    january, _, review, _ = two_meetings
    response = client.get(january.get_absolute_url())
    assert "first meeting recorded here" in response.content.decode()
    assert "Changed</span> from not started to on track" in tracker_row(response, review, 4)
    assert "Changed</span> from not started to paused" in tracker_row(response, review, 8)
    assert "Not started" in tracker_row(response, review, 10)


def test_meeting_shows_what_was_said_at_each_item(client, two_meetings):
    _, april, _, april_item = two_meetings
    response = client.get(april.get_absolute_url())
    agenda = section(response, "agenda")
    item_html = agenda[agenda.index('id="item-5"') :]
    assert "Item 5: Social Care Workforce update" in item_html
    assert "A report on career pathways was received today." in item_html
    assert "The sub-regional group meets in June." in item_html
    assert "The pandemic moved training online." in item_html
    assert item_html.index("Recommendation 4") < item_html.index("Recommendation 5")


def test_a_review_with_updates_but_not_on_the_agenda_is_still_tracked(client, meeting):
    review = ReviewFactory(committee=meeting.committee, title="Carers review")
    item = AgendaItemFactory(meeting=meeting, number=3, title="Any other business")
    update_at(item, RecommendationFactory(review=review, reference=1), new_status=Status.ON_TRACK)
    response = client.get(meeting.get_absolute_url())
    assert "Recommendations of Carers review" in section(response, "recommendations")


def test_meeting_shows_decisions_referred_to_its_items(client, meeting):
    item = AgendaItemFactory(meeting=meeting, number=8, title="Reference from Cabinet")
    ExecutiveDecisionFactory(
        referred_to=meeting.committee, referred_to_item=item, minute_number="C129"
    )
    response = client.get(meeting.get_absolute_url())
    assert "C129: Proposal to develop a regional social care workforce" in section(
        response, "agenda"
    )


def test_a_missing_meeting_is_404(client):
    assert client.get(reverse("scrutiny:meeting-detail", args=[999999])).status_code == 404


def test_meeting_links_for_democratic_services_only(client, people, meeting):
    review = ReviewFactory(committee=meeting.committee)
    item = AgendaItemFactory(meeting=meeting, number=4, review=review)
    update_url = reverse("recommendations:update-create", args=[review.pk]) + f"?item={item.pk}"
    links = [
        reverse("scrutiny:meeting-edit", args=[meeting.pk]),
        reverse("scrutiny:item-create", args=[meeting.pk]),
        reverse("scrutiny:action-create", args=[meeting.pk]),
        reverse("scrutiny:item-edit", args=[item.pk]),
        update_url,
    ]
    for role in WRONG_ROLES:
        client.force_login(getattr(people, role))
        html = client.get(meeting.get_absolute_url()).content.decode()
        assert not any(link in html for link in links), role
    client.force_login(people.democratic_services)
    html = client.get(meeting.get_absolute_url()).content.decode()
    for link in links:
        assert link in html, link


def _meeting_with(size: int) -> Meeting:
    committee = CommitteeFactory()
    MeetingFactory(committee=committee, date=datetime.date(2020, 12, 1))
    meeting = MeetingFactory(committee=committee, date=datetime.date(2021, 6, 1))
    later = MeetingFactory(committee=committee, date=datetime.date(2021, 9, 1))
    for n in range(size):
        review = ReviewFactory(committee=committee)
        item = AgendaItemFactory(
            meeting=meeting,
            number=n + 1,
            review=review,
            exempt=n % 3 == 0,
            exempt_reason="Paragraph 3" if n % 3 == 0 else "",
        )
        recs = [RecommendationFactory(review=review, reference=k) for k in (1, 2)]
        for rec in recs:
            update_at(item, rec, new_status=Status.ON_TRACK)
            recs[0].responsible_bodies.add(committee.council)
        ExecutiveDecisionFactory(referred_to=committee, referred_to_item=item)
        AgreedActionFactory(meeting=meeting, item=item, review=review, due_meeting=later)
        earlier = AgreedActionFactory(meeting=MeetingFactory(committee=committee), review=review)
        earlier.due_meeting = meeting
        earlier.delivered_on = meeting.date
        earlier.delivered_meeting = meeting
        earlier.save()
    return meeting


@pytest.mark.parametrize("size", [2, 15])
@pytest.mark.parametrize(
    ("who", "queries"), [("anonymous", 14), ("democratic_services", 18 + SESSION_SAVE)]
)
def test_meeting_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, size, who, queries
):
    meeting = _meeting_with(size)
    if who != "anonymous":
        client.force_login(people_of(meeting.committee.council).democratic_services)
    with django_assert_max_num_queries(queries):
        response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("app-agenda-item") == size
    assert html.count("Changed</span> from not started to on track") == 2 * (
        size if who != "anonymous" else size - len(range(0, size, 3))
    )


@pytest.mark.parametrize("who", EVERYONE)
def test_meeting_page_is_public_and_read_only(client, people, meeting, who):
    sign_in(client, people, who)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert client.post(meeting.get_absolute_url()).status_code == 405


def test_no_update_is_offered_at_an_item_of_a_meeting_not_yet_held(client, people, committee):
    review = ReviewFactory(committee=committee)
    future = MeetingFactory(
        committee=committee, date=datetime.date.today() + datetime.timedelta(days=7)
    )
    item = AgendaItemFactory(meeting=future, number=4, review=review)
    client.force_login(people.democratic_services)
    html = client.get(future.get_absolute_url()).content.decode()
    assert reverse("scrutiny:item-edit", args=[item.pk]) in html
    assert reverse("recommendations:update-create", args=[review.pk]) not in html

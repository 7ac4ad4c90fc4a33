"""Meeting pages: the agenda with exempt items kept from those not allowed, what was
reported at each item, each review's recommendations as they stood at the meeting and what
changed since the previous one; and the meeting and agenda item forms."""

import datetime

import pytest
from django.urls import reverse

from recommendations.models import Status
from scrutiny.models import AgendaItem, Meeting
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
from tests.scrutiny.committee_people import (
    EVERYONE,
    WRONG_ROLES,
    date_fields,
    error_summary,
    people_of,
    section,
    sign_in,
)
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db

JANUARY = datetime.date(2021, 1, 19)
APRIL = datetime.date(2021, 4, 20)


@pytest.fixture
def meeting(committee):
    return MeetingFactory(committee=committee, date=APRIL, venue="Meeting Room G.01")


def tracker_row(response, review, number) -> str:
    html = response.content.decode()
    start = html.index(f'id="review-{review.pk}-recommendation-{number}"')
    return html[start : html.index("</tr>", start)]


def update_at(item, recommendation, **entry):
    update = ProgressUpdateFactory(item=item, given_on=item.meeting.date)
    return UpdateEntryFactory(update=update, recommendation=recommendation, **entry)


# --- The meeting page -------------------------------------------------------------------


@pytest.fixture
def two_meetings(committee):
    """The Leicester pattern: an executive response in January, a verbal update in April."""
    january = MeetingFactory(committee=committee, date=JANUARY)
    april = MeetingFactory(committee=committee, date=APRIL, start_time=datetime.time(17, 30))
    review = ReviewFactory(committee=committee, title="Social Care External Workforce")
    slipping = RecommendationFactory(review=review, number=4, title="Quality of care")
    steady = RecommendationFactory(review=review, number=5, title="Community solutions")
    untouched = RecommendationFactory(review=review, number=8, title="Younger people")
    new_in_april = RecommendationFactory(review=review, number=10, title="Retention")
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
    update_at(item, RecommendationFactory(review=review, number=1), new_status=Status.ON_TRACK)
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


@pytest.fixture
def exempt_business(meeting):
    review = ReviewFactory(committee=meeting.committee, title="Secret review of pay")
    rec = RecommendationFactory(review=review, number=1)
    AgendaItemFactory(meeting=meeting, number=1, title="Minutes of the last meeting")
    item = AgendaItemFactory(
        meeting=meeting,
        number=2,
        title="Care home contract negotiations",
        description="Prices offered by providers.",
        exempt=True,
        exempt_reason="Schedule 12A, paragraph 3",
        review=review,
    )
    update_at(
        item,
        rec,
        text="Provider X offered a lower price.",
        new_status=Status.SLIPPED,
        revised_target_date=datetime.date(2022, 1, 1),
        reason="Provider pulled out",
    )
    AgreedActionFactory(meeting=meeting, item=item, text="Seek a second provider")
    ExecutiveDecisionFactory(
        referred_to=meeting.committee, referred_to_item=item, title="Confidential land sale"
    )
    return item


SECRETS = [
    "Care home contract negotiations",
    "Prices offered by providers.",
    "Schedule 12A, paragraph 3",
    "Provider X offered a lower price.",
    "Seek a second provider",
    "Confidential land sale",
    "Secret review of pay",
]


@pytest.mark.parametrize("who", ["anonymous", "partner", "other_democratic_services"])
def test_exempt_items_are_only_a_placeholder_for_those_not_allowed(
    client, people, meeting, exempt_business, who
):
    sign_in(client, people, who)
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Item 2: exempt item, not open to the public" in html
    assert "Item 1: Minutes of the last meeting" in html
    for secret in SECRETS:
        assert secret not in html, secret


def test_a_councillor_of_the_council_sees_exempt_items_marked_exempt(
    client, people, meeting, exempt_business
):
    client.force_login(people.councillor)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Item 2: Care home contract negotiations" in html
    assert "Exempt</strong>" in html
    assert "Not open to the public: Schedule 12A, paragraph 3" in html
    for secret in SECRETS:
        assert secret in html, secret
    assert "exempt item, not open to the public" not in html


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
        recs = [RecommendationFactory(review=review, number=k) for k in (1, 2)]
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


# --- Meeting forms ----------------------------------------------------------------------


def meeting_post(day=4, month=12, year=2017, **overrides):
    data = {
        **date_fields("date", day, month, year),
        "start_time": "17:30",
        "venue": "Committee Room 1",
    }
    return {**data, **overrides}


def test_meeting_forms_send_anonymous_visitors_to_sign_in(client, committee, meeting):
    for url in [
        reverse("scrutiny:meeting-create", args=[committee.pk]),
        reverse("scrutiny:meeting-edit", args=[meeting.pk]),
    ]:
        for response in [client.get(url), client.post(url, meeting_post())]:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize("role", WRONG_ROLES)
def test_meeting_forms_are_forbidden_to_wrong_roles_and_other_councils(
    client, people, committee, meeting, role
):
    client.force_login(getattr(people, role))
    create = reverse("scrutiny:meeting-create", args=[committee.pk])
    edit = reverse("scrutiny:meeting-edit", args=[meeting.pk])
    for url in [create, edit]:
        assert client.get(url).status_code == 403
        assert client.post(url, meeting_post(venue="Changed")).status_code == 403
    assert Meeting.objects.count() == 1
    meeting.refresh_from_db()
    assert meeting.venue == "Meeting Room G.01"


def test_democratic_services_add_a_meeting(client, people, committee):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:meeting-create", args=[committee.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, meeting_post(), follow=True)
    meeting = Meeting.objects.get()
    assert meeting.committee == committee
    assert meeting.date == datetime.date(2017, 12, 4)
    assert meeting.start_time == datetime.time(17, 30)
    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    assert "Meeting added" in response.content.decode()


def test_democratic_services_edit_a_meeting(client, people, meeting):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:meeting-edit", args=[meeting.pk])
    html = client.get(url).content.decode()
    assert 'value="Meeting Room G.01"' in html
    assert 'value="2021"' in html
    response = client.post(
        url, meeting_post(20, 4, 2021, venue="Online", cancelled="on", version="1"), follow=True
    )
    meeting.refresh_from_db()
    assert meeting.venue == "Online" and meeting.cancelled
    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    assert "This meeting was cancelled." in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date_0": "", "date_1": "", "date_2": ""}, "Enter the date of the meeting"),
        (date_fields("date", 31, 2, 2024), "Enter a real date"),
        (date_fields("date", "4", "", "2017"), "Enter the month"),
        (date_fields("date", "x", "12", "2017"), "Enter a valid date"),
        ({"start_time": "half five"}, "Enter a time like 17:30"),
    ],
)
def test_meeting_form_errors_keep_input_and_save_nothing(client, people, committee, data, message):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:meeting-create", args=[committee.pk])
    response = client.post(url, meeting_post(venue="Typed venue", **data))
    assert response.status_code == 200
    assert message in error_summary(response)
    assert 'value="Typed venue"' in response.content.decode()
    assert "(error)" in response.content.decode()  # the page title says so
    assert not Meeting.objects.exists()


def test_a_committee_cannot_meet_twice_at_the_same_date_and_time(
    client, people, committee, meeting
):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:meeting-create", args=[committee.pk])
    response = client.post(url, meeting_post(20, 4, 2021, start_time="17:30"))
    assert response.status_code == 200
    assert "already has a meeting on this date at this time" in error_summary(response)
    assert Meeting.objects.count() == 1
    # Another time the same day is a separate meeting.
    assert client.post(url, meeting_post(20, 4, 2021, start_time="10:00")).status_code == 302


# --- Agenda item forms ------------------------------------------------------------------


def item_post(**overrides):
    data = {
        "number": "8",
        "title": "Reference from Cabinet",
        "description": "",
        "review": "",
        "exempt_reason": "",
    }
    return {**data, **overrides}


def test_item_forms_send_anonymous_visitors_to_sign_in(client, meeting):
    item = AgendaItemFactory(meeting=meeting, number=1)
    for url in [
        reverse("scrutiny:item-create", args=[meeting.pk]),
        reverse("scrutiny:item-edit", args=[item.pk]),
    ]:
        for response in [client.get(url), client.post(url, item_post())]:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))
    assert AgendaItem.objects.count() == 1


@pytest.mark.parametrize("role", WRONG_ROLES)
def test_item_forms_are_forbidden_to_wrong_roles_and_other_councils(client, people, meeting, role):
    item = AgendaItemFactory(meeting=meeting, number=1, title="Original")
    client.force_login(getattr(people, role))
    for url in [
        reverse("scrutiny:item-create", args=[meeting.pk]),
        reverse("scrutiny:item-edit", args=[item.pk]),
    ]:
        assert client.get(url).status_code == 403
        assert client.post(url, item_post(number="1", title="Changed")).status_code == 403
    item.refresh_from_db()
    assert item.title == "Original"
    assert AgendaItem.objects.count() == 1


def test_democratic_services_add_an_item_numbered_next(client, people, meeting):
    AgendaItemFactory(meeting=meeting, number=7)
    review = ReviewFactory(committee=meeting.committee)
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:item-create", args=[meeting.pk])
    assert 'value="8"' in client.get(url).content.decode()
    response = client.post(url, item_post(review=review.pk), follow=True)
    item = AgendaItem.objects.get(number=8)
    assert item.meeting == meeting and item.review == review
    assert response.redirect_chain[-1][0] == f"{meeting.get_absolute_url()}#item-8"
    assert "Item 8: Reference from Cabinet added to the agenda" in response.content.decode()


@pytest.mark.parametrize("number", ["1000", "40000"])
def test_an_item_number_past_999_is_refused_in_words(client, people, meeting, number):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:item-create", args=[meeting.pk])
    response = client.post(url, item_post(number=number))
    assert response.status_code == 200
    assert "The item number must be 999 or less" in response.content.decode()
    assert "32767" not in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_democratic_services_edit_an_item_and_mark_it_exempt(client, people, meeting):
    item = AgendaItemFactory(meeting=meeting, number=2, title="Contracts")
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:item-edit", args=[item.pk])
    assert 'value="Contracts"' in client.get(url).content.decode()
    response = client.post(
        url,
        item_post(
            number="2", title="Contracts", exempt="on", exempt_reason="Paragraph 3", version="1"
        ),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.exempt and item.exempt_reason == "Paragraph 3"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"number": "3"}, "Item 3 is already on this meeting&#x27;s agenda"),
        ({"exempt": "on", "exempt_reason": "  "}, "Say why the item is exempt"),
        ({"number": ""}, "Enter the item number"),
        ({"number": "0"}, "Item numbers start at 1"),
        ({"title": ""}, "Enter the item&#x27;s title"),
    ],
)
def test_item_form_errors_keep_input_and_save_nothing(client, people, meeting, data, message):
    AgendaItemFactory(meeting=meeting, number=3)
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:item-create", args=[meeting.pk])
    response = client.post(url, item_post(description="Typed description", **data))
    assert response.status_code == 200
    assert message in error_summary(response)
    assert "Typed description" in response.content.decode()
    assert AgendaItem.objects.count() == 1


def test_editing_an_item_keeps_its_own_number(client, people, meeting):
    item = AgendaItemFactory(meeting=meeting, number=3)
    client.force_login(people.democratic_services)
    response = client.post(
        reverse("scrutiny:item-edit", args=[item.pk]),
        item_post(number="3", title="Renamed", version="1"),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Renamed"


def test_item_review_must_belong_to_the_committees_council(client, people, meeting):
    own = ReviewFactory(committee=CommitteeFactory(council=meeting.committee.council))
    foreign = ReviewFactory(title="Another council's review")
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:item-create", args=[meeting.pk])
    html = client.get(url).content.decode()
    assert own.title in html and foreign.title not in html
    response = client.post(url, item_post(review=foreign.pk))
    assert response.status_code == 200
    assert "Select a valid choice" in error_summary(response)
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize("who", EVERYONE)
def test_meeting_page_is_public_and_read_only(client, people, meeting, who):
    sign_in(client, people, who)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert client.post(meeting.get_absolute_url()).status_code == 405

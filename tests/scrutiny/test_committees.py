"""Committee pages: the public list and detail, and the forms democratic services use."""

import datetime

import pytest
from django.urls import reverse

from recommendations.models import Status
from scrutiny.models import Committee
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    CouncilFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
    UserFactory,
)
from tests.scrutiny.committee_people import (
    EVERYONE,
    WRONG_ROLES,
    error_summary,
    section,
    sign_in,
)
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def committee(council):
    return CommitteeFactory(
        council=council,
        name="Adult Social Care Scrutiny Commission",
        chair="Councillor Chair",
        vice_chair="Councillor Vice Chair",
        remit="Adult social care and its external workforce.",
    )


def committee_post(council, **overrides):
    data = {
        "council": council.pk,
        "name": "Health Scrutiny Commission",
        "kind": Committee.Kind.SCRUTINY,
        "chair": "Councillor A",
        "vice_chair": "",
        "remit": "",
        "update_request_days": 21,
    }
    return {**data, **overrides}


# --- List -------------------------------------------------------------------------------


def test_list_groups_committees_by_council_for_anyone(client, committee):
    other = CommitteeFactory(
        council=CouncilFactory(name="Vale of Glamorgan Council"),
        name="Healthy Living and Social Care Scrutiny Committee",
    )
    MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=10))
    response = client.get(reverse("scrutiny:committee-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Leicester City Council</caption>" in html
    assert "Vale of Glamorgan Council</caption>" in html
    assert html.index("Leicester City Council</caption>") < html.index(committee.name)
    assert html.index(committee.name) < html.index("Vale of Glamorgan Council</caption>")
    assert other.name in html
    assert "None planned" in html  # the other committee has no meeting
    assert "Add a committee" not in html


def test_list_offers_add_a_committee_only_to_democratic_services(client, people, committee):
    client.force_login(people.councillor)
    assert "Add a committee" not in client.get(reverse("scrutiny:committee-list")).content.decode()
    client.force_login(people.democratic_services)
    assert "Add a committee" in client.get(reverse("scrutiny:committee-list")).content.decode()


# --- Detail -----------------------------------------------------------------------------


def test_detail_shows_the_committee_its_meetings_reviews_decisions_and_actions(client, committee):
    past = MeetingFactory(committee=committee, date=datetime.date(2021, 1, 19))
    upcoming = MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=30))
    review = ReviewFactory(committee=committee, title="Social Care External Workforce")
    on_track = RecommendationFactory(review=review, reference=1)
    RecommendationFactory(review=review, reference=2)
    UpdateEntryFactory(
        update=ProgressUpdateFactory(given_on=datetime.date(2021, 1, 1)),
        recommendation=on_track,
        new_status=Status.ON_TRACK,
    )
    ExecutiveDecisionFactory(
        referred_to=committee, minute_number="C129", title="Regional workforce unit"
    )
    overdue = AgreedActionFactory(
        meeting=past, text="Report on career pathways", due_on=datetime.date(2021, 6, 1)
    )
    outstanding = AgreedActionFactory(meeting=past, text="Update at a future meeting")
    AgreedActionFactory(
        meeting=past, text="Already delivered action", delivered_on=datetime.date(2021, 3, 1)
    )

    response = client.get(committee.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Leicester City Council",
        "Scrutiny committee",
        "Councillor Chair",
        "Councillor Vice Chair",
        "Adult social care and its external workforce.",
        "Social Care External Workforce",
        "C129: Regional workforce unit",
        "Report on career pathways",
        "Update at a future meeting",
    ]:
        assert text in html, text
    assert upcoming.get_absolute_url() in section(response, "upcoming-meetings")
    assert past.get_absolute_url() not in section(response, "upcoming-meetings")
    assert past.get_absolute_url() in section(response, "past-meetings")
    # Counts by status: one on track, one not started.
    assert '1 <strong class="govuk-tag govuk-tag--blue">On track</strong>' in html
    assert '1 <strong class="govuk-tag govuk-tag--grey">Not started</strong>' in html
    # Only outstanding actions, the overdue one flagged.
    assert "Already delivered action" not in html
    assert "2 outstanding, of which 1 overdue" in html
    overdue_row = html[html.index(f'id="action-{overdue.pk}"') :]
    assert "Overdue" in overdue_row[: overdue_row.index("</tr>")]
    outstanding_row = html[html.index(f'id="action-{outstanding.pk}"') :]
    assert "Overdue" not in outstanding_row[: outstanding_row.index("</tr>")]


def test_detail_hides_draft_reviews_and_exempt_business_from_the_public(client, people, committee):
    ReviewFactory(committee=committee, title="Draft review on pay", published=False)
    meeting = MeetingFactory(committee=committee)
    exempt = AgendaItemFactory(
        meeting=meeting, exempt=True, exempt_reason="Schedule 12A, paragraph 3"
    )
    AgreedActionFactory(meeting=meeting, item=exempt, text="Negotiate the secret contract")
    ExecutiveDecisionFactory(
        referred_to=committee, referred_to_item=exempt, title="Confidential property sale"
    )
    for user in [None, people.partner]:
        client.logout()
        if user:
            client.force_login(user)
        html = client.get(committee.get_absolute_url()).content.decode()
        assert "Draft review on pay" not in html
        assert "Negotiate the secret contract" not in html
        assert "Confidential property sale" not in html
    client.force_login(people.councillor)
    html = client.get(committee.get_absolute_url()).content.decode()
    assert "Draft review on pay" in html
    assert "Negotiate the secret contract" in html
    assert "Confidential property sale" in html


def test_detail_of_a_missing_committee_is_404(client):
    assert client.get(reverse("scrutiny:committee-detail", args=[999999])).status_code == 404


def test_detail_offers_changes_only_to_the_councils_democratic_services(client, people, committee):
    edit_url = reverse("scrutiny:committee-edit", args=[committee.pk])
    for role in WRONG_ROLES:
        client.force_login(getattr(people, role))
        assert edit_url not in client.get(committee.get_absolute_url()).content.decode()
    client.force_login(people.democratic_services)
    html = client.get(committee.get_absolute_url()).content.decode()
    assert edit_url in html
    assert reverse("scrutiny:meeting-create", args=[committee.pk]) in html


def _committee_with(size: int):
    committee = CommitteeFactory()
    for n in range(size):
        meeting = MeetingFactory(committee=committee)
        item = AgendaItemFactory(meeting=meeting, number=1)
        review = ReviewFactory(committee=committee)
        for number in (1, 2):
            rec = RecommendationFactory(review=review, reference=number)
            UpdateEntryFactory(
                update=ProgressUpdateFactory(item=item, given_on=meeting.date),
                recommendation=rec,
                new_status=Status.ON_TRACK,
            )
        AgreedActionFactory(meeting=meeting, item=item, review=review, due_meeting=meeting)
        ExecutiveDecisionFactory(referred_to=committee, referred_to_item=item)
        if n % 2:
            AgreedActionFactory(meeting=meeting, due_on=datetime.date(2021, 1, 1))
    return committee


@pytest.mark.parametrize("size", [2, 20])
def test_detail_runs_a_fixed_number_of_queries(client, people, django_assert_max_num_queries, size):
    committee = _committee_with(size)
    client.force_login(people.councillor)
    # Session, user, groups, organisation, then the page's own queries.
    with django_assert_max_num_queries(12 + SESSION_SAVE):
        response = client.get(committee.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 20])
def test_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    for _ in range(size):
        MeetingFactory(committee=CommitteeFactory())
    with django_assert_max_num_queries(1):
        response = client.get(reverse("scrutiny:committee-list"))
    assert response.content.decode().count('class="govuk-table__row"') == 2 * size
    assert response.status_code == 200


# --- Create -----------------------------------------------------------------------------


def test_create_sends_anonymous_visitors_to_sign_in(client, council):
    url = reverse("scrutiny:committee-create")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    response = client.post(url, committee_post(council))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Committee.objects.exists()


@pytest.mark.parametrize("role", ["councillor", "officer", "partner"])
def test_create_is_forbidden_to_other_roles(client, people, council, role):
    client.force_login(getattr(people, role))
    url = reverse("scrutiny:committee-create")
    assert client.get(url).status_code == 403
    assert client.post(url, committee_post(council)).status_code == 403
    assert not Committee.objects.exists()


def test_democratic_services_create_a_committee_of_their_council(client, people, council):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:committee-create")
    assert client.get(url).status_code == 200
    response = client.post(url, committee_post(council), follow=True)
    committee = Committee.objects.get()
    assert committee.council == council
    assert committee.name == "Health Scrutiny Commission"
    assert response.redirect_chain[-1][0] == committee.get_absolute_url()
    assert "Health Scrutiny Commission added" in response.content.decode()


def test_democratic_services_cannot_create_a_committee_for_another_council(client, people, council):
    client.force_login(people.democratic_services)
    other = people.other_democratic_services.organisation
    response = client.post(reverse("scrutiny:committee-create"), committee_post(other))
    assert response.status_code == 200
    assert "Select a valid choice" in error_summary(response)
    assert not Committee.objects.exists()


def test_an_administrator_may_create_a_committee_for_any_council(client, council):
    admin = UserFactory(is_superuser=True, is_staff=True, organisation=None)
    client.force_login(admin)
    response = client.post(reverse("scrutiny:committee-create"), committee_post(council))
    assert response.status_code == 302
    assert Committee.objects.get().council == council


def test_create_with_bad_input_shows_errors_keeps_input_and_saves_nothing(
    client, people, council, committee
):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:committee-create")
    response = client.post(url, committee_post(council, name="", chair="Councillor Typed"))
    assert response.status_code == 200
    assert "Enter the committee&#x27;s name" in error_summary(response)
    assert 'value="Councillor Typed"' in response.content.decode()
    # The same name twice in one council.
    response = client.post(url, committee_post(council, name=committee.name))
    assert response.status_code == 200
    assert error_summary(response)
    assert Committee.objects.count() == 1


def test_an_error_on_the_kind_links_to_its_first_radio_and_the_browser_leaves_checks_to_us(
    client, people, council
):
    client.force_login(people.democratic_services)
    response = client.post(reverse("scrutiny:committee-create"), committee_post(council, kind=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="#id_kind_1">' in error_summary(response)
    assert 'id="id_kind_1"' in html
    assert '<form method="post" novalidate>' in html


# --- Edit -------------------------------------------------------------------------------


def test_edit_sends_anonymous_visitors_to_sign_in(client, committee):
    response = client.get(reverse("scrutiny:committee-edit", args=[committee.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", WRONG_ROLES)
def test_edit_is_forbidden_to_wrong_roles_and_other_councils(client, people, committee, role):
    client.force_login(getattr(people, role))
    url = reverse("scrutiny:committee-edit", args=[committee.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, committee_post(committee.council, name="Renamed"))
    assert response.status_code == 403
    committee.refresh_from_db()
    assert committee.name == "Adult Social Care Scrutiny Commission"


def test_democratic_services_edit_their_councils_committee(client, people, committee):
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:committee-edit", args=[committee.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'value="Councillor Chair"' in response.content.decode()
    response = client.post(
        url,
        committee_post(committee.council, name="Adult Social Care Commission", version="1"),
        follow=True,
    )
    committee.refresh_from_db()
    assert committee.name == "Adult Social Care Commission"
    assert response.redirect_chain[-1][0] == committee.get_absolute_url()
    assert "Adult Social Care Commission saved" in response.content.decode()


@pytest.mark.parametrize("who", EVERYONE)
def test_committee_pages_are_public_and_read_only(client, people, committee, who):
    sign_in(client, people, who)
    for url in [reverse("scrutiny:committee-list"), committee.get_absolute_url()]:
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 405

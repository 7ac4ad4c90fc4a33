"""The organisation pages: the list by kind, and one organisation with everything it carries."""

import datetime

import pytest
from django.urls import reverse

from partnerships import selectors
from partnerships.models import Organisation, PartnershipFunction, Role
from recommendations.models import Status
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    AliasFactory,
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
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db


def detail_url(organisation):
    return reverse("partnerships:organisation-detail", args=[organisation.pk])


LIST_URL = "/organisations/"


@pytest.fixture
def world():
    """LSCDG, a partnership hosted by Leicester City, carrying recommendations of a Leicester
    review and of a Vale of Glamorgan review, plus a draft Leicester review."""
    leicester = CouncilFactory(name="Leicester City Council", short_name="LCC")
    county = CouncilFactory(name="Leicestershire County Council", short_name="LCoC")
    rutland = CouncilFactory(name="Rutland County Council", short_name="RCC")
    vale = CouncilFactory(name="Vale of Glamorgan Council", short_name="VoG")
    lscdg = PartnershipFactory(
        name="Leicester/shire Social Care Development Group",
        short_name="LSCDG",
        host=leicester,
        legal_basis="A partnership agreement between the three councils.",
        established_year=2015,
        description="Develops the social care workforce across the three councils.",
        website="https://lscdg.example.org/",
    )
    lscdg.members.set([leicester, county, rutland])
    AliasFactory(organisation=lscdg, name="LSDG")
    for position, name in [(2, "Recruitment"), (1, "Workforce planning"), (3, "Training")]:
        PartnershipFunction.objects.create(partnership=lscdg, position=position, name=name)
    skills = Organisation.objects.create(
        name="Skills for Care", kind=Organisation.Kind.NATIONAL, short_name="SfC"
    )
    nhs = Organisation.objects.create(name="Leicester Partnership NHS Trust", kind="nhs")

    commission = CommitteeFactory(council=leicester, name="Adult Social Care Scrutiny Commission")
    vale_committee = CommitteeFactory(
        council=vale, name="Healthy Living and Social Care Scrutiny Committee"
    )
    workforce = ReviewFactory(committee=commission, title="Social Care External Workforce")
    regional = ReviewFactory(committee=vale_committee, title="Regional Workforce Unit")
    draft = ReviewFactory(committee=commission, title="Home Care Draft Review", published=False)

    retention = RecommendationFactory(
        review=workforce, reference="4", title="Quality of care and improving retention rates"
    )
    retention.responsible_bodies.set([lscdg, skills])
    training = RecommendationFactory(
        review=regional, reference="2", title="Regional training offer"
    )
    training.responsible_bodies.set([lscdg])
    secret = RecommendationFactory(review=draft, reference="1", title="Draft home care idea")
    secret.responsible_bodies.set([lscdg])

    meeting = MeetingFactory(committee=commission, date=datetime.date(2021, 1, 19))
    item = AgendaItemFactory(meeting=meeting, number=5, title="Workforce review update")
    update = ProgressUpdateFactory(
        organisation=lscdg,
        given_on=meeting.date,
        kind="verbal",
        given_by_role="Representative",
        item=item,
        summary="Recruitment campaign launched across the three councils.",
    )
    UpdateEntryFactory(update=update, recommendation=retention, new_status=Status.ON_TRACK)
    exempt_item = AgendaItemFactory(
        meeting=meeting, number=9, title="Provider costs", exempt=True, exempt_reason="Para 3"
    )
    exempt_update = ProgressUpdateFactory(
        organisation=lscdg,
        given_on=datetime.date(2021, 1, 19),
        given_by_role="Representative",
        item=exempt_item,
        summary="Confidential provider rates discussed.",
    )
    UpdateEntryFactory(update=exempt_update, recommendation=training)
    AgreedActionFactory(
        meeting=meeting,
        item=item,
        review=workforce,
        falls_to="LSCDG representative",
        falls_to_organisation=lscdg,
        text="That a detailed update report be brought to a future meeting.",
    )
    return {
        "leicester": leicester,
        "vale": vale,
        "lscdg": lscdg,
        "skills": skills,
        "nhs": nhs,
        "commission": commission,
    }


def test_the_list_groups_organisations_by_kind_with_short_names_and_aliases(client, world):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    html = response.content.decode()
    headings = ["Councils", "Partnerships", "National bodies", "NHS bodies"]
    positions = [html.index(f'">{heading}</h2>') for heading in headings]
    assert positions == sorted(positions)
    assert "Other organisations</h2>" not in html  # no empty groups
    assert "Leicester/shire Social Care Development Group (LSCDG)" in html
    assert "Also written as LSDG" in html
    assert "Hosted by Leicester City Council" in html
    assert f'href="{detail_url(world["lscdg"])}"' in html
    # Councils are under their heading, not the partnerships'.
    assert html.index("Vale of Glamorgan Council") < positions[1] < html.index("(LSCDG)")


def test_the_list_is_open_to_signed_in_people_too(client, world):
    client.force_login(user_with_role(Role.COUNCILLOR, organisation=world["leicester"]))

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert "Also written as LSDG" in response.content.decode()


def test_a_partnership_page_shows_who_it_is_its_host_members_and_functions(client, world):
    lscdg, leicester = world["lscdg"], world["leicester"]

    response = client.get(detail_url(lscdg))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Leicester/shire Social Care Development Group</h1>" in html
    assert "LSCDG" in html
    assert "LSDG" in html
    assert "Partnership" in html
    assert "Develops the social care workforce" in html
    assert 'href="https://lscdg.example.org/"' in html
    assert f'href="{detail_url(leicester)}">Leicester City Council (LCC)</a>' in html
    assert "Rutland County Council (RCC)" in html
    assert "A partnership agreement between the three councils." in html
    assert "2015" in html
    functions = html[html.index('<ol class="govuk-list govuk-list--number">') :]
    assert (
        functions.index("Workforce planning")
        < functions.index("Recruitment")
        < functions.index("Training")
    )


def test_a_council_page_shows_its_partnerships_and_committees(client, world):
    response = client.get(detail_url(world["leicester"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "A member of:" in html
    assert "Hosts:" in html
    assert html.count(f'href="{detail_url(world["lscdg"])}"') == 2
    assert "Adult Social Care Scrutiny Commission" in html
    assert world["commission"].get_absolute_url() in html
    # A council's page does not pretend to be a partnership's.
    assert "Host authority" not in html


def test_everything_it_carries_spans_reviews_of_two_councils(client, world):
    response = client.get(detail_url(world["lscdg"]))

    html = response.content.decode()
    assert "Everything it carries" in html
    assert "Leicester City Council</h4>" in html
    assert "Vale of Glamorgan Council</h4>" in html
    assert "Social Care External Workforce" in html
    assert "Regional Workforce Unit" in html
    assert "Quality of care and improving retention rates" in html
    assert "Regional training offer" in html
    # Statuses come from the updates, as tags with words.
    assert '<strong class="govuk-tag govuk-tag--blue">On track</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--grey">Not started</strong>' in html
    # The other body carrying recommendation 4 with it.
    assert f'href="{detail_url(world["skills"])}">SfC</a>' in html
    assert "That a detailed update report be brought to a future meeting." in html
    assert "Recruitment campaign launched across the three councils." in html


def test_a_national_body_carries_the_recommendations_it_shares(client, world):
    response = client.get(detail_url(world["skills"]))

    html = response.content.decode()
    assert "Quality of care and improving retention rates" in html
    assert "Regional training offer" not in html
    assert "It has given no updates that you can see." in html


def test_draft_reviews_and_exempt_updates_are_hidden_from_the_public(client, world):
    response = client.get(detail_url(world["lscdg"]))

    html = response.content.decode()
    assert "Draft home care idea" not in html
    assert "Home Care Draft Review" not in html
    assert "Confidential provider rates discussed." not in html
    assert "Quality of care and improving retention rates" in html


def test_a_partners_representative_does_not_see_drafts_or_exempt_updates(client, world):
    client.force_login(user_with_role(Role.PARTNER, organisation=world["lscdg"]))

    html = client.get(detail_url(world["lscdg"])).content.decode()

    assert "Draft home care idea" not in html
    assert "Confidential provider rates discussed." not in html


def test_the_councils_own_councillor_sees_its_draft_review_and_exempt_updates(client, world):
    client.force_login(user_with_role(Role.COUNCILLOR, organisation=world["leicester"]))

    html = client.get(detail_url(world["lscdg"])).content.decode()

    assert "Draft home care idea" in html
    assert "Home Care Draft Review" in html
    assert "Confidential provider rates discussed." in html


def test_updates_are_listed_latest_first_with_their_dates(client, world):
    lscdg = world["lscdg"]
    ProgressUpdateFactory(organisation=lscdg, given_on=datetime.date(2020, 3, 1), summary="Oldest")
    ProgressUpdateFactory(organisation=lscdg, given_on=datetime.date(2022, 3, 1), summary="Newest")

    html = client.get(detail_url(lscdg)).content.decode()

    updates = html[html.index('id="updates"') :]
    assert (
        updates.index("Newest")
        < updates.index("Recruitment campaign launched")
        < updates.index("Oldest")
    )
    assert "Written update, 1 March 2022</a>" in updates
    assert "Verbal update, 19 January 2021</a>" in updates


def test_an_unknown_organisation_is_not_found(client, world):
    assert client.get("/organisations/999999/").status_code == 404


def build_partner_with(size: int) -> Organisation:
    """A partnership with ``size`` members, aliases, functions, and recommendations spread
    over reviews of ``size`` councils, each with an update and an agreed action."""
    partner = PartnershipFactory(host=CouncilFactory())
    for n in range(size):
        council = CouncilFactory()
        partner.members.add(council)
        AliasFactory(organisation=partner)
        PartnershipFunction.objects.create(partnership=partner, position=n, name=f"Function {n}")
        review = ReviewFactory(committee=CommitteeFactory(council=council))
        recommendation = RecommendationFactory(review=review)
        recommendation.responsible_bodies.set([partner, council])
        meeting = MeetingFactory(committee=review.committee)
        item = AgendaItemFactory(meeting=meeting)
        entry = UpdateEntryFactory(
            update=ProgressUpdateFactory(organisation=partner, item=item, given_on=meeting.date),
            recommendation=recommendation,
            new_status=Status.ON_TRACK,
        )
        UpdateEntryFactory(update=entry.update, recommendation=RecommendationFactory(review=review))
        AgreedActionFactory(
            meeting=meeting,
            review=review,
            falls_to_organisation=partner,
            due_meeting=MeetingFactory(committee=review.committee),
        )
    return partner


@pytest.mark.parametrize("size", [2, 12])
@pytest.mark.parametrize("role", [None, Role.COUNCILLOR])
def test_the_detail_page_runs_the_same_few_queries_however_much_it_carries(
    client, django_assert_max_num_queries, size, role
):
    partner = build_partner_with(size)
    if role:
        client.force_login(user_with_role(role))

    # One of them reads the councils' status words.
    with django_assert_max_num_queries(17 + (SESSION_SAVE if role else 0)):
        response = client.get(detail_url(partner))

    assert response.status_code == 200
    assert response.content.decode().count("On track</strong>") == 2 * size


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_page_runs_the_same_few_queries_however_many_organisations(
    client, django_assert_max_num_queries, size
):
    for _ in range(size):
        AliasFactory(organisation=PartnershipFactory(host=CouncilFactory()))

    with django_assert_max_num_queries(4):
        response = client.get(LIST_URL)

    assert response.content.decode().count("Also written as") == size


def test_the_detail_page_shows_each_list_a_page_at_a_time(client, monkeypatch):
    # Issue 17: a body carrying thousands of recommendations had a page of 4.4 MB.
    monkeypatch.setattr(selectors, "CARRIED_PAGE_SIZE", 3)
    monkeypatch.setattr(selectors, "ACTIONS_PAGE_SIZE", 2)
    monkeypatch.setattr(selectors, "UPDATES_PAGE_SIZE", 2)
    partner = build_partner_with(4)

    first = client.get(detail_url(partner))
    html = first.content.decode()
    # One review each: a table for each recommendation shown, 3 of the 4.
    assert html.count("govuk-table app-carried") == 3
    assert "4 recommendations, for 4 councils." in " ".join(html.split())
    assert 'href="?page=2#recommendations"' in html
    assert 'href="?actions_page=2#actions"' in html
    assert 'href="?updates_page=2#updates"' in html
    assert html.count("app-actions") == 1
    assert html.count('aria-label="Pages of') == 3

    second = client.get(detail_url(partner), {"page": 2, "actions_page": 2, "updates_page": 2})
    html = second.content.decode()
    assert html.count("govuk-table app-carried") == 1
    assert "4 recommendations, for 4 councils." in " ".join(html.split())
    assert 'href="?page=1&amp;actions_page=2&amp;updates_page=2#recommendations"' in html
    assert 'href="?page=2&amp;actions_page=1&amp;updates_page=2#actions"' in html
    assert "actions_page=3" not in html and "updates_page=3" not in html

    # Past the end, or not a number: the last page, or the first.
    assert client.get(detail_url(partner), {"page": 99}).status_code == 200
    assert client.get(detail_url(partner), {"actions_page": "x"}).status_code == 200

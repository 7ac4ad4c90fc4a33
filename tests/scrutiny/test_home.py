"""The home page: a summary anyone can read, limited to what they may see, and for a
signed-in user their committees, next meetings and what they can update."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse

from recommendations.models import Status
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)
from tests.scrutiny.committee_people import EVERYONE, people_of, section, sign_in
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
HOME = reverse("scrutiny:home")


def home_of(council) -> str:
    """The home page of one council: on a site with several, the summary is one council's."""
    return f"{HOME}?council={council.pk}"


def set_status(rec, status, on=datetime.date(2021, 4, 20), **entry):
    if status == Status.SLIPPED:
        entry.setdefault("revised_target_date", on + relativedelta(years=1))
        entry.setdefault("reason", "Delayed")
    if status in Status.closing():
        entry.setdefault("reason", "Done")
    return UpdateEntryFactory(
        update=ProgressUpdateFactory(given_on=on), recommendation=rec, new_status=status, **entry
    )


def status_table(response) -> dict[str, int]:
    """Status label to count, read from the summary table."""
    html = section(response, "by-status")
    rows = {}
    for label in Status.labels:
        marker = f">{label}</strong></th>"
        if marker in html:
            cell = html[html.index(marker) :]
            cell = cell[cell.index('numeric">') + len('numeric">') :]
            rows[label] = int(cell[: cell.index("<")])
    return rows


def test_anyone_sees_recommendations_by_status_as_text_and_table(client, committee):
    review = ReviewFactory(committee=committee)
    set_status(RecommendationFactory(review=review), Status.ON_TRACK)
    set_status(RecommendationFactory(review=review), Status.ON_TRACK)
    set_status(RecommendationFactory(review=review), Status.SLIPPED)
    RecommendationFactory(review=review)
    response = client.get(home_of(committee.council))
    assert response.status_code == 200
    assert "4 recommendations in all: 1 not started, 2 on track, 1 slipped." in (
        response.content.decode()
    )
    table = status_table(response)
    assert table["On track"] == 2 and table["Slipped"] == 1 and table["Not started"] == 1
    assert table["Achieved"] == 0


def test_draft_reviews_and_exempt_updates_count_only_for_those_allowed(client, people, committee):
    draft = ReviewFactory(committee=committee, published=False, report_agreed_on=None)
    RecommendationFactory(review=draft)
    review = ReviewFactory(committee=committee)
    rec = RecommendationFactory(review=review)
    exempt_item = AgendaItemFactory(
        meeting=MeetingFactory(committee=committee), exempt=True, exempt_reason="Paragraph 3"
    )
    UpdateEntryFactory(
        update=ProgressUpdateFactory(item=exempt_item, given_on=exempt_item.meeting.date),
        recommendation=rec,
        new_status=Status.PAUSED,
        reason="Contract dispute",
    )
    for user in [None, people.partner, people.other_democratic_services]:
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(home_of(committee.council))
        assert status_table(response)["Not started"] == 1
        assert status_table(response)["Paused"] == 0
    client.force_login(people.councillor)
    response = client.get(home_of(committee.council))
    assert status_table(response)["Not started"] == 1  # the draft review's
    assert status_table(response)["Paused"] == 1


def test_summary_lists_overdue_responses_and_recommendations(client, committee):
    late = ReviewFactory(
        committee=committee,
        title="Late response review",
        report_agreed_on=TODAY - relativedelta(months=3),
    )
    ReviewFactory(
        committee=committee,
        title="Answered review",
        report_agreed_on=datetime.date(2020, 10, 1),
        response_received_on=datetime.date(2021, 1, 19),
    )
    ReviewFactory(committee=committee, title="Recent review", report_agreed_on=TODAY)
    past_target = RecommendationFactory(
        review=late, title="Past its target", target_date=TODAY - datetime.timedelta(days=1)
    )
    achieved = RecommendationFactory(
        review=late, title="Achieved early", target_date=datetime.date(2021, 1, 1)
    )
    set_status(achieved, Status.ACHIEVED, on=TODAY)
    RecommendationFactory(
        review=late, title="Still in time", target_date=TODAY + datetime.timedelta(days=30)
    )
    response = client.get(home_of(committee.council))
    responses = section(response, "responses-overdue")
    assert "Late response review" in responses
    assert "Answered review" not in responses and "Recent review" not in responses
    overdue = section(response, "overdue")
    assert "1 open recommendation past its target date" in overdue
    assert past_target.get_absolute_url() in overdue
    assert "Achieved early" not in overdue and "Still in time" not in overdue


def test_summary_lists_recommendations_with_no_update_in_six_months(client, committee):
    review = ReviewFactory(committee=committee, report_agreed_on=datetime.date(2020, 10, 1))
    quiet = RecommendationFactory(review=review, title="Gone quiet")
    set_status(quiet, Status.ON_TRACK, on=TODAY - relativedelta(months=7))
    recent = RecommendationFactory(review=review, title="Recently reported")
    set_status(recent, Status.ON_TRACK, on=TODAY - relativedelta(months=1))
    closed = RecommendationFactory(review=review, title="Closed long ago")
    set_status(closed, Status.ACHIEVED, on=datetime.date(2021, 1, 1))
    stale = section(client.get(home_of(committee.council)), "no-recent-update")
    assert "Gone quiet" in stale
    assert "Recently reported" not in stale and "Closed long ago" not in stale


def test_summary_lists_upcoming_meetings_but_not_cancelled_or_past_ones(client, committee):
    upcoming = MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=7))
    cancelled = MeetingFactory(
        committee=committee, date=TODAY + datetime.timedelta(days=14), cancelled=True
    )
    past = MeetingFactory(committee=committee, date=TODAY - datetime.timedelta(days=7))
    meetings = section(client.get(home_of(committee.council)), "upcoming-meetings")
    assert upcoming.get_absolute_url() in meetings
    assert cancelled.get_absolute_url() not in meetings
    assert past.get_absolute_url() not in meetings


def test_a_council_user_sees_their_councils_committees_and_next_meetings(client, people, committee):
    other = CommitteeFactory(name="Somewhere Else Committee")
    mine = MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=3))
    theirs = MeetingFactory(committee=other, date=TODAY + datetime.timedelta(days=3))
    client.force_login(people.councillor)
    response = client.get(HOME)
    yours = section(response, "your-committees")
    assert committee.name in yours and other.name not in yours
    next_meetings = section(response, "your-meetings")
    assert mine.get_absolute_url() in next_meetings
    assert theirs.get_absolute_url() not in next_meetings
    client.logout()
    assert "Your committees" not in client.get(HOME).content.decode()


def test_a_partner_sees_the_committees_its_body_reports_to(client, people, committee):
    elsewhere = CommitteeFactory(name="Rutland Scrutiny Panel")
    not_ours = CommitteeFactory(name="Unrelated Committee")
    for reporting_to in [committee, elsewhere]:
        rec = RecommendationFactory(review=ReviewFactory(committee=reporting_to))
        rec.responsible_bodies.add(people.partner.organisation)
    RecommendationFactory(review=ReviewFactory(committee=not_ours))
    client.force_login(people.partner)
    yours = section(client.get(HOME), "your-committees")
    assert committee.name in yours and "Rutland Scrutiny Panel" in yours
    assert "Unrelated Committee" not in yours


def test_officers_and_partners_see_what_they_can_update_with_a_link(client, people, committee):
    review = ReviewFactory(committee=committee, title="Workforce review")
    own = RecommendationFactory(review=review, reference="4", title="Quality of care")
    carried = RecommendationFactory(review=review, reference="5", title="Community solutions")
    carried.responsible_bodies.add(people.partner.organisation)
    closed = RecommendationFactory(review=review, reference="6", title="Already achieved")
    set_status(closed, Status.ACHIEVED)
    foreign = RecommendationFactory(title="Another council's recommendation")

    client.force_login(people.officer)
    mine = section(client.get(HOME), "you-can-update")
    assert "2 open recommendations" in mine
    link = reverse("recommendations:update-create", args=[review.pk])
    assert f"{link}?recommendation={own.pk}" in mine
    assert f"{link}?recommendation={carried.pk}" in mine
    assert "Already achieved" not in mine and foreign.title not in mine

    client.force_login(people.partner)
    mine = section(client.get(HOME), "you-can-update")
    assert "1 open recommendation " in mine
    assert f"{link}?recommendation={carried.pk}" in mine
    assert "Quality of care" not in mine

    client.force_login(people.councillor)
    assert "Recommendations you can update" not in client.get(HOME).content.decode()


def _data(size: int, council) -> None:
    partner_org = people_of(council).partner.organisation
    for n in range(size):
        committee = CommitteeFactory(council=council if n % 2 else CouncilFactory())
        MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=n + 1))
        review = ReviewFactory(committee=committee, published=bool(n % 3))
        for number in (1, 2, 3):
            rec = RecommendationFactory(
                review=review, reference=number, target_date=datetime.date(2021, 1, 1)
            )
            rec.responsible_bodies.add(partner_org)
            set_status(rec, [Status.ON_TRACK, Status.SLIPPED, Status.PAUSED][number - 1])
        # An action about the review that slipped past its date: "Agreed actions overdue".
        AgreedActionFactory(
            meeting=MeetingFactory(committee=committee, date=datetime.date(2021, 1, 19)),
            review=review,
            due_on=datetime.date(2021, 6, 30),
        )


@pytest.mark.parametrize("size", [2, 15])
@pytest.mark.parametrize(
    ("who", "queries"),
    # The officer's: the council shown, the councils a partnership shares and whether their
    # council carries another's are read (issue 17), the lists' counts with the lists, and
    # the councils' status words the summary counts in.
    [("anonymous", 10), ("officer", 23 + SESSION_SAVE), ("partner", 21 + SESSION_SAVE)],
)
def test_home_runs_a_fixed_number_of_queries(
    client, people, council, django_assert_max_num_queries, size, who, queries
):
    _data(size, council)
    sign_in(client, people, who)
    with django_assert_max_num_queries(queries):
        response = client.get(HOME)
    assert response.status_code == 200


@pytest.mark.parametrize("who", EVERYONE)
def test_home_is_read_only_for_everyone(client, people, committee, who):
    sign_in(client, people, who)
    assert client.get(HOME).status_code == 200
    assert client.post(HOME).status_code == 405

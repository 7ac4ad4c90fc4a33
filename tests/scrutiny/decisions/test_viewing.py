"""Reading decisions: the list, a decision with its numbered resolutions and reasons, who
may see one considered at an exempt item, who is offered the edit and add buttons, the
queries the pages run, and that the read pages answer only GET."""

import re

import pytest

from tests.factories import DecisionPointFactory, ExecutiveDecisionFactory
from tests.scrutiny.committee_people import day, text_of
from tests.scrutiny.decisions.helpers import (
    CREATE_URL,
    LIST_URL,
    REASONS,
    RESOLUTIONS,
    detail_url,
    edit_url,
)
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db


def test_list_shows_decisions_with_minute_cabinet_date_and_where_referred(client, decision):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    page = text_of(response)
    assert "C129" in page
    assert "Proposal to develop a regional social care workforce development unit" in page
    assert f"Cabinet, VoG {day(2017, 11, 6)}" in page
    assert (
        f"Healthy Living and Social Care Scrutiny Committee Meeting of {day(2017, 12, 4)}" in page
    )
    assert f'href="{detail_url(decision)}"' in response.content.decode()


def test_detail_shows_numbered_resolutions_and_reasons(client, decision, item):
    response = client.get(detail_url(decision))
    assert response.status_code == 200
    page = text_of(response)
    assert f"Cabinet, {day(2017, 11, 6)}: minute C129" in page
    assert "Decided by Cabinet, Vale of Glamorgan Council" in page
    assert f"(1) {RESOLUTIONS[0]} (2) {RESOLUTIONS[1]} (3) {RESOLUTIONS[2]}" in page
    assert f"Reasons for decisions (1) {REASONS[0]} (2) {REASONS[1]}" in page
    assert "Referred to Healthy Living and Social Care Scrutiny Committee" in page
    assert "agenda item 8: Reference from Cabinet" in page
    html = response.content.decode()
    assert f'href="{item.meeting.get_absolute_url()}#item-8"' in html


def test_resolutions_are_in_number_order_whatever_order_they_were_typed(client, cabinet):
    decision = ExecutiveDecisionFactory(decided_by=cabinet)
    for number in [10, 2, 1, 9]:
        DecisionPointFactory(decision=decision, number=number, text=f"THAT point {number}")
    page = text_of(client.get(detail_url(decision)))
    assert [int(n) for n in re.findall(r"THAT point (\d+)", page)] == [1, 2, 9, 10]


def test_decision_considered_at_an_exempt_item_is_for_the_councils_people_only(
    client, decision, item, people
):
    item.exempt = True
    item.exempt_reason = "Schedule 12A, paragraph 3"
    item.save()
    # Its own minute: the factory's numbering reaches C129 when enough decisions were
    # made earlier in the run.
    public = ExecutiveDecisionFactory(
        decided_by=decision.decided_by, minute_number="C130", title="A public decision"
    )
    assert client.get(detail_url(decision)).status_code == 404
    page = text_of(client.get(LIST_URL))
    assert "A public decision" in page and "C129" not in page
    for who in ["partner", "other_dem"]:
        client.force_login(people[who])
        assert client.get(detail_url(decision)).status_code == 404, who
        assert client.get(detail_url(public)).status_code == 200, who
    for who in ["councillor", "officer", "dem"]:
        client.force_login(people[who])
        assert client.get(detail_url(decision)).status_code == 200, who
        assert "C129" in text_of(client.get(LIST_URL)), who


def test_edit_and_add_buttons_only_for_the_councils_democratic_services(client, decision, people):
    for who in [None, "councillor", "officer", "partner", "other_dem"]:
        client.logout()
        if who:
            client.force_login(people[who])
        assert edit_url(decision) not in client.get(detail_url(decision)).content.decode(), who
    client.force_login(people["dem"])
    assert edit_url(decision) in client.get(detail_url(decision)).content.decode()
    assert CREATE_URL in client.get(LIST_URL).content.decode()


@pytest.mark.parametrize("n", [3, 30])
def test_detail_runs_the_same_few_queries_for_3_or_30_points(
    client, cabinet, item, n, django_assert_max_num_queries
):
    decision = ExecutiveDecisionFactory(
        decided_by=cabinet, referred_to=item.meeting.committee, referred_to_item=item
    )
    for number in range(1, n + 1):
        DecisionPointFactory(decision=decision, kind="resolution", number=number)
        DecisionPointFactory(decision=decision, kind="reason", number=number, text="Because.")
    # The decision with its committees, meeting and item; its points.
    with django_assert_max_num_queries(2):
        response = client.get(detail_url(decision))
    assert response.status_code == 200
    assert text_of(response).count("Because.") == n


@pytest.mark.parametrize("n", [3, 30])
def test_list_runs_the_same_few_queries_for_3_or_30_decisions(
    client, cabinet, item, people, n, django_assert_max_num_queries
):
    for _ in range(n):
        ExecutiveDecisionFactory(
            decided_by=cabinet, referred_to=item.meeting.committee, referred_to_item=item
        )
    client.force_login(people["councillor"])
    # Session, user, groups; the decisions with their committees, items and meetings.
    with django_assert_max_num_queries(5 + SESSION_SAVE):
        response = client.get(LIST_URL)
    assert response.status_code == 200
    assert text_of(response).count("Meeting of") == n


@pytest.mark.parametrize("who", [None, "councillor", "dem"])
def test_read_pages_only_answer_get(client, decision, people, who):
    if who:
        client.force_login(people[who])
    for url in [LIST_URL, detail_url(decision)]:
        assert client.post(url, {"title": "x"}).status_code == 405
        assert client.get(url).status_code == 200

"""Executive decisions referred to scrutiny (minute C129 of the Vale of Glamorgan's Cabinet):
the list, a decision with its numbered resolutions and reasons, and the form with two sets
of rows that democratic services use to record one."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partnerships.models import Role
from scrutiny.models import Committee, DecisionPoint, ExecutiveDecision
from scrutiny.services import PointInput, decision_save
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFactory,
    DecisionPointFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    PartnershipFactory,
    user_with_role,
)
from tests.scrutiny.committee_people import day, text_of
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db

LIST_URL = "/decisions/"
CREATE_URL = "/decisions/new/"

RESOLUTIONS = [
    "THAT the proposal to establish a regional Social Care Workforce Development Training "
    "Unit as outlined in the report be approved.",
    "THAT the implementation of the business model be authorised.",
    "THAT the report be referred to the Scrutiny Committee (Healthy Living and Social Care) "
    "for their consideration.",
]
REASONS = [
    "To realise the benefits that regional working could bring.",
    "To ensure that the Scrutiny Committee members were kept informed of this key development.",
]


def detail_url(decision):
    return reverse("scrutiny:decision-detail", args=[decision.pk])


def edit_url(decision):
    return reverse("scrutiny:decision-edit", args=[decision.pk])


@pytest.fixture
def vale():
    return CouncilFactory(name="Vale of Glamorgan Council", short_name="VoG")


@pytest.fixture
def cabinet(vale):
    return CommitteeFactory(council=vale, name="Cabinet", kind=Committee.Kind.CABINET)


@pytest.fixture
def scrutiny_committee(vale):
    return CommitteeFactory(council=vale, name="Healthy Living and Social Care Scrutiny Committee")


@pytest.fixture
def item(scrutiny_committee):
    return AgendaItemFactory(
        meeting=MeetingFactory(committee=scrutiny_committee, date=datetime.date(2017, 12, 4)),
        number=8,
        title="Reference from Cabinet: regional workforce development unit",
    )


@pytest.fixture
def decision(cabinet, scrutiny_committee, item):
    decision = ExecutiveDecisionFactory(
        decided_by=cabinet,
        minute_number="C129",
        decided_on=datetime.date(2017, 11, 6),
        title="Proposal to develop a regional social care workforce development unit",
        summary="Cabinet was updated on the proposal to develop a regional unit.",
        referred_to=scrutiny_committee,
        referred_to_item=item,
    )
    for number, text in enumerate(RESOLUTIONS, start=1):
        DecisionPointFactory(decision=decision, kind="resolution", number=number, text=text)
    for number, text in enumerate(REASONS, start=1):
        DecisionPointFactory(decision=decision, kind="reason", number=number, text=text)
    return decision


@pytest.fixture
def people(vale):
    partner = PartnershipFactory(name="Regional Workforce Development Training Unit")
    return {
        "councillor": user_with_role(Role.COUNCILLOR, organisation=vale),
        "officer": user_with_role(Role.OFFICER, organisation=vale),
        "partner": user_with_role(Role.PARTNER, organisation=partner),
        "other_dem": user_with_role(Role.DEMOCRATIC_SERVICES, organisation=CouncilFactory()),
        "dem": user_with_role(Role.DEMOCRATIC_SERVICES, organisation=vale),
    }


def rows(prefix: str, points: list[tuple], extra: int = 2, initial: int = 0) -> dict:
    """Formset data: ``points`` as (number, text) or (number, text, delete) rows, then empty
    rows numbered on, as the page would send them."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(points) + extra),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, point in enumerate(points):
        data[f"{prefix}-{i}-number"] = str(point[0])
        data[f"{prefix}-{i}-text"] = point[1]
        if len(point) > 2 and point[2]:
            data[f"{prefix}-{i}-DELETE"] = "on"
    for j in range(extra):
        data[f"{prefix}-{len(points) + j}-number"] = str(len(points) + j + 1)
        data[f"{prefix}-{len(points) + j}-text"] = ""
    return data


def decision_post(cabinet, /, resolutions=None, reasons=None, **overrides) -> dict:
    """What democratic services type to record C129: valid unless overridden."""
    data = {
        "decided_by": cabinet.pk,
        "minute_number": "C129",
        "decided_on_0": "6",
        "decided_on_1": "11",
        "decided_on_2": "2017",
        "title": "Proposal to develop a regional social care workforce development unit",
        "summary": "Cabinet was updated on the proposal.",
        "referred_to": "",
        "referred_to_item": "",
    }
    data.update(overrides)
    if resolutions is None:
        resolutions = rows("resolutions", list(enumerate(RESOLUTIONS, start=1)))
    if reasons is None:
        reasons = rows("reasons", list(enumerate(REASONS, start=1)))
    return {**data, **resolutions, **reasons}


# --- The list and a decision -----------------------------------------------------------


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


# --- Recording a decision --------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in_and_nothing_is_saved(client, decision, cabinet):
    for url in [CREATE_URL, edit_url(decision)]:
        for response in [client.get(url), client.post(url, decision_post(cabinet))]:
            assert response.status_code == 302
            assert response.url.startswith(reverse("login"))
    assert ExecutiveDecision.objects.count() == 1
    assert DecisionPoint.objects.count() == 5


@pytest.mark.parametrize("who", ["councillor", "officer", "partner"])
def test_other_roles_may_not_record_decisions(client, decision, cabinet, people, who):
    client.force_login(people[who])
    for url in [CREATE_URL, edit_url(decision)]:
        assert client.get(url).status_code == 403
        assert client.post(url, decision_post(cabinet, minute_number="C130")).status_code == 403
    assert list(ExecutiveDecision.objects.values_list("minute_number", flat=True)) == ["C129"]


def test_democratic_services_of_another_council_cannot_record_this_councils_decisions(
    client, decision, cabinet, people
):
    client.force_login(people["other_dem"])
    assert client.get(edit_url(decision)).status_code == 403
    response = client.post(edit_url(decision), decision_post(cabinet, title="Changed"))
    assert response.status_code == 403
    response = client.get(CREATE_URL)
    assert response.status_code == 200
    assert "Cabinet (VoG)" not in text_of(response)
    response = client.post(CREATE_URL, decision_post(cabinet, minute_number="C130"))
    assert response.status_code == 200
    assert "Select a valid choice" in text_of(response)
    assert ExecutiveDecision.objects.count() == 1
    decision.refresh_from_db()
    assert decision.title.startswith("Proposal")


def test_democratic_services_record_a_decision_with_its_resolutions_and_reasons(
    client, cabinet, item, people
):
    client.force_login(people["dem"])
    response = client.get(CREATE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="resolutions-TOTAL_FORMS"' in html and 'name="reasons-TOTAL_FORMS"' in html
    response = client.post(CREATE_URL, decision_post(cabinet, referred_to_item=item.pk))
    decision = ExecutiveDecision.objects.get()
    assert response.status_code == 302
    assert response.url == detail_url(decision)
    assert decision.minute_number == "C129"
    assert decision.decided_on == datetime.date(2017, 11, 6)
    # Choosing the item refers the decision to that item's committee.
    assert decision.referred_to == item.meeting.committee
    assert decision.referred_to_item == item
    saved = list(decision.points.order_by("kind", "number").values_list("kind", "number", "text"))
    assert saved == [
        ("reason", 1, REASONS[0]),
        ("reason", 2, REASONS[1]),
        ("resolution", 1, RESOLUTIONS[0]),
        ("resolution", 2, RESOLUTIONS[1]),
        ("resolution", 3, RESOLUTIONS[2]),
    ]
    assert "Decision saved" in text_of(client.get(response.url))


def _assert_rejected(response, message: str):
    assert response.status_code == 200
    page = text_of(response)
    assert "There is a problem" in page
    assert message in page
    assert not ExecutiveDecision.objects.exists()
    assert not DecisionPoint.objects.exists()
    # Everything typed is still on the page, including every row.
    html = response.content.decode()
    assert RESOLUTIONS[2] in html
    assert REASONS[1] in html


def test_duplicate_resolution_number_is_an_error_and_nothing_is_saved(client, cabinet, people):
    client.force_login(people["dem"])
    resolutions = rows(
        "resolutions", [(1, RESOLUTIONS[0]), (2, RESOLUTIONS[1]), (2, RESOLUTIONS[2])]
    )
    response = client.post(CREATE_URL, decision_post(cabinet, resolutions=resolutions))
    _assert_rejected(
        response, "Resolution (2) is used more than once: give each a different number"
    )
    assert 'href="#id_resolutions-2-number"' in response.content.decode()


def test_impossible_date_is_an_error_and_nothing_is_saved(client, cabinet, people):
    client.force_login(people["dem"])
    response = client.post(
        CREATE_URL, decision_post(cabinet, decided_on_0="30", decided_on_1="2", decided_on_2="2021")
    )
    _assert_rejected(response, "Enter a real date")
    assert 'href="#id_decided_on_0"' in response.content.decode()


def test_duplicate_minute_number_for_the_cabinet_is_an_error(client, decision, cabinet, people):
    client.force_login(people["dem"])
    response = client.post(CREATE_URL, decision_post(cabinet, minute_number="c129"))
    assert response.status_code == 200
    assert "Cabinet already has a decision with minute c129" in text_of(response)
    assert ExecutiveDecision.objects.count() == 1
    assert DecisionPoint.objects.count() == 5


@pytest.mark.parametrize(
    ("resolutions", "message"),
    [
        (rows("resolutions", [], extra=3), "Enter at least one resolution"),
        (
            rows("resolutions", [(1, RESOLUTIONS[0]), (5, "")]),
            "Enter the text of resolution (5)",
        ),
        (
            rows("resolutions", [(1, RESOLUTIONS[0]), ("", RESOLUTIONS[1])]),
            "Enter the number of the resolution in row 2",
        ),
        (
            rows("resolutions", [(1, RESOLUTIONS[0]), ("two", RESOLUTIONS[1])]),
            "Enter the number of the resolution as a whole number, like 1",
        ),
        (rows("resolutions", [(0, RESOLUTIONS[0])]), "Numbers start at 1"),
    ],
)
def test_bad_rows_are_errors_and_nothing_is_saved(client, cabinet, people, resolutions, message):
    client.force_login(people["dem"])
    response = client.post(CREATE_URL, decision_post(cabinet, resolutions=resolutions))
    assert response.status_code == 200
    assert message in text_of(response)
    assert "There is a problem" in text_of(response)
    assert not ExecutiveDecision.objects.exists()
    assert REASONS[1] in response.content.decode()


def test_agenda_item_must_be_of_the_committee_referred_to(
    client, cabinet, item, scrutiny_committee, people
):
    other = CommitteeFactory(council=cabinet.council, name="Corporate Performance Committee")
    client.force_login(people["dem"])
    response = client.post(
        CREATE_URL, decision_post(cabinet, referred_to=other.pk, referred_to_item=item.pk)
    )
    _assert_rejected(response, "Choose an agenda item of Corporate Performance Committee")


def test_agenda_item_cannot_come_before_the_decision(client, cabinet, scrutiny_committee, people):
    early = AgendaItemFactory(
        meeting=MeetingFactory(committee=scrutiny_committee, date=datetime.date(2017, 10, 1))
    )
    client.force_login(people["dem"])
    response = client.post(CREATE_URL, decision_post(cabinet, referred_to_item=early.pk))
    _assert_rejected(response, "Choose an item at a meeting on or after the date of the decision")


def test_management_form_missing_is_an_error_not_a_crash(client, cabinet, people):
    client.force_login(people["dem"])
    data = decision_post(cabinet)
    del data["reasons-TOTAL_FORMS"]
    response = client.post(CREATE_URL, data)
    assert response.status_code == 200
    assert "There is a problem" in text_of(response)
    assert not ExecutiveDecision.objects.exists()


def test_edit_shows_the_rows_and_can_renumber_remove_and_add(client, decision, people):
    client.force_login(people["dem"])
    response = client.get(edit_url(decision))
    assert response.status_code == 200
    html = response.content.decode()
    assert RESOLUTIONS[0] in html and REASONS[1] in html
    assert 'name="resolutions-INITIAL_FORMS" value="3"' in html
    # The first empty row is numbered on from the last resolution.
    assert 'name="resolutions-3-number" value="4"' in html
    resolutions = rows(
        "resolutions",
        [
            (2, RESOLUTIONS[0]),
            (1, RESOLUTIONS[1]),
            (3, RESOLUTIONS[2], True),
            (3, "THAT a new one."),
        ],
        initial=3,
    )
    reasons = rows("reasons", [(1, REASONS[0]), (2, REASONS[1])], initial=2)
    response = client.post(
        edit_url(decision),
        decision_post(
            decision.decided_by,
            resolutions=resolutions,
            reasons=reasons,
            referred_to=decision.referred_to_id,
            referred_to_item=decision.referred_to_item_id,
            summary="Updated summary.",
            version="1",
        ),
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.summary == "Updated summary."
    assert list(
        decision.points.filter(kind="resolution").order_by("number").values_list("number", "text")
    ) == [(1, RESOLUTIONS[1]), (2, RESOLUTIONS[0]), (3, "THAT a new one.")]
    assert decision.points.filter(kind="reason").count() == 2


def test_a_failed_edit_changes_nothing(client, decision, people):
    client.force_login(people["dem"])
    resolutions = rows("resolutions", [(1, "THAT this."), (1, "THAT that."), (3, "")], initial=3)
    response = client.post(
        edit_url(decision),
        decision_post(decision.decided_by, resolutions=resolutions, title="Renamed"),
    )
    assert response.status_code == 200
    assert "Resolution (1) is used more than once" in text_of(response)
    decision.refresh_from_db()
    assert decision.title.startswith("Proposal")
    assert decision.points.filter(kind="resolution").count() == 3


# --- The service on its own ------------------------------------------------------------


def test_decision_save_checks_rights_and_numbers_itself(cabinet, people):
    draft = ExecutiveDecision(
        decided_by=cabinet, minute_number="C1", decided_on=datetime.date(2017, 11, 6), title="T"
    )
    with pytest.raises(PermissionDenied):
        decision_save(
            decision=draft,
            resolutions=[PointInput(1, "THAT it be approved.")],
            reasons=[],
            actor=people["other_dem"],
        )
    with pytest.raises(ValidationError, match=r"Resolution \(1\) is used more than once"):
        decision_save(
            decision=draft,
            resolutions=[PointInput(1, "THAT this."), PointInput(1, "THAT that.")],
            reasons=[],
            actor=people["dem"],
        )
    assert not ExecutiveDecision.objects.exists()
    saved = decision_save(
        decision=draft,
        resolutions=[PointInput(1, "THAT it be approved.")],
        reasons=[PointInput(1, "To get on with it.")],
        actor=people["dem"],
    )
    assert saved.points.count() == 2


@pytest.mark.parametrize("who", [None, "councillor", "dem"])
def test_read_pages_only_answer_get(client, decision, people, who):
    if who:
        client.force_login(people[who])
    for url in [LIST_URL, detail_url(decision)]:
        assert client.post(url, {"title": "x"}).status_code == 405
        assert client.get(url).status_code == 200

"""Recording a decision: who may (democratic services of the deciding council only), the
form with its two sets of rows, every way it can be refused with nothing saved, and the
service checking rights and numbers on its own."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from scrutiny.models import DecisionPoint, ExecutiveDecision
from scrutiny.services import PointInput, decision_save
from tests.factories import AgendaItemFactory, CommitteeFactory, MeetingFactory
from tests.scrutiny.committee_people import text_of
from tests.scrutiny.decisions.helpers import (
    CREATE_URL,
    REASONS,
    RESOLUTIONS,
    decision_post,
    detail_url,
    edit_url,
    rows,
)

pytestmark = pytest.mark.django_db


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

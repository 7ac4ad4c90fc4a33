"""Each rule of the scrutiny models is the model's (constraints and ``clean``), so it holds
however a record is saved: through the Django admin, and through ``full_clean`` (which
services and the pages' forms run). Each bad case is refused in the pages' words, on the
field it is about; the good case beside it still saves; and the database itself refuses
the case-only duplicates."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from recommendations.models import Status, UpdateEntry
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Review,
    decision_points_errors,
)
from scrutiny.services import PointInput, decision_save
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    DecisionPointFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(organisation=None, is_superuser=True, is_staff=True))
    return client


def change_page_data(response) -> dict:
    """What the admin change page's form holds, as a browser would post it back: inputs,
    ticked boxes, chosen options and text areas."""
    page = response.content.decode()
    data: dict = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or name[1] == "csrfmiddlewaretoken":
            continue
        if re.search(r'type="(checkbox|radio)"', tag):
            if " checked" in tag:
                data.setdefault(name[1], []).append(value[1] if value else "on")
        elif value:
            data[name[1]] = html.unescape(value[1])
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        data[name] = chosen[1] if chosen else ""
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = html.unescape(text.removeprefix("\n"))
    return data


def admin_change(client, obj, **changes):
    """Post ``obj``'s admin change page back with ``changes``; the response."""
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    data = change_page_data(client.get(url))
    data.update({k: "" if v is None else str(v) for k, v in changes.items()})
    return client.post(url, data)


def refused(response, message: str) -> bool:
    assert response.status_code == 200, response.status_code
    return message in html.unescape(response.content.decode())


def full_clean_errors(obj) -> dict:
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


# --- Case-only duplicates -------------------------------------------------------------------


def test_a_committee_name_differing_only_in_case_is_refused(admin_client):
    first = CommitteeFactory(name="Children and Young People Scrutiny Committee")
    second = CommitteeFactory(council=first.council, name="Another committee")
    message = f"{first.council} already has a committee called “{first.name.upper()}”"

    response = admin_change(admin_client, second, name=first.name.upper())
    assert refused(response, message)
    second.name = first.name.upper()
    assert full_clean_errors(second) == {"name": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        Committee.objects.filter(pk=second.pk).update(name=first.name.lower())

    assert admin_change(admin_client, second, name="A new name").status_code == 302
    second.refresh_from_db()
    assert second.name == "A new name"
    # Another council's committee may share the name.
    CommitteeFactory(name=first.name.upper()).full_clean()


def test_a_review_title_differing_only_in_case_is_refused(admin_client):
    workforce = ReviewFactory(title="Workforce")
    other = ReviewFactory(committee=workforce.committee, title="Care homes")
    message = f"{workforce.committee} already has a review called “workforce”"

    assert refused(admin_change(admin_client, other, title="workforce"), message)
    other.title = "workforce"
    assert full_clean_errors(other) == {"title": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=other.pk).update(title="WORKFORCE")

    assert admin_change(admin_client, other, title="Workforce planning").status_code == 302
    assert Review.objects.get(pk=other.pk).title == "Workforce planning"
    ReviewFactory(title="workforce").full_clean()  # another committee's


def test_a_decision_minute_differing_only_in_case_is_refused(admin_client):
    c129 = ExecutiveDecisionFactory(minute_number="C129")
    other = ExecutiveDecisionFactory(decided_by=c129.decided_by, minute_number="C130")
    message = f"{c129.decided_by} already has a decision with minute c129"

    assert refused(admin_change(admin_client, other, minute_number="c129"), message)
    other.minute_number = "c129"
    assert full_clean_errors(other) == {"minute_number": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        ExecutiveDecision.objects.filter(pk=other.pk).update(minute_number="c129")

    assert admin_change(admin_client, other, minute_number="C131").status_code == 302
    assert ExecutiveDecision.objects.get(pk=other.pk).minute_number == "C131"


# --- When an agreed action is due and delivered ----------------------------------------------


@pytest.fixture
def action():
    meeting = MeetingFactory(date=datetime.date(2022, 3, 1))
    return AgreedActionFactory(meeting=meeting)


def test_an_action_due_before_its_own_meeting_is_refused(admin_client, action):
    message = "The due date must be on or after the meeting that agreed it"
    assert refused(admin_change(admin_client, action, due_on="2022-02-28"), message)
    action.due_on = datetime.date(2022, 2, 28)
    assert full_clean_errors(action) == {"due_on": [message]}

    assert admin_change(admin_client, action, due_on="2022-03-01").status_code == 302
    assert AgreedAction.objects.get(pk=action.pk).due_on == datetime.date(2022, 3, 1)


def test_an_action_delivered_before_its_own_meeting_is_refused(admin_client, action):
    message = "The delivery date must be on or after the meeting that agreed it"
    assert refused(admin_change(admin_client, action, delivered_on="2022-02-01"), message)
    action.delivered_on = datetime.date(2022, 2, 1)
    assert full_clean_errors(action) == {"delivered_on": [message]}

    assert admin_change(admin_client, action, delivered_on="2022-04-01").status_code == 302


def test_an_action_due_at_an_earlier_or_another_committees_meeting_is_refused(admin_client, action):
    message = "Choose a later meeting of the committee"
    earlier = MeetingFactory(committee=action.meeting.committee, date=datetime.date(2022, 1, 1))
    elsewhere = MeetingFactory(date=datetime.date(2022, 6, 1))
    for meeting in (earlier, elsewhere):
        assert refused(admin_change(admin_client, action, due_meeting=meeting.pk), message)
        action.due_meeting = meeting
        assert full_clean_errors(action) == {"due_meeting": [message]}

    later = MeetingFactory(committee=action.meeting.committee, date=datetime.date(2022, 6, 1))
    assert admin_change(admin_client, action, due_meeting=later.pk).status_code == 302


def test_an_action_delivered_at_a_meeting_without_a_date_is_refused(admin_client, action):
    message = "Enter the date it was delivered, or leave the meeting it was delivered at empty"
    later = MeetingFactory(committee=action.meeting.committee, date=datetime.date(2022, 6, 1))
    response = admin_change(admin_client, action, delivered_meeting=later.pk, delivered_on=None)
    assert refused(response, message)
    action.delivered_meeting, action.delivered_on = later, None
    assert full_clean_errors(action) == {"delivered_on": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreedAction.objects.filter(pk=action.pk).update(delivered_meeting=later)

    response = admin_change(
        admin_client, action, delivered_meeting=later.pk, delivered_on="2022-06-01"
    )
    assert response.status_code == 302
    saved = AgreedAction.objects.get(pk=action.pk)
    assert (saved.delivered_meeting, saved.delivered_on) == (later, datetime.date(2022, 6, 1))


# --- Which agenda item a decision was referred to --------------------------------------------


def test_a_decision_referred_to_another_committees_item_or_an_earlier_one_is_refused(
    admin_client,
):
    decision = ExecutiveDecisionFactory(minute_number="C200", decided_on=datetime.date(2022, 3, 1))
    scrutiny = CommitteeFactory(council=decision.decided_by.council, name="Corporate Scrutiny")
    other = CommitteeFactory(council=scrutiny.council, name="Place Scrutiny")
    elsewhere = AgendaItemFactory(
        meeting=MeetingFactory(committee=other, date=datetime.date(2022, 4, 1))
    )
    earlier = AgendaItemFactory(
        meeting=MeetingFactory(committee=scrutiny, date=datetime.date(2022, 2, 1))
    )
    later = AgendaItemFactory(
        meeting=MeetingFactory(committee=scrutiny, date=datetime.date(2022, 4, 1))
    )
    for item, message in (
        (elsewhere, "Choose an agenda item of Corporate Scrutiny"),
        (earlier, "Choose an item at a meeting on or after the date of the decision"),
    ):
        response = admin_change(
            admin_client, decision, referred_to=scrutiny.pk, referred_to_item=item.pk
        )
        assert refused(response, message)
        decision.referred_to, decision.referred_to_item = scrutiny, item
        assert full_clean_errors(decision) == {"referred_to_item": [message]}

    response = admin_change(
        admin_client, decision, referred_to=scrutiny.pk, referred_to_item=later.pk
    )
    assert response.status_code == 302
    assert ExecutiveDecision.objects.get(pk=decision.pk).referred_to_item == later


# --- A review's report and executive response ------------------------------------------------


@pytest.fixture
def review():
    """Started 1 June 2020, report agreed 1 October 2020."""
    return ReviewFactory(title="Workforce")


def test_a_report_agreed_before_the_review_started_is_refused(admin_client, review):
    message = (
        "The date the report was agreed must be the same as or after the date the review started"
    )
    assert refused(admin_change(admin_client, review, report_agreed_on="2020-05-31"), message)
    review.report_agreed_on = datetime.date(2020, 5, 31)
    assert full_clean_errors(review) == {"report_agreed_on": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(report_agreed_on=datetime.date(2020, 5, 31))

    assert admin_change(admin_client, review, report_agreed_on="2020-06-01").status_code == 302
    assert Review.objects.get(pk=review.pk).report_agreed_on == datetime.date(2020, 6, 1)


def test_a_response_without_a_report_is_refused(admin_client, review):
    message = (
        "Enter the date the committee agreed the report: a response cannot be received "
        "before there is a report"
    )
    response = admin_change(
        admin_client, review, report_agreed_on=None, response_received_on="2021-01-19"
    )
    assert refused(response, message)
    review.report_agreed_on, review.response_received_on = None, datetime.date(2021, 1, 19)
    assert full_clean_errors(review) == {"response_received_on": [message]}


def test_a_response_received_before_the_report_was_agreed_is_refused(admin_client, review):
    message = "The response cannot be received before the report was agreed (1 October 2020)"
    assert refused(admin_change(admin_client, review, response_received_on="2020-09-30"), message)
    review.response_received_on = datetime.date(2020, 9, 30)
    assert full_clean_errors(review) == {"response_received_on": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(response_received_on=datetime.date(2020, 9, 30))

    assert admin_change(admin_client, review, response_received_on="2020-10-01").status_code == 302
    assert Review.objects.get(pk=review.pk).response_received_on == datetime.date(2020, 10, 1)


def test_a_response_meeting_of_another_committee_or_before_the_report_is_refused(
    admin_client, review
):
    elsewhere = MeetingFactory(date=datetime.date(2021, 1, 19))
    earlier = MeetingFactory(committee=review.committee, date=datetime.date(2020, 9, 1))
    for meeting, message in (
        (elsewhere, f"Choose a meeting of {review.committee}"),
        (earlier, "The response cannot be received before the report was agreed (1 October 2020)"),
    ):
        assert refused(admin_change(admin_client, review, response_meeting=meeting.pk), message)
        review.response_meeting = meeting
        assert full_clean_errors(review) == {"response_meeting": [message]}

    # A meeting of the committee after the report gives the date the response was received.
    later = MeetingFactory(committee=review.committee, date=datetime.date(2021, 1, 19))
    assert admin_change(admin_client, review, response_meeting=later.pk).status_code == 302
    saved = Review.objects.get(pk=review.pk)
    assert (saved.response_meeting, saved.response_received_on) == (
        later,
        datetime.date(2021, 1, 19),
    )


# --- Meetings and their agenda items ----------------------------------------------------------


def test_a_committee_meeting_twice_at_one_date_and_time_is_refused(admin_client):
    first = MeetingFactory(date=datetime.date(2021, 4, 20), start_time=datetime.time(17, 30))
    other = MeetingFactory(committee=first.committee, date=datetime.date(2021, 5, 20))
    message = f"{first.committee} already has a meeting on this date at this time"

    assert refused(admin_change(admin_client, other, date="2021-04-20"), message)
    other.date = first.date
    assert full_clean_errors(other) == {"date": [message]}

    assert (
        admin_change(admin_client, other, date="2021-04-20", start_time="10:00").status_code == 302
    )
    assert Meeting.objects.get(pk=other.pk).start_time == datetime.time(10, 0)


def test_a_committee_meeting_twice_on_one_date_with_no_time_is_refused(admin_client):
    first = MeetingFactory(date=datetime.date(2021, 4, 20), start_time=None)
    other = MeetingFactory(committee=first.committee, date=datetime.date(2021, 5, 20))
    message = f"{first.committee} already has a meeting on this date with no start time"

    assert refused(admin_change(admin_client, other, date="2021-04-20", start_time=None), message)
    other.date, other.start_time = first.date, None
    assert full_clean_errors(other) == {"date": [message]}
    # Another committee may meet then.
    MeetingFactory.build(
        committee=CommitteeFactory(), date=first.date, start_time=None
    ).full_clean()


def test_an_agenda_item_number_taken_or_below_one_is_refused(admin_client):
    taken = AgendaItemFactory(number=3)
    item = AgendaItemFactory(meeting=taken.meeting, number=4)
    for number, message in (
        (3, "Item 3 is already on this meeting's agenda"),
        (0, "Item numbers start at 1"),
    ):
        assert refused(admin_change(admin_client, item, number=number), message)
        item.number = number
        assert full_clean_errors(item) == {"number": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.filter(pk=item.pk).update(number=0)

    assert admin_change(admin_client, item, number=5).status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).number == 5
    AgendaItemFactory.build(meeting=MeetingFactory(), number=3).full_clean()  # elsewhere


def test_an_exempt_item_without_a_reason_is_refused(admin_client):
    item = AgendaItemFactory()
    message = "Say why the item is exempt, for example Schedule 12A, paragraph 3"
    assert refused(admin_change(admin_client, item, exempt="on", exempt_reason=""), message)
    item.exempt, item.exempt_reason = True, ""
    assert full_clean_errors(item) == {"exempt_reason": [message]}

    response = admin_change(admin_client, item, exempt="on", exempt_reason="Paragraph 3")
    assert response.status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).exempt


# --- A decision's resolutions and reasons -----------------------------------------------------


def test_a_point_number_used_twice_below_one_or_a_point_without_text_is_refused(admin_client):
    first = DecisionPointFactory(number=1)
    point = DecisionPointFactory(decision=first.decision, number=2)
    for changes, field, message in (
        (
            {"number": 1},
            "number",
            "Resolution (1) is used more than once: give each a different number",
        ),
        ({"number": 0}, "number", "Numbers start at 1"),
        ({"text": ""}, "text", "Enter the text of resolution (2)"),
    ):
        assert refused(admin_change(admin_client, point, **changes), message)
        candidate = DecisionPoint.objects.get(pk=point.pk)
        for name, value in changes.items():
            setattr(candidate, name, value)
        assert full_clean_errors(candidate) == {field: [message]}
    for bad in ({"number": 0}, {"text": ""}):
        with pytest.raises(IntegrityError), transaction.atomic():
            DecisionPoint.objects.filter(pk=point.pk).update(**bad)

    # A reason may share a resolution's number.
    response = admin_change(admin_client, point, kind=DecisionPoint.Kind.REASON, number=1)
    assert response.status_code == 302
    assert DecisionPoint.objects.get(pk=point.pk).number == 1


def test_a_decisions_points_together_need_a_resolution_and_each_number_once():
    resolution, reason = DecisionPoint.Kind.RESOLUTION, DecisionPoint.Kind.REASON
    assert decision_points_errors([(reason, 1)]) == {None: "Enter at least one resolution."}
    assert decision_points_errors([(resolution, 1), (reason, 1), (resolution, 1)]) == {
        2: "Resolution (1) is used more than once: give each a different number"
    }
    assert decision_points_errors([(resolution, 1), (resolution, None), (reason, 2)]) == {}


def test_decision_save_refuses_points_in_the_same_words():
    admin = UserFactory(organisation=None, is_superuser=True, is_staff=True)
    decision = ExecutiveDecisionFactory.build(decided_by=CommitteeFactory(), minute_number="C300")
    for resolutions, reasons, message in (
        ([], [PointInput(1, "Because.")], "Enter at least one resolution."),
        (
            [PointInput(1, "THAT this."), PointInput(1, "THAT that.")],
            [],
            "Resolution (1) is used more than once: give each a different number",
        ),
        ([PointInput(0, "THAT this.")], [], "Numbers start at 1"),
        ([PointInput(1, "THAT this.")], [PointInput(3, "  ")], "Enter the text of reason (3)"),
    ):
        with pytest.raises(ValidationError) as caught:
            decision_save(decision=decision, resolutions=resolutions, reasons=reasons, actor=admin)
        assert caught.value.messages == [message]
    assert not ExecutiveDecision.objects.exists()
    decision_save(
        decision=decision,
        resolutions=[PointInput(1, "THAT this.")],
        reasons=[PointInput(1, "Because.")],
        actor=admin,
    )
    assert decision.points.count() == 2


# --- Closing a recommendation -----------------------------------------------------------------


def test_closing_a_recommendation_outside_a_meeting_is_refused(admin_client):
    recommendation = RecommendationFactory(number=5)
    between_meetings = ProgressUpdateFactory(item=None)
    entry = UpdateEntryFactory(update=between_meetings, recommendation=recommendation)
    message = "Recommendation 5: only a meeting can agree to close it; choose the agenda item above"
    response = admin_change(admin_client, entry, new_status=Status.ACHIEVED, reason="Delivered.")
    assert refused(response, message)
    entry.new_status, entry.reason = Status.ACHIEVED, "Delivered."
    assert full_clean_errors(entry) == {"new_status": [message]}

    at_a_meeting = ProgressUpdateFactory(item=AgendaItemFactory())
    entry = UpdateEntryFactory(update=at_a_meeting, recommendation=recommendation)
    response = admin_change(admin_client, entry, new_status=Status.ACHIEVED, reason="Delivered.")
    assert response.status_code == 302
    assert UpdateEntry.objects.get(pk=entry.pk).new_status == Status.ACHIEVED


@pytest.mark.parametrize(
    "changes, field, message",
    [
        (
            {"new_status": Status.SLIPPED, "reason": "Staff shortages"},
            "revised_target_date",
            "Recommendation 5: enter the revised target date when it has slipped",
        ),
        (
            {"new_status": Status.SLIPPED, "revised_target_date": datetime.date(2023, 3, 31)},
            "reason",
            "Recommendation 5: give the reason it slipped",
        ),
        (
            {"new_status": Status.NOT_ACHIEVED},
            "reason",
            "Recommendation 5: give the outcome when you close it",
        ),
    ],
)
def test_a_slipped_or_closing_status_without_its_date_reason_or_outcome_is_refused(
    admin_client, changes, field, message
):
    at_a_meeting = ProgressUpdateFactory(item=AgendaItemFactory())
    entry = UpdateEntryFactory(update=at_a_meeting, recommendation=RecommendationFactory(number=5))
    posted = {"revised_target_date": None, "reason": "", **changes}
    assert refused(admin_change(admin_client, entry, **posted), message)
    for name, value in posted.items():
        setattr(entry, name, value)
    assert full_clean_errors(entry) == {field: [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        UpdateEntry.objects.filter(pk=entry.pk).update(**posted)

    good = {**posted, "revised_target_date": datetime.date(2023, 3, 31), "reason": "Given."}
    assert admin_change(admin_client, entry, **good).status_code == 302
    assert UpdateEntry.objects.get(pk=entry.pk).new_status == changes["new_status"]


def test_an_update_interval_outside_1_to_36_months_is_refused(admin_client, review):
    message = "How often progress should be reported must be between 1 and 36 months"
    assert refused(admin_change(admin_client, review, update_interval_months=37), message)
    review.update_interval_months = 37
    assert full_clean_errors(review) == {"update_interval_months": [message]}

    assert admin_change(admin_client, review, update_interval_months=36).status_code == 302
    assert Review.objects.get(pk=review.pk).update_interval_months == 36

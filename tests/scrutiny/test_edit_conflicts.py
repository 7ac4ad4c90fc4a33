"""No lost updates on committees, meetings, agenda items, agreed actions, reviews and
executive decisions: two democratic services officers open the same record, the first
saves, and the second is shown both versions (409) instead of silently undoing the first
one's change; they can then save theirs over it on purpose. The record screen and the due
page, which change existing agreed actions, refuse a tick made on a stale page."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from scrutiny.common.locking import MISSING_VERSION
from scrutiny.models import AgendaItem, AgreedAction, DecisionPoint
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    DecisionPointFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    ReviewFactory,
)
from tests.support.forms import form_data
from tests.support.pages import headings, words

pytestmark = pytest.mark.django_db

MAY = datetime.date(2021, 5, 25)


@pytest.fixture
def meeting(committee):
    return MeetingFactory(committee=committee, date=MAY, venue="Meeting Room G.01")


def _decision(committee):
    cabinet = CommitteeFactory(council=committee.council, name="Cabinet", kind="cabinet")
    decision = ExecutiveDecisionFactory(decided_by=cabinet, minute_number="C129", title="Unit")
    DecisionPointFactory(decision=decision, number=1, text="THAT the unit be set up.")
    DecisionPointFactory(
        decision=decision, kind=DecisionPoint.Kind.REASON, number=1, text="To work together."
    )
    return decision


@dataclass(frozen=True)
class Edit:
    """An edit form: how to make its record, its page, the field both people change,
    its label on the conflict page and what the record is called there."""

    make: Callable
    url_name: str
    field: str
    label: str
    what: str


EDITS = {
    "committee": Edit(lambda c, m: c, "scrutiny:committee-edit", "chair", "Chair", "committee"),
    "meeting": Edit(lambda c, m: m, "scrutiny:meeting-edit", "venue", "Venue", "meeting"),
    "agenda item": Edit(
        lambda c, m: AgendaItemFactory(meeting=m, number=3, title="Contracts"),
        "scrutiny:item-edit",
        "title",
        "Title",
        "agenda item",
    ),
    "agreed action": Edit(
        lambda c, m: AgreedActionFactory(meeting=m),
        "scrutiny:action-edit",
        "falls_to",
        "Who it falls to",
        "agreed action",
    ),
    "review": Edit(
        lambda c, m: ReviewFactory(committee=c, title="Social Care External Workforce"),
        "scrutiny:review-edit",
        "lead_member",
        "Lead member",
        "review",
    ),
    "executive decision": Edit(
        lambda c, m: _decision(c), "scrutiny:decision-edit", "title", "Title", "executive decision"
    ),
}


@pytest.mark.parametrize("name", EDITS)
def test_the_second_save_of_an_old_copy_shows_both_versions_and_keeps_the_first(
    two, committee, meeting, name
):
    edit = EDITS[name]
    record = edit.make(committee, meeting)
    url = reverse(edit.url_name, args=[record.pk])
    first, second = two
    alex_page, blake_page = first.get(url), second.get(url)

    assert first.post(url, {**form_data(alex_page), edit.field: "Alex's words"}).status_code == 302

    clash = second.post(url, {**form_data(blake_page), edit.field: "Blake's words"})
    assert clash.status_code == 409
    record.refresh_from_db()
    assert getattr(record, edit.field) == "Alex's words", "the first change is still stored"
    page = words(clash)
    assert f"Someone else changed this {edit.what} while you were editing" in page
    assert re.search(r"Alex Ahmed saved it at \d{1,2}:\d\d[ap]m on \d{1,2} \w+ \d{4}", page)
    assert (
        f"1 detail is different: {edit.label} {edit.label} (different) "
        "Saved version Alex's words Your version Blake's words"
    ) in page
    assert headings(clash)[:4] == [
        ("h2", "Your changes have not been saved yet"),
        ("h1", f"Someone else changed this {edit.what} while you were editing"),
        ("h2", "How the versions differ"),
        ("h3", f"{edit.label} (different)"),
    ]
    data = form_data(clash)
    assert data[edit.field] == "Blake's words", "what Blake typed is kept"
    assert data["version"] == str(record.version)
    assert f'href="{record.get_absolute_url()}"' in clash.content.decode()
    assert "Discard mine and view the saved version" in page

    assert second.post(url, data).status_code == 302, "save mine over it"
    record.refresh_from_db()
    assert getattr(record, edit.field) == "Blake's words"


@pytest.mark.parametrize("name", EDITS)
def test_a_form_without_its_version_is_refused_with_a_message(two, committee, meeting, name):
    edit = EDITS[name]
    record = edit.make(committee, meeting)
    url = reverse(edit.url_name, args=[record.pk])
    first, _ = two
    data = {**form_data(first.get(url)), edit.field: "Typed"}
    del data["version"]
    response = first.post(url, data)
    assert response.status_code == 200
    assert "There is a problem" in words(response)
    assert MISSING_VERSION in words(response)
    assert form_data(response)[edit.field] == "Typed"
    before = getattr(record, edit.field)
    record.refresh_from_db()
    assert getattr(record, edit.field) == before
    assert record.version == 1


@pytest.mark.parametrize("version", ["0", "1", "3", "-2", "x"])
def test_a_tampered_version_never_lets_an_old_copy_overwrite(two, committee, meeting, version):
    first, second = two
    url = reverse("scrutiny:meeting-edit", args=[meeting.pk])
    alex_page, blake_page = first.get(url), second.get(url)
    first.post(url, {**form_data(alex_page), "venue": "Alex's room"})
    response = second.post(url, {**form_data(blake_page), "venue": "x", "version": version})
    assert response.status_code in (409, 200)
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.version) == ("Alex's room", 2)


def test_a_decision_conflict_compares_the_resolutions_too(two, committee):
    decision = _decision(committee)
    url = reverse("scrutiny:decision-edit", args=[decision.pk])
    first, second = two
    alex_page, blake_page = first.get(url), second.get(url)
    alex = form_data(alex_page)
    alex["resolutions-0-text"] = "THAT the unit be set up in Cardiff."
    assert first.post(url, alex).status_code == 302

    clash = second.post(url, {**form_data(blake_page), "title": "Blake's title"})
    assert clash.status_code == 409
    page = words(clash)
    assert "2 details are different: Title Resolutions" in page
    assert (
        "Resolutions (different) Saved version (1) THAT the unit be set up in Cardiff. "
        "Your version (1) THAT the unit be set up."
    ) in page
    decision.refresh_from_db()
    assert decision.title == "Unit"
    assert decision.points.get(kind="resolution").text == "THAT the unit be set up in Cardiff."

    # Blake takes Alex's resolution into his version and saves it over.
    data = {**form_data(clash), "resolutions-0-text": "THAT the unit be set up in Cardiff."}
    assert second.post(url, data).status_code == 302
    decision.refresh_from_db()
    assert decision.title == "Blake's title"
    assert decision.points.get(kind="resolution").text == "THAT the unit be set up in Cardiff."
    assert decision.points.count() == 2


def test_a_meeting_conflict_names_dates_times_and_ticks_in_words(two, committee, meeting):
    url = reverse("scrutiny:meeting-edit", args=[meeting.pk])
    first, second = two
    alex_page, blake_page = first.get(url), second.get(url)
    first.post(
        url,
        {
            **form_data(alex_page),
            "date_0": "26",
            "start_time": "10:00",
            "cancelled": "on",
        },
    )
    clash = second.post(url, {**form_data(blake_page), "venue": "Online"})
    page = words(clash)
    assert "Date (different) Saved version 26 May 2021 Your version 25 May 2021" in page
    assert "Start time (different) Saved version 10:00 Your version 17:30" in page
    assert "This meeting was cancelled (different) Saved version Yes Your version No" in page


# --- The record screen and the due page change existing agreed actions -------------------


@pytest.fixture
def november(committee, meeting):
    """A later meeting whose item 5 receives the action the May meeting agreed."""
    later = MeetingFactory(committee=committee, date=datetime.date(2021, 11, 2))
    AgendaItemFactory(meeting=later, number=5, title="Detailed update report")
    return later


def test_a_tick_on_a_stale_record_screen_does_not_deliver_a_changed_action(two, meeting, november):
    action = AgreedActionFactory(meeting=meeting, text="That a report come back.")
    first, second = two
    record_url = reverse("scrutiny:meeting-record", args=[november.pk])
    screen = second.get(record_url)

    # Meanwhile Alex changes the action: it now asks for something else.
    edit_url = reverse("scrutiny:action-edit", args=[action.pk])
    alex = {**form_data(first.get(edit_url)), "text": "That a report on pay come back."}
    assert first.post(edit_url, alex).status_code == 302

    # Blake ticks it as his screen shows it: its id and the version he saw.
    assert f'value="{action.pk}:1"' in screen.content.decode()
    data = {**form_data(screen), "item-5-delivered-delivered": f"{action.pk}:1"}
    response = second.post(record_url, data)
    assert response.status_code == 200
    assert (
        "Item 5: “That a report on pay come back.” was changed by someone else after this "
        "page was opened: check it and tick it again if it was delivered"
    ) in words(response)
    action.refresh_from_db()
    assert action.delivered_on is None

    # The page now offers the action as it stands; ticking it again delivers it.
    data = form_data(response)
    data["item-5-delivered-delivered"] = f"{action.pk}:{action.version}"
    assert second.post(record_url, data).status_code == 302
    action.refresh_from_db()
    assert (action.delivered_on, action.version) == (november.date, 3)


def test_a_tick_without_the_version_seen_is_refused(two, meeting, november):
    action = AgreedActionFactory(meeting=meeting)
    _, second = two
    response = second.post(
        reverse("scrutiny:meeting-record", args=[november.pk]),
        {"item-5-delivered-delivered": str(action.pk)},
    )
    assert response.status_code == 200
    assert "Item 5: the page did not say which version" in words(response)
    action.refresh_from_db()
    assert action.delivered_on is None


def test_delivering_an_action_moves_its_version_on_so_an_open_edit_form_conflicts(
    two, meeting, november
):
    action = AgreedActionFactory(meeting=meeting)
    first, second = two
    edit_url = reverse("scrutiny:action-edit", args=[action.pk])
    stale_edit = first.get(edit_url)
    record_url = reverse("scrutiny:meeting-record", args=[november.pk])
    delivered = second.post(
        record_url,
        {"item-5-delivered-delivered": f"{action.pk}:{action.version}"},
    )
    assert delivered.status_code == 302
    clash = first.post(edit_url, {**form_data(stale_edit), "falls_to": "Head of Service"})
    assert clash.status_code == 409
    assert "Delivered on (different) Saved version 2 November 2021 Your version Not given" in (
        words(clash)
    )
    action.refresh_from_db()
    assert action.delivered_meeting == november


def test_placing_an_action_from_a_stale_due_page_is_refused(two, committee, meeting, november):
    action = AgreedActionFactory(meeting=meeting, text="That a report come back.")
    first, second = two
    due_url = reverse("scrutiny:meeting-due", args=[november.pk])
    due_page = second.get(due_url)
    offered = form_data(due_page)
    offered["actions"] = f"{action.pk}:{action.version}"

    edit_url = reverse("scrutiny:action-edit", args=[action.pk])
    alex = {**form_data(first.get(edit_url)), "text": "That a report on pay come back."}
    assert first.post(edit_url, alex).status_code == 302

    items_before = AgendaItem.objects.count()
    response = second.post(due_url, offered)
    assert response.status_code == 200
    assert "was changed by someone else after this page was opened" in words(response)
    assert AgendaItem.objects.count() == items_before
    action.refresh_from_db()
    assert action.due_meeting is None

    again = form_data(response)
    again["actions"] = f"{action.pk}:{action.version}"
    assert second.post(due_url, again).status_code == 302
    action.refresh_from_db()
    assert action.due_meeting == november
    assert action.version == 3


def test_adding_an_action_to_an_item_moves_the_items_version_on(two, committee, meeting, november):
    """The due page adds to an item's description when the item already takes the action's
    review: someone editing that item from an older page is shown a conflict."""
    review = ReviewFactory(committee=committee)
    item = AgendaItem.objects.get(meeting=november, number=5)
    item.review = review
    item.save()
    action = AgreedActionFactory(meeting=meeting, review=review, text="That a report come back.")
    first, second = two
    item_url = reverse("scrutiny:item-edit", args=[item.pk])
    stale = first.get(item_url)
    due_url = reverse("scrutiny:meeting-due", args=[november.pk])
    chosen = {"actions": f"{action.pk}:{action.version}"}
    assert second.post(due_url, chosen).status_code == 302
    item.refresh_from_db()
    assert "That a report come back." in item.description
    clash = first.post(item_url, {**form_data(stale), "title": "Renamed"})
    assert clash.status_code == 409
    assert "Description (different)" in words(clash)
    assert AgreedAction.objects.get().due_meeting == november

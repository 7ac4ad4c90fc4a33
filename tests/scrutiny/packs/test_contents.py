"""What a meeting pack holds, as an HTML page: the tracker as at the meeting and what
changed since the one before, updates given and what was said, referred decisions with
every resolution and reason, actions due (delivered, overdue, carried forward); the public
pack leaves exempt items and draft reviews out, the full pack includes and marks them."""

import datetime
import re

import pytest

from scrutiny.selectors.packs import meeting_pack
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    MeetingFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.scrutiny.committee_people import text_of
from tests.scrutiny.packs.helpers import (
    EXEMPT_DESCRIPTION,
    EXEMPT_REASON,
    EXEMPT_SAID,
    EXEMPT_TITLE,
    JANUARY,
    MAY,
    REASONS,
    RESOLUTIONS,
    pack_url,
    tracker_row,
)

pytestmark = pytest.mark.django_db


def test_public_pack_shows_the_tracker_as_at_the_meeting(client, scene):
    may, review, recs = scene
    response = client.get(pack_url(may))
    assert response.status_code == 200
    html = response.content.decode()

    row = tracker_row(html, 1)
    assert "Slipped" in row
    assert "A report on career pathways was received today." in row  # the latest update's text
    assert "30 September 2022" in row  # its revised target date
    row = tracker_row(html, 2)
    assert "On track" in row  # achieved only in June, after the meeting
    assert "January news on 2." in row
    assert "Later news from June" not in html
    assert "Achieved" not in row

    text = text_of(response)
    assert "Leicester City Council" in text
    assert "Tuesday 25 May 2021" in text
    assert "5.30 p.m." in text
    assert "Meeting Room G.01, City Hall" in text
    assert "Public pack" in text
    assert "Item 7: Social Care External Workforce: verbal update" in text
    # What changed since the previous meeting (19 January): only recommendation 1 (2 changed
    # after the meeting, 3 only at the exempt item).
    changes = text[text.index("What changed since the previous meeting") :]
    changes = changes[: changes.index("Updates given at this item")]
    assert "Between the meeting of 19 January 2021 and this one:" in changes
    assert (
        "1. Recommendation heading 1 : status changed from on track to slipped, latest update"
        " 25 May 2021." in changes
    )
    assert "Recommendation heading 2" not in changes
    assert "Recommendation heading 3" not in changes


def test_public_pack_leaves_exempt_items_out_entirely(client, scene):
    may, review, recs = scene
    response = client.get(pack_url(may))
    html = response.content.decode()
    for secret in (EXEMPT_TITLE, EXEMPT_REASON, EXEMPT_DESCRIPTION, EXEMPT_SAID, "cost returns"):
        assert secret not in html
    assert "EXEMPT" not in html and "Item 8" not in html
    # The update given at the exempt item does not count in the public pack either.
    assert "Paused" not in tracker_row(html, 3)


def test_full_pack_includes_and_marks_exempt_items(client, scene, people):
    may, review, recs = scene
    client.force_login(people.councillor)
    response = client.get(pack_url(may, full=True))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = text_of(response)
    assert "Full pack – contains exempt information" in text
    assert f"Item 8: {EXEMPT_TITLE}" in text
    assert f"EXEMPT – not for publication: {EXEMPT_REASON}" in text
    assert EXEMPT_DESCRIPTION in text and EXEMPT_SAID in text


def test_full_pack_of_a_meeting_with_nothing_exempt_says_so(client, committee, people):
    may = MeetingFactory(committee=committee, date=MAY)
    AgendaItemFactory(meeting=may, number=1, title="Apologies")
    client.force_login(people.councillor)
    text = text_of(client.get(pack_url(may, full=True)))
    assert "Full pack – no exempt information" in text
    assert "EXEMPT" not in text


def test_referred_decision_with_every_resolution_and_reason(client, scene):
    may, _, _ = scene
    text = text_of(client.get(pack_url(may)))
    assert "Reference from Cabinet" in text and "C129" in text
    for number, point in enumerate(RESOLUTIONS + REASONS, start=1):
        n = number if number <= 5 else number - 5
        assert f"({n}) {point}" in text


def test_actions_due_show_their_state_as_at_the_meeting(client, scene):
    may, _, _ = scene
    pack = meeting_pack(meeting=may, user=None, full=False)
    item = next(p for p in pack.items if p.number == 7)
    states = {
        a.text: ("Delivered" if a.delivered_on else "Overdue" if a.overdue else "Outstanding")
        for a in item.actions_due
    }
    assert states == {
        "That a detailed update report be brought to a future meeting.": "Outstanding",
        "That the career pathway report be circulated.": "Overdue",
        "That the Chair write to the LSCDG.": "Delivered",
    }
    html = client.get(pack_url(may)).content.decode()
    assert "By 1 March 2021" in html and "At a future meeting" in html


def test_action_a_meeting_did_not_receive_is_carried_forward(client, committee):
    january = MeetingFactory(committee=committee, date=JANUARY)
    MeetingFactory(committee=committee, date=datetime.date(2021, 3, 16))
    may = MeetingFactory(committee=committee, date=MAY)
    review = ReviewFactory(committee=committee)
    AgendaItemFactory(meeting=may, number=5, review=review, title="Progress")
    AgreedActionFactory(meeting=january, review=review, text="That a report come back.")
    text = text_of(client.get(pack_url(may)))
    assert "Carried forward" in text
    assert "the meeting of 16 March 2021 did not receive it" in text


def test_full_pack_marks_an_action_agreed_at_an_exempt_item(client, committee, people):
    january = MeetingFactory(committee=committee, date=JANUARY)
    may = MeetingFactory(committee=committee, date=MAY)
    review = ReviewFactory(committee=committee)
    secret = AgendaItemFactory(
        meeting=january, number=9, review=review, exempt=True, exempt_reason="Paragraph 3"
    )
    AgendaItemFactory(meeting=may, number=5, review=review, title="Progress")
    AgreedActionFactory(meeting=january, item=secret, review=review, text="That costs be checked.")
    assert "That costs be checked." not in client.get(pack_url(may)).content.decode()
    client.force_login(people.councillor)
    text = text_of(client.get(pack_url(may, full=True)))
    assert "That costs be checked." in text
    assert "EXEMPT – not for publication: agreed at an exempt item" in text


def test_updates_given_at_the_meeting_say_what_was_said(client, scene):
    may, _, _ = scene
    text = text_of(client.get(pack_url(may)))
    assert "Updates given at this item" in text
    assert "What was said, recommendation by recommendation" in text
    said = text[text.index("What was said, recommendation by recommendation") :]
    assert re.search(
        r"1\. Recommendation heading 1 A report on career pathways was received today\. "
        r"Status set to Slipped ?, revised target date 30 September 2022\. "
        r"Reason: The pandemic moved training online\.",
        said,
    )


def test_draft_review_is_left_out_of_the_public_pack(client, committee, people):
    may = MeetingFactory(committee=committee, date=MAY)
    draft = ReviewFactory(committee=committee, title="Support for unpaid carers", published=False)
    RecommendationFactory(review=draft, reference="1", title="Carers' assessments")
    AgendaItemFactory(meeting=may, number=4, review=draft, title="Carers review: scoping")
    assert "Carers&#x27; assessments" not in client.get(pack_url(may)).content.decode()
    client.force_login(people.councillor)
    assert "Carers&#x27; assessments" in client.get(pack_url(may, full=True)).content.decode()

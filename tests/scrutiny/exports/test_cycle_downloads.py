"""The meeting cycle's lists and the review list as files: a meeting's agreed actions, what
is due at a meeting, a committee's work programme, the updates a user owes and the review
list; each holds what its page shows the reader (no exempt business, no draft review for
the public), with the page's filters, in the reader's language and the council's words."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Role
from recommendations.models import Status, StatusWord
from scrutiny.models import DecisionPoint
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    DecisionPointFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    RecommendationFactory,
    ReviewFactory,
    user_with_role,
)
from tests.scrutiny.exports.helpers import by_heading, rows_of
from tests.scrutiny.exports.scenes import build_scene

pytestmark = pytest.mark.django_db
KINDS = ["csv", "xlsx"]


@pytest.fixture
def scene(db):
    scene = build_scene()
    today = timezone.localdate()
    scene.future = MeetingFactory(committee=scene.committee, date=today + datetime.timedelta(30))
    past = MeetingFactory(committee=scene.committee, date=datetime.date(2021, 3, 1))
    draft = ReviewFactory(committee=scene.committee, published=False, title="Draft review")
    RecommendationFactory(review=draft, reference="D1", title="Hidden heading")
    AgreedActionFactory(
        meeting=past, text="Report on vacancies.", due_meeting=scene.future, review=scene.review
    )
    AgreedActionFactory(
        meeting=past,
        text="Secret action.",
        due_meeting=scene.future,
        item=AgendaItemFactory(meeting=past, exempt=True, exempt_reason="Paragraph 3"),
    )
    AgreedActionFactory(meeting=past, text="About the draft.", due_meeting=scene.future)
    StatusWord.objects.create(
        council=scene.council, status=Status.SLIPPED, label="Delayed", label_cy="Wedi oedi"
    )
    return scene


def _get(client, name: str, kind: str, *args, lang: str = "", **query):
    return rows_of(client.get(lang + reverse(f"scrutiny:{name}-{kind}", args=args), query), kind)


@pytest.mark.parametrize("kind", KINDS)
def test_a_meetings_actions_as_its_page_lists_them(client, scene, kind):
    rows = _get(client, "meeting-actions", kind, scene.future.pk)
    assert by_heading(rows, "What was agreed") == ["Report on vacancies.", "About the draft."]
    client.force_login(scene.clerk)
    rows = _get(client, "meeting-actions", kind, scene.future.pk)
    assert "Secret action." in by_heading(rows, "What was agreed")
    assert "Exempt" in by_heading(rows, "Exempt")


@pytest.mark.parametrize("kind", KINDS)
def test_what_is_due_at_a_meeting_in_the_councils_words(client, scene, kind):
    rows = _get(client, "meeting-due", kind, scene.future.pk)
    kinds, refs = by_heading(rows, "Kind"), by_heading(rows, "Ref.")
    assert kinds.count("Agreed action") == 2
    assert "Secret action." not in repr(rows) and "D1" not in refs
    statuses = dict(zip(refs, by_heading(rows, "Status"), strict=True))
    assert statuses["R3a"] == "Delayed"
    assert {str(day)[:10] for day in by_heading(rows, "Meeting")} == {str(scene.future.date)}
    client.force_login(scene.clerk)
    rows = _get(client, "meeting-due", kind, scene.future.pk)
    assert "D1" in by_heading(rows, "Ref.") and "Secret action." in repr(rows)


@pytest.mark.parametrize("kind", KINDS)
def test_a_work_programme_in_welsh(client, scene, kind):
    rows = _get(client, "committee-work-programme", kind, scene.committee.pk, lang="/cy")
    assert rows[0][:2] == ["Math", "Cyfarfod"]
    statuses = dict(zip(by_heading(rows, "Cyf."), by_heading(rows, "Statws"), strict=True))
    assert statuses["R3a"] == "Wedi oedi"
    assert "Secret action." not in repr(rows) and "D1" not in statuses


@pytest.mark.parametrize("kind", KINDS)
def test_the_updates_a_user_owes(client, scene, kind):
    officer = user_with_role(Role.OFFICER, scene.council)
    client.force_login(officer)
    rows = _get(client, "update-owed-list", kind)
    refs = by_heading(rows, "Ref.")
    assert "R3a" in refs and "6" not in refs  # achieved: nothing owed
    statuses = dict(zip(refs, by_heading(rows, "Status"), strict=True))
    assert statuses["R3a"] == "Delayed"
    client.logout()
    address = reverse(f"scrutiny:update-owed-list-{kind}")
    assert client.get(address).status_code == 302


@pytest.mark.parametrize("kind", KINDS)
def test_the_review_list_with_its_filters(client, scene, kind):
    other = CommitteeFactory(council=scene.council, name="Audit Committee")
    ReviewFactory(committee=other, title="Audit review")
    rows = _get(client, "review-list", kind)
    assert by_heading(rows, "Review") == ["Audit review", "Social Care Workforce"]
    counts = dict(
        zip(by_heading(rows, "Review"), by_heading(rows, "Recommendations by status"), strict=True)
    )
    assert "1 Delayed" in counts["Social Care Workforce"]
    only = _get(client, "review-list", kind, committee=other.pk)
    assert by_heading(only, "Review") == ["Audit review"]
    client.force_login(scene.clerk)
    assert "Draft review" in by_heading(_get(client, "review-list", kind), "Review")


def test_each_page_links_to_its_files(client, scene):
    pages = {
        scene.future.get_absolute_url(): "meeting-actions",
        reverse("scrutiny:meeting-due", args=[scene.future.pk]): "meeting-due",
        reverse("scrutiny:committee-work-programme", args=[scene.committee.pk]): (
            "committee-work-programme"
        ),
    }
    for page, name in pages.items():
        content = client.get(page).content.decode()
        assert reverse(f"scrutiny:{name}-xlsx", args=[page.split("/")[2]]) in content, page
    assert (
        reverse("scrutiny:decision-list-csv")
        not in client.get(reverse("scrutiny:decision-list")).content.decode()
    )  # no decision: no file
    listed = client.get(reverse("scrutiny:review-list"), {"status": "monitoring"}).content
    assert reverse("scrutiny:review-list-csv").encode() + b"?status=monitoring" in listed
    client.force_login(user_with_role(Role.OFFICER, scene.council))
    owed = client.get(reverse("scrutiny:update-owed-list")).content.decode()
    assert reverse("scrutiny:update-owed-list-csv") in owed


@pytest.mark.parametrize("kind", KINDS)
def test_the_executive_decisions_with_their_resolutions(client, scene, kind):
    cabinet = scene.council.committees.get(name="Cabinet")
    public = ExecutiveDecisionFactory(
        decided_by=cabinet,
        minute_number="C129",
        referred_to=scene.committee,
        referred_to_item=AgendaItemFactory(meeting=scene.future, number=4),
    )
    DecisionPointFactory(decision=public, number=1, text="THAT the unit be set up.")
    DecisionPointFactory(decision=public, number=2, text="THAT it report in a year.")
    DecisionPointFactory(
        decision=public, kind=DecisionPoint.Kind.REASON, number=1, text="To keep staff."
    )
    ExecutiveDecisionFactory(
        decided_by=cabinet,
        minute_number="C130",
        title="Secret decision",
        referred_to=scene.committee,
        referred_to_item=AgendaItemFactory(meeting=scene.future, exempt=True, exempt_reason="3"),
    )
    rows = _get(client, "decision-list", kind)
    assert by_heading(rows, "Minute") == ["C129"]
    assert by_heading(rows, "Resolutions") == [
        "1. THAT the unit be set up.\n2. THAT it report in a year."
    ]
    assert by_heading(rows, "Reasons") == ["1. To keep staff."]
    assert by_heading(rows, "Referred to") == [scene.committee.name]
    assert [str(n) for n in by_heading(rows, "Item")] == ["4"]
    client.force_login(scene.clerk)
    assert sorted(by_heading(_get(client, "decision-list", kind), "Minute")) == ["C129", "C130"]

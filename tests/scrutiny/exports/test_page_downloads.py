"""The other lists' downloads: a review's tracker as CSV, a committee's recommendations
and outstanding agreed actions, an organisation's, and search results; each holds what its
page shows the reader and no more, and each page links to its files with its own query."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recommendations.services import recommendation_delete, update_delete
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    AliasFactory,
    CommitteeFactory,
    DecisionPointFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    PartnershipFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)
from tests.scrutiny.exports.helpers import by_heading, rows_of
from tests.scrutiny.exports.scenes import build_scene

pytestmark = pytest.mark.django_db
KINDS = ["csv", "xlsx"]


@pytest.fixture
def scene(db):
    scene = build_scene()
    draft = ReviewFactory(committee=scene.committee, published=False, title="Draft review")
    hidden = RecommendationFactory(review=draft, reference="D1")
    body = scene.recs["1"].responsible_bodies.get(short_name="LSCDG")
    hidden.responsible_bodies.set([body])
    meeting = MeetingFactory(committee=scene.committee, date=datetime.date(2021, 3, 1))
    AgreedActionFactory(
        meeting=meeting,
        text="Report on vacancies.",
        falls_to_organisation=body,
        due_on=datetime.date(2021, 4, 1),
        review=scene.review,
    )
    AgreedActionFactory(
        meeting=meeting,
        text="Secret action.",
        falls_to_organisation=body,
        item=AgendaItemFactory(meeting=meeting, exempt=True, exempt_reason="Paragraph 3"),
    )
    AgreedActionFactory(
        meeting=meeting,
        text="Done already.",
        delivered_on=datetime.date(2021, 4, 1),
        delivered_meeting=meeting,
    )
    scene.body = body
    return scene


@pytest.mark.parametrize("kind", KINDS)
def test_a_committees_recommendations_as_its_reader_may_see_them(client, scene, kind):
    address = reverse(f"scrutiny:committee-recommendations-{kind}", args=[scene.committee.pk])
    public = rows_of(client.get(address), kind)
    assert by_heading(public, "Ref.") == ["1", "2", "4", "5", "6", "R3a"]
    assert set(by_heading(public, "Review")) == {"Social Care Workforce"}
    client.force_login(scene.clerk)
    assert "D1" in by_heading(rows_of(client.get(address), kind), "Ref.")


@pytest.mark.parametrize("kind", KINDS)
def test_a_committees_outstanding_actions_as_its_page_lists_them(client, scene, kind):
    address = reverse(f"scrutiny:committee-actions-{kind}", args=[scene.committee.pk])
    rows = rows_of(client.get(address), kind)
    assert by_heading(rows, "What was agreed") == ["Report on vacancies."]
    assert by_heading(rows, "State") == ["Overdue"]
    assert by_heading(rows, "Organisation") == [scene.body.name]
    client.force_login(scene.clerk)
    rows = rows_of(client.get(address), kind)
    assert by_heading(rows, "What was agreed") == ["Report on vacancies.", "Secret action."]
    assert [v or "" for v in by_heading(rows, "Exempt")] == ["", "Exempt"]


@pytest.mark.parametrize("kind", KINDS)
def test_an_organisations_recommendations_and_actions(client, scene, kind):
    recs = reverse(f"partnerships:organisation-recommendations-{kind}", args=[scene.body.pk])
    actions = reverse(f"partnerships:organisation-actions-{kind}", args=[scene.body.pk])
    assert by_heading(rows_of(client.get(recs), kind), "Ref.") == ["1", "R3a"]
    assert by_heading(rows_of(client.get(actions), kind), "What was agreed") == [
        "Report on vacancies."
    ]
    client.force_login(scene.clerk)
    assert by_heading(rows_of(client.get(recs), kind), "Ref.") == ["D1", "1", "R3a"]
    assert len(rows_of(client.get(actions), kind)) == 3


def test_a_reviews_tracker_as_csv_in_the_trackers_columns(client, scene):
    address = reverse("scrutiny:review-tracker-csv", args=[scene.review.pk])
    response = client.get(address, {"as_at": "2021-06-01"})
    assert response["Content-Disposition"] == (
        'attachment; filename="social-care-workforce-tracker-2021-06-01.csv"'
    )
    rows = rows_of(response, "csv")
    assert rows[0][:3] == ["Ref.", "Recommendation", "Executive response"]
    statuses = dict(zip(by_heading(rows, "Ref."), by_heading(rows, "Status"), strict=True))
    assert statuses == {
        "1": "On track",
        "2": "Not started",
        "4": "Not started",  # paused in September
        "5": "Not started",
        "6": "Not started",
        "R3a": "Slipped",
    }
    assert by_heading(rows, "Target date")[-1] == "2022-09-30"  # revised
    assert client.get(address, {"as_at": "2021-02-30"}).status_code == 400


@pytest.mark.parametrize("kind", KINDS)
def test_search_results_every_kind_the_reader_may_see(client, scene, kind):
    address = reverse(f"scrutiny:search-{kind}")
    rows = rows_of(client.get(address, {"q": "vacancies"}), kind)
    kinds = by_heading(rows, "Kind")
    assert kinds == ["Progress updates", "Agreed actions"]
    assert all(a.startswith("http://testserver/") for a in by_heading(rows, "Address"))
    assert "Secret action." not in repr(rows)
    only = rows_of(client.get(address, {"q": "vacancies", "kind": "actions", "page": 3}), kind)
    assert by_heading(only, "Kind") == ["Agreed actions"]
    assert client.get(address, {"q": ""})["Location"] == reverse("scrutiny:search")


def _links(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"[^>]*download>', page)]


def test_each_page_links_to_its_files_with_its_own_query(client, scene):
    listed = client.get(reverse("recommendations:recommendation-list"), {"status": "slipped"})
    assert _links(listed.content.decode()) == [
        reverse("recommendations:recommendation-list-csv") + "?status=slipped",
        reverse("recommendations:recommendation-list-xlsx") + "?status=slipped",
    ]
    paged = client.get(
        reverse("recommendations:recommendation-list"), {"page": 2, "after": scene.recs["2"].pk}
    )
    assert _links(paged.content.decode())[0] == reverse("recommendations:recommendation-list-csv")
    found = client.get(reverse("scrutiny:search"), {"q": "vacancies", "kind": "actions"})
    assert _links(found.content.decode())[0] == (
        reverse("scrutiny:search-csv") + "?q=vacancies&kind=actions"
    )
    committee = client.get(scene.committee.get_absolute_url()).content.decode()
    assert reverse("scrutiny:committee-recommendations-xlsx", args=[scene.committee.pk]) in (
        _links(committee)
    )
    assert reverse("scrutiny:committee-actions-csv", args=[scene.committee.pk]) in _links(committee)
    body = client.get(scene.body.get_absolute_url()).content.decode()
    assert reverse("partnerships:organisation-actions-xlsx", args=[scene.body.pk]) in _links(body)
    review = client.get(scene.review.get_absolute_url()).content.decode()
    assert reverse("scrutiny:review-tracker-csv", args=[scene.review.pk]) in _links(review)


def test_the_welsh_page_links_to_the_welsh_files(client, scene):
    page = client.get("/cy" + reverse("recommendations:recommendation-list")).content.decode()
    assert "/cy/recommendations/download.csv" in _links(page)


def _queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
        assert response.status_code == 200
        b"".join(response.streaming_content) if response.streaming else response.content
    return len(captured.captured_queries)


def _address(name: str, scene) -> str:
    """The download's address, on the scene's committee, body or meeting to come."""
    if "search" in name:
        return reverse(name) + "?q=vacancies"
    if "-list-" in name:
        return reverse(name)
    if name.startswith("partnerships"):
        return reverse(name, args=[scene.body.pk])
    if "meeting-" in name:
        return reverse(name, args=[scene.future.pk])
    return reverse(name, args=[scene.committee.pk])


@pytest.mark.parametrize(
    "name",
    [
        "scrutiny:committee-recommendations-csv",
        "scrutiny:committee-actions-xlsx",
        "partnerships:organisation-recommendations-xlsx",
        "partnerships:organisation-actions-csv",
        "scrutiny:search-csv",
        "scrutiny:meeting-actions-xlsx",
        "scrutiny:meeting-due-csv",
        "scrutiny:committee-work-programme-xlsx",
        "scrutiny:update-owed-list-csv",
        "scrutiny:review-list-xlsx",
        "scrutiny:decision-list-csv",
        "scrutiny:committee-list-xlsx",
        "partnerships:organisation-list-csv",
        "recommendations:deleted-list-xlsx",
    ],
)
def test_each_download_reads_as_many_queries_for_many_rows_as_for_few(client, scene, name):
    today = datetime.date.today()
    scene.future = MeetingFactory(committee=scene.committee, date=today + datetime.timedelta(30))
    DecisionPointFactory(decision__decided_by=scene.committee)
    once = UpdateEntryFactory(recommendation=scene.review.recommendations.first()).update
    update_delete(update=once, actor=scene.clerk, reason="Given twice.")
    address = _address(name, scene)
    client.force_login(scene.clerk)
    _queries(client, address)  # the session's first save is not the download's
    few = _queries(client, address)
    meeting = MeetingFactory(committee=scene.committee, date=datetime.date(2021, 3, 2))
    update = ProgressUpdateFactory(organisation=scene.council)
    for n in range(15):
        review = ReviewFactory(committee=scene.committee, title=f"Review {n}")
        rec = RecommendationFactory(review=review if n % 2 else scene.review, reference=f"M{n}")
        rec.responsible_bodies.set([scene.body])
        UpdateEntryFactory(update=update, recommendation=rec, text=f"Vacancies {n}.")
        AgreedActionFactory(
            meeting=meeting,
            text=f"Report on vacancies {n}.",
            falls_to_organisation=scene.body,
            review=scene.review,
            item=(item := AgendaItemFactory(meeting=meeting)),
            due_meeting=scene.future,
        )
        decision = ExecutiveDecisionFactory(
            decided_by=scene.committee, referred_to=scene.committee, referred_to_item=item
        )
        DecisionPointFactory(decision=decision)
        MeetingFactory(committee=CommitteeFactory(council=scene.council), date=scene.future.date)
        AliasFactory(organisation=PartnershipFactory(host=scene.council))
        gone = RecommendationFactory(review=review, reference=f"G{n}")
        recommendation_delete(recommendation=gone, actor=scene.clerk, reason=f"Twice {n}.")
        wrong = ProgressUpdateFactory(organisation=scene.body)
        UpdateEntryFactory(update=wrong, recommendation=rec)
        update_delete(update=wrong, actor=scene.clerk, reason=f"Wrong {n}.")
    assert _queries(client, address) == few

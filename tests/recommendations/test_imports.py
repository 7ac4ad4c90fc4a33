"""Bringing a council's tracker in (recommendations.services.imports): the two sample
trackers in tests/data/trackers/, problems shown with their rows and nothing saved,
re-import a no-op, all or nothing, an edited file updating history as the importer."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import Role
from recommendations.models import ProgressUpdate, Recommendation, StatusWord, UndatedTargets
from recommendations.services.imports import (
    import_run_confirm,
    import_run_create,
    import_run_map,
    import_run_plan,
)
from scrutiny.models import Review
from tests.factories import (
    AgendaItemFactory,
    AliasFactory,
    PartnershipFactory,
    user_with_role,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "trackers"
CSV = (DATA / "six-monthly-monitoring.csv").read_bytes()
DAY = datetime.date(2025, 12, 1)
XLSX = (DATA / "action-and-implementation-plan.xlsx").read_bytes()


@pytest.fixture
def bodies(db):
    lscdg = PartnershipFactory(
        name="Leicester/shire Social Care Development Group", short_name="LSCDG"
    )
    AliasFactory(organisation=lscdg, name="LSDG")
    return lscdg, PartnershipFactory(name="Skills for Care", short_name="")


def upload(clerk, committee, content, name="tracker.csv", **choices):
    run = import_run_create(actor=clerk, committee=committee, filename=name, content=content)
    return import_run_map(
        run=run,
        actor=clerk,
        sheet=run.sheet,
        mapping=choices.pop("mapping", run.mapping),
        review_title=choices.pop("review_title", run.review_title),
        updates_given_on=choices.pop("updates_given_on", None),
        item=choices.pop("item", None),
        undated_targets=choices.pop("undated_targets", UndatedTargets.ERROR),
    )


def test_the_monitoring_csv_makes_two_reviews_their_recommendations_bodies_and_updates(
    clerk, committee, bodies
):
    run = upload(clerk, committee, CSV, updates_given_on=datetime.date(2025, 12, 1))
    plan = import_run_plan(run)
    assert plan.errors == []
    assert plan.notes == [10]  # the note row at the end
    assert plan.rag_shown
    summary = import_run_confirm(run=run, actor=clerk)
    summary.pop("review_ids")
    assert summary == {
        "created": 7,
        "changed": 0,
        "same": 0,
        "reviews": 2,
        "updates": 3,  # 14 November, 2 October, and 1 December for R2's undated one
        "entries": 7,
    }
    reviews = Review.objects.filter(committee=committee).order_by("title")
    assert [r.title for r in reviews] == ["Adult social care workforce", "Home to school transport"]
    transport = Recommendation.objects.filter(review=reviews[1])
    assert [r.reference for r in transport] == ["R1", "R2", "R10"]
    first = Recommendation.objects.get(review=reviews[0], reference="1")
    lscdg, skills = bodies
    assert set(first.responsible_bodies.all()) == {lscdg, skills}
    assert first.target_date == datetime.date(2026, 3, 31)
    assert first.response == "accepted"
    created = first.history.get()
    assert created.history_user == clerk
    assert {link.organisation for link in created.responsible_bodies.all()} == {lscdg, skills}
    entry = first.entries.get()
    assert entry.update.given_on == datetime.date(2025, 11, 14)
    assert entry.text.startswith("Pathway drafted")
    assert entry.new_status == ""  # the RAG colour is not made a status
    r2 = Recommendation.objects.get(reference="R2")
    assert r2.response == "not_accepted" and r2.target_date is None
    assert r2.entries.get().update.given_on == datetime.date(2025, 12, 1)  # the file's date


def test_reimporting_the_same_file_changes_nothing(clerk, committee, bodies):
    import_run_confirm(run=upload(clerk, committee, CSV, updates_given_on=DAY), actor=clerk)
    counts = (Recommendation.objects.count(), ProgressUpdate.objects.count())
    history = Recommendation.history.count()
    run = upload(clerk, committee, CSV, updates_given_on=DAY)
    plan = import_run_plan(run)
    assert plan.count("same") == 7 and plan.count("create") == plan.count("change") == 0
    import_run_confirm(run=run, actor=clerk)
    assert (Recommendation.objects.count(), ProgressUpdate.objects.count()) == counts
    assert Recommendation.history.count() == history


def test_an_edited_file_changes_the_matching_recommendation_as_the_importer(
    clerk, committee, bodies
):
    import_run_confirm(run=upload(clerk, committee, CSV, updates_given_on=DAY), actor=clerk)
    edited = CSV.replace(b"31/03/2026", b"30/04/2026").replace(b"\n1,", b"\n 1 ,")
    other = user_with_role(Role.DEMOCRATIC_SERVICES, committee.council)
    run = upload(other, committee, edited, updates_given_on=DAY)
    plan = import_run_plan(run)
    assert [(r.reference, r.changes) for r in plan.rows if r.action == "change"] == [
        ("1", ["target_date"])
    ]
    import_run_confirm(run=run, actor=other)
    first = Recommendation.objects.get(reference="1")
    assert first.target_date == datetime.date(2026, 4, 30)
    assert first.history.first().history_user == other
    assert Recommendation.objects.count() == 7


COUNCIL_WORDS = {
    "not_started": "Agreed",
    "on_track": "Agreed – further work required",
    "achieved": "Completed",
    "superseded": "Rejected",
}


def test_the_action_plan_workbook_reads_its_title_block_numbers_and_the_councils_words(
    clerk, committee
):
    for status, label in COUNCIL_WORDS.items():
        StatusWord.objects.create(council=committee.council, status=status, label=label)
    item = AgendaItemFactory(meeting__committee=committee, meeting__date=datetime.date(2026, 2, 3))
    run = upload(
        clerk,
        committee,
        XLSX,
        "plan.xlsx",
        updates_given_on=DAY,
        item=item,
        undated_targets=UndatedTargets.KEEP_WORDS,
    )
    assert (run.header_row, run.review_title) == (7, "Responsive housing repairs")
    plan = import_run_plan(run)
    assert plan.errors == []
    import_run_confirm(run=run, actor=clerk)
    review = Review.objects.get(committee=committee)
    assert review.title == "Responsive housing repairs"
    recs = {r.reference: r for r in Recommendation.objects.filter(review=review).with_status()}
    assert list(recs) == ["1", "2", "3", "4", "5"]
    assert recs["1"].text.startswith("That repairs reported online")
    assert recs["1"].decision_maker == "Cabinet Member for Housing and Health"
    assert [recs[r].status for r in recs] == [
        "on_track",
        "achieved",
        "superseded",
        "not_started",
        "not_started",
    ]
    assert recs["3"].response == "not_accepted" and recs["3"].lead_officer == ""
    assert recs["4"].target_date is None
    assert recs["4"].response_text == "Timetable: Summer 2026"
    assert recs["4"].lead_officer == "Digital Services Manager; Head of Housing"
    closed = recs["2"].entries.get()
    assert closed.update.item == item and closed.reason.startswith("Inspection standard")


def test_the_workbook_without_the_councils_words_says_which_are_unknown(clerk, committee):
    run = upload(clerk, committee, XLSX, "plan.xlsx", updates_given_on=DAY)
    problems = {(row, column, text) for row, column, text in import_run_plan(run).errors}
    assert (
        8,
        "Status",
        "“Agreed – further work required” is not a word we know for this column",
    ) in problems
    assert (11, "Timetable", "“Summer 2026” is not a date: write it as dd/mm/yyyy") in problems
    with pytest.raises(ValidationError):
        import_run_confirm(run=run, actor=clerk)
    assert not Review.objects.exists()

"""The tracker export and the import speak one format: a review's tracker (CSV or XLSX),
exported and imported unchanged, changes nothing; a file exported from one council imports
into an empty one with the same references, texts, statuses, bodies and latest updates; a
Welsh reader's file imports too."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from partnerships.models import Role
from recommendations.models import (
    ProgressUpdate,
    Recommendation,
    Status,
    StatusWord,
    UndatedTargets,
)
from recommendations.services.imports import (
    import_run_confirm,
    import_run_create,
    import_run_map,
    import_run_plan,
)
from tests.factories import user_with_role
from tests.scrutiny.exports.scenes import build_scene, council_with_committees

pytestmark = pytest.mark.django_db

# What the import must carry from one council to another (by heading).
CARRIED = [
    "Ref.",
    "Title",
    "Recommendation",
    "Executive response",
    "Response and reasons",
    "Lead officer",
    "Carried by",
    "Target date",
    "Status",
    "Latest update",
    "Latest update date",
    "Agreed by",
    "Date agreed",
    "Minute number",
    "Directorate or service area",
    "Decision-maker",
    "Expected outcome",
    "Review",
]


def exported(client, user, review, kind: str, language: str = "") -> bytes:
    client.force_login(user)
    response = client.get(language + reverse(f"scrutiny:review-tracker-{kind}", args=[review.pk]))
    assert response.status_code == 200
    return response.content


def imported(user, committee, content: bytes, kind: str, **choices):
    run = import_run_create(actor=user, committee=committee, filename=f"t.{kind}", content=content)
    return import_run_map(
        run=run,
        actor=user,
        sheet=run.sheet,
        mapping=run.mapping,
        review_title="",
        updates_given_on=None,
        item=choices.get("item"),
        undated_targets=UndatedTargets.ERROR,
    )


def table(content: bytes, kind: str) -> list[dict]:
    """The file's rows by heading, dates as dates, as a reader of either kind sees them."""
    if kind == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    head, *body = rows
    return [dict(zip(head, row, strict=True)) for row in body]


def counts() -> tuple:
    history = Recommendation.history.model.objects.count()
    return Recommendation.all_objects.count(), ProgressUpdate.objects.count(), history


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_exporting_a_tracker_and_importing_it_unchanged_changes_nothing(client, kind):
    scene = build_scene()
    content = exported(client, scene.clerk, scene.review, kind)
    run = imported(scene.clerk, scene.committee, content, kind)
    assert run.mapping[:3] == ["reference", "text", "response"]
    assert {"title", "bodies", "status", "progress", "update_date", "review"} <= set(run.mapping)

    plan = import_run_plan(run)
    assert plan.errors == []
    assert plan.counts == {"create": 0, "change": 0, "same": len(scene.recs)}
    assert plan.new_reviews == []
    versions = {r.pk: r.version for r in Recommendation.objects.all()}
    before = counts()

    summary = import_run_confirm(run=run, actor=scene.clerk)

    assert (summary["created"], summary["changed"], summary["updates"]) == (0, 0, 0)
    assert counts() == before
    assert {r.pk: r.version for r in Recommendation.objects.all()} == versions
    # And the same file again, as the import's own re-import rule says.
    assert import_run_plan(imported(scene.clerk, scene.committee, content, kind)).counts == {
        "create": 0,
        "change": 0,
        "same": len(scene.recs),
    }


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_tracker_exported_from_one_council_imports_into_an_empty_one(client, kind):
    # Closing needs a meeting of the council importing, and an exempt update is not the
    # other council's exempt business: those two are left out of the move.
    scene = build_scene(closed=False, exempt=False)
    content = exported(client, scene.clerk, scene.review, kind)
    _council, committee = council_with_committees("Cardiff Council")
    clerk = user_with_role(Role.DEMOCRATIC_SERVICES, committee.council)

    run = imported(clerk, committee, content, kind)
    plan = import_run_plan(run)
    assert plan.errors == []
    assert plan.new_reviews == ["Social Care Workforce"]
    assert plan.counts["create"] == len(scene.recs)
    import_run_confirm(run=run, actor=clerk)

    review = committee.reviews.get()
    moved = exported(client, clerk, review, kind)
    before, after = table(content, kind), table(moved, kind)
    assert [row["Council"] for row in after] == ["Cardiff Council"] * len(scene.recs)
    assert [{k: row[k] for k in CARRIED} for row in after] == [
        {k: row[k] for k in CARRIED} for row in before
    ]
    assert [row["Status"] for row in after] == ["On track", "Not started", "Paused", "Slipped"]
    assert after[0]["Carried by"] == "Skills for Care; Social Care Development Group, Leicester"


def test_a_welsh_readers_tracker_names_its_columns_in_welsh_and_imports(client):
    scene = build_scene()
    content = exported(client, scene.clerk, scene.review, "xlsx", language="/cy")
    headings = list(table(content, "xlsx")[0])
    assert "Ref." not in headings and "Status" not in headings
    run = imported(scene.clerk, scene.committee, content, "xlsx")
    english = imported(
        scene.clerk, scene.committee, exported(client, scene.clerk, scene.review, "xlsx"), "xlsx"
    )
    assert run.mapping == english.mapping
    assert import_run_plan(run).errors == []


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_tracker_exported_in_welsh_imports_back_as_no_change(client, kind):
    """Welsh headings, Welsh statuses (ours, and the council's own Welsh word where it set
    one), Welsh responses and the Welsh exempt mark all read back as what they say."""
    scene = build_scene()
    StatusWord.objects.create(
        council=scene.council, status=Status.SLIPPED, label="Delayed", label_cy="Wedi oedi"
    )
    content = exported(client, scene.clerk, scene.review, kind, language="/cy")
    assert "Wedi oedi" in [row[_welsh("Status")] for row in table(content, kind)]
    run = imported(scene.clerk, scene.committee, content, kind)
    plan = import_run_plan(run)
    assert plan.errors == []
    assert plan.counts == {"create": 0, "change": 0, "same": len(scene.recs)}
    versions = {r.pk: r.version for r in Recommendation.objects.all()}
    before = counts()
    summary = import_run_confirm(run=run, actor=scene.clerk)
    assert (summary["created"], summary["changed"], summary["updates"]) == (0, 0, 0)
    assert counts() == before
    assert {r.pk: r.version for r in Recommendation.objects.all()} == versions


def _welsh(text: str) -> str:
    with translation.override("cy"):
        return gettext(text)

"""Spreadsheet formula injection: a cell beginning with "=", "+", "-", "@", a tab or a
carriage return is written as text in every file we write, never as a formula: in CSV
behind a single quote (OWASP), in XLSX as a string cell showing the original characters;
read back with csv and openpyxl, from the writer and from every download."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from recommendations.services import recommendation_delete
from scrutiny.common.cells import FORMULA_STARTS, csv_value_read
from scrutiny.exports.tables import Column, Sheet, csv_bytes, xlsx_bytes
from tests.factories import (
    AgreedActionFactory,
    CommitteeFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    OrganisationFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.scrutiny.exports.helpers import cells_of
from tests.scrutiny.exports.scenes import FORMULA, build_scene

DANGEROUS = [f"{start}1+1 words" for start in FORMULA_STARTS] + [FORMULA]


def test_the_writer_keeps_every_dangerous_start_as_text():
    sheet = Sheet("Cells", [Column("Words")], [[value] for value in DANGEROUS])

    read = list(csv.reader(io.StringIO(csv_bytes(sheet).decode("utf-8-sig"), newline="")))
    assert [row[0] for row in read[1:]] == [f"'{value}" for value in DANGEROUS]
    assert [csv_value_read(row[0]) for row in read[1:]] == DANGEROUS

    cells = [row[0] for row in load_workbook(io.BytesIO(xlsx_bytes(sheet))).active.iter_rows()]
    assert [cell.data_type for cell in cells[1:]] == ["s"] * len(DANGEROUS)
    # XML reads a carriage return as a line break: the cell shows one.
    assert [cell.value for cell in cells[1:]] == [v.replace("\r", "\n") for v in DANGEROUS]


def test_ordinary_words_are_left_as_they_are():
    sheet = Sheet("Cells", [Column("Words")], [["Not a formula = 1"], ["e-mail"], ["'quoted"]])
    text = csv_bytes(sheet).decode("utf-8-sig")
    assert text.splitlines()[1:] == ["Not a formula = 1", "e-mail", "'quoted"]


def _downloads(scene, kind: str) -> dict[str, str]:
    committee, body = scene.committee.pk, scene.recs["1"].responsible_bodies.first().pk
    return {
        "list": reverse(f"recommendations:recommendation-list-{kind}"),
        "tracker": reverse(f"scrutiny:review-tracker-{kind}", args=[scene.review.pk]),
        "committee": reverse(f"scrutiny:committee-recommendations-{kind}", args=[committee]),
        "committee actions": reverse(f"scrutiny:committee-actions-{kind}", args=[committee]),
        "body": reverse(f"partnerships:organisation-recommendations-{kind}", args=[body]),
        "body actions": reverse(f"partnerships:organisation-actions-{kind}", args=[body]),
        "search": reverse(f"scrutiny:search-{kind}") + "?q=retention",
        "meeting actions": reverse(f"scrutiny:meeting-actions-{kind}", args=[scene.future.pk]),
        "due": reverse(f"scrutiny:meeting-due-{kind}", args=[scene.future.pk]),
        "programme": reverse(f"scrutiny:committee-work-programme-{kind}", args=[committee]),
        "reviews": reverse(f"scrutiny:review-list-{kind}"),
        "decisions": reverse(f"scrutiny:decision-list-{kind}"),
        "committees": reverse(f"scrutiny:committee-list-{kind}"),
        "organisations": reverse(f"partnerships:organisation-list-{kind}"),
        "deleted": reverse(f"recommendations:deleted-list-{kind}"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_no_download_holds_a_formula(client, kind):
    scene = build_scene()
    scene.future = MeetingFactory(
        committee=scene.committee, date=timezone.localdate() + datetime.timedelta(days=30)
    )
    ReviewFactory(committee=scene.committee, title=FORMULA)
    ExecutiveDecisionFactory(decided_by=scene.committee, title=FORMULA)
    CommitteeFactory(council=scene.council, name=FORMULA)
    OrganisationFactory(name=FORMULA)
    recommendation_delete(
        recommendation=RecommendationFactory(review=scene.review, reference="F1"),
        actor=scene.clerk,
        reason=FORMULA,
    )
    AgreedActionFactory(
        meeting=MeetingFactory(committee=scene.committee, date=datetime.date(2021, 3, 1)),
        text=FORMULA,
        falls_to_organisation=scene.recs["1"].responsible_bodies.first(),
        due_meeting=scene.future,
    )
    client.force_login(scene.clerk)
    for name, address in _downloads(scene, kind).items():
        response = client.get(address)
        assert response.status_code == 200, name
        cells = cells_of(response, kind)
        if kind == "csv":
            assert not [c for c in cells if c.startswith(FORMULA_STARTS)], name
            assert any(c.startswith(f"'{FORMULA}") for c in cells), name
        else:
            assert all(c.data_type != "f" for c in cells), name
            shown = [c for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA)]
            assert shown and all(c.data_type == "s" for c in shown), name

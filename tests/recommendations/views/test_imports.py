"""The tracker import's pages: upload, columns, preview with the problems in an error
summary and nothing saved, confirm; hostile uploads refused on the page, never a 500."""

import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import Role
from recommendations.models import ImportRun, Recommendation, StatusWord
from scrutiny.models import Review
from tests.factories import RecommendationFactory, ReviewFactory, user_with_role

DATA = Path(__file__).resolve().parents[2] / "data" / "trackers"
XLSX = (DATA / "action-and-implementation-plan.xlsx").read_bytes()
BAD = (
    "Ref,Review,Recommendation,Status,Partner(s),Target date,Progress,Date of update\n"
    "1,Parks,Open the gates earlier.,On track,,31/02/2026,Gates open at 7.,01/12/2025\n"
    "2,Parks,Add benches.,Wobbly,,01/06/2026,Ordered.,01/12/2025\n"
    "2,Parks,Plant trees.,On track,,01/06/2026,Planted.,01/12/2025\n"
    "3,Parks,Light the paths.,On track,Nobody We Know,01/06/2026,Lit.,01/12/2025\n"
)


@pytest.fixture
def clerk_client(client, committee):
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, committee.council))
    return client


def post_file(client, committee, content: bytes, name="tracker.csv"):
    data = {"file": SimpleUploadedFile(name, content), "committee": committee.pk}
    return client.post(reverse("recommendations:import-create"), data)


def map_columns(client, run, **extra):
    data = {f"column_{i}": name for i, name in enumerate(run.mapping)}
    data.update({"review_title": run.review_title, "undated_targets": "error", "sheet": run.sheet})
    data.update(extra)
    return client.post(reverse("recommendations:import-map", args=[run.pk]), data)


def test_the_workbook_goes_through_upload_columns_preview_and_confirm(clerk_client, committee):
    words = {
        "not_started": "Agreed",
        "on_track": "Agreed – further work required",
        "superseded": "Rejected",
        "achieved": "Completed",
    }
    for status, label in words.items():
        StatusWord.objects.create(council=committee.council, status=status, label=label)
    response = post_file(clerk_client, committee, XLSX, "plan.xlsx")
    run = ImportRun.objects.get()
    assert response.url == reverse("recommendations:import-map", args=[run.pk])
    page = clerk_client.get(response.url)
    assert page.status_code == 200 and "Responsive housing repairs" in page.text
    response = map_columns(
        clerk_client,
        run,
        undated_targets="keep_words",
        **{"updates_given_on_0": "1", "updates_given_on_1": "12", "updates_given_on_2": "2025"},
    )
    assert response.status_code == 302, response.context["form"].errors
    preview = clerk_client.get(response.url)
    # Completed and Rejected close a recommendation: only a meeting does, so they are asked.
    assert "Row 9, Status: only a meeting closes a recommendation" in preview.text
    assert Recommendation.objects.count() == 0


def test_problems_show_with_rows_and_columns_and_nothing_is_saved(clerk_client, committee):
    post_file(clerk_client, committee, BAD.encode())
    run = ImportRun.objects.get()
    map_columns(clerk_client, run)
    preview = clerk_client.get(reverse("recommendations:import-preview", args=[run.pk]))
    text = preview.content.decode()
    assert "govuk-error-summary" in text
    assert "Row 2, Target date: “31/02/2026” is not a date" in text
    assert "Row 3, Status: “Wobbly” is not a word we know" in text
    assert "Row 4, Ref: reference 2 appears twice in the review (first on row 3)" in text
    assert "Row 5, Partner(s): “Nobody We Know” is not a body we know" in text
    confirm = clerk_client.post(reverse("recommendations:import-preview", args=[run.pk]))
    assert confirm.status_code == 200
    assert Recommendation.objects.count() == 0 and not Review.objects.filter(title="Parks")


def test_all_or_nothing_when_the_last_row_fails(clerk_client, committee):
    review = ReviewFactory(committee=committee, title="Parks")
    RecommendationFactory(review=review, reference="1", text="Old words.", target_date=None)
    good = BAD.splitlines()[0:2]
    good[1] = good[1].replace("31/02/2026", "28/02/2026")
    lines = [*good, "9,Parks,Close the car park.,Unheard of,,,Closed.,01/12/2025"]
    post_file(clerk_client, committee, "\n".join(lines).encode())
    run = ImportRun.objects.get()
    map_columns(clerk_client, run)
    clerk_client.post(reverse("recommendations:import-preview", args=[run.pk]))
    assert Recommendation.objects.get(reference="1").text == "Old words."
    assert Recommendation.objects.count() == 1


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


HOSTILE = {
    "macro workbook renamed": (
        _zip(
            {
                "[Content_Types].xml": b"macroEnabled",
                "xl/workbook.xml": b"",
                "xl/vbaProject.bin": b"",
            }
        ),
        "contains macros",
    ),
    "not a spreadsheet": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "must be an Excel workbook"),
    "a zip that is not a workbook": (_zip({"a.txt": b"hello"}), "must be an Excel workbook"),
    "old xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel"),
    "damaged workbook": (
        _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"junk"}),
        "damaged",
    ),
    "empty": (b"", "The file is empty"),
    "formula": (b'Ref,Recommendation,Review\n1,=HYPERLINK("x"),Parks\n', None),
    "a million empty rows": (b"Ref,Recommendation\n" + b",\n" * 1_000_000 + b"1,Late\n", None),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_upload_is_refused_cleanly(clerk_client, committee, case):
    content, message = HOSTILE[case]
    response = post_file(clerk_client, committee, content, "tracker.xlsx")
    if message is None:  # read, and its problem shown at the preview
        run = ImportRun.objects.get()
        map_columns(clerk_client, run, review_title="Parks")
        preview = clerk_client.get(reverse("recommendations:import-preview", args=[run.pk]))
        assert preview.status_code == 200
        assert Recommendation.objects.count() == 0
        if case == "formula":
            assert "a formula: save the file with values only" in preview.text
        return
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_only_democratic_services_import(client, committee):
    client.force_login(user_with_role(Role.OFFICER, committee.council))
    assert client.get(reverse("recommendations:import-create")).status_code == 403


def _workbook(build) -> bytes:
    book = openpyxl.Workbook()
    build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _two_sheets(book):
    first = book.active
    first.title = "Notes"
    first.append(["This workbook has notes here"])
    second = book.create_sheet("Parks review")
    second.append(["Ref", "Recommendation", "Review", "Target date"])
    second.append(["1", "Open the gates earlier.", "Parks", datetime.datetime(2026, 5, 1)])
    second.append(["2", '=CONCAT("Add ", "benches")', "Parks", None])
    second.append(["3", "Light the paths.", "Parks", None])
    second.merge_cells("A4:B4")


def test_the_user_chooses_the_sheet_and_formulas_and_merged_cells_are_problems(
    clerk_client, committee
):
    post_file(clerk_client, committee, _workbook(_two_sheets), "parks.xlsx")
    run = ImportRun.objects.get()
    assert run.sheet == "Notes"
    response = map_columns(clerk_client, run, sheet="Parks review")
    # Another sheet: its columns are proposed afresh and shown before the preview.
    assert response.url == reverse("recommendations:import-map", args=[run.pk])
    run.refresh_from_db()
    assert run.mapping == ["reference", "text", "review", "target_date"]
    assert map_columns(clerk_client, run, sheet="Parks review").status_code == 302
    preview = clerk_client.get(reverse("recommendations:import-preview", args=[run.pk])).text
    assert "Row 3, Recommendation: a formula: save the file with values only" in preview
    assert "Row 4, Ref: merged cells: unmerge them and fill in each cell" in preview
    assert Recommendation.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(clerk_client, committee, settings):
    settings.TRACKER_IMPORT_MAX_BYTES = 1024 * 1024
    response = post_file(clerk_client, committee, b"Ref,Recommendation\n" + b"1,x\n" * 300_000)
    assert "The file is larger than 1.0 MB" in response.content.decode()
    assert not ImportRun.objects.exists()

"""The meeting pack as a tagged A4 PDF, read back with pypdf and poppler: its name, running
header and page x of y, contents with page numbers, statuses as at the meeting with no
exempt text (or marked, in the full pack), tagging and metadata, rendering, and a long
tracker running over pages with its header row repeated."""

import io
import re
import subprocess

import pytest
from pypdf import PdfReader

from tests.scrutiny.packs.helpers import (
    EXEMPT_DESCRIPTION,
    EXEMPT_TITLE,
    HEADER,
    REASONS,
    RESOLUTIONS,
    build_meeting,
    pack_url,
    pdf_pages,
    pdf_text,
    tracker_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_pdf(client, scene):
    may, _, _ = scene
    response = client.get(pack_url(may, pdf=True))
    assert response.status_code == 200
    return response


def test_pdf_is_served_as_a_named_pdf(public_pdf):
    assert public_pdf["Content-Type"] == "application/pdf"
    assert public_pdf["Content-Disposition"] == (
        'inline; filename="adult-social-care-scrutiny-commission-2021-05-25-public-pack.pdf"'
    )


def test_pdf_pages_have_the_running_header_and_page_x_of_y(public_pdf):
    pages = pdf_pages(public_pdf.content)
    total = len(pages)
    assert total > 1
    assert len(PdfReader(io.BytesIO(public_pdf.content)).pages) == total
    for number, page in enumerate(pages, start=1):
        assert HEADER in page
        assert f"Page {number} of {total}" in page


def test_pdf_contents_give_the_pages_the_items_start_on(public_pdf):
    pages = pdf_pages(public_pdf.content)
    contents = pages[0]
    assert "Contents" in contents
    for title in (
        "Agenda",
        "Item 7: Social Care External Workforce: verbal update",
        "Item 9: Reference from Cabinet",
    ):
        match = re.search(re.escape(title) + r"[ .]*?\.+ (\d+)\s*$", contents, re.M)
        assert match, f"{title} not in the contents with a page number"
        start = pages[int(match.group(1)) - 1]
        body = start.split("\n", 3)[-1]  # below the running header
        heading = title if title == "Agenda" else title.split(":")[0] + ":"
        assert heading in body
        # and not on the page before
        if title != "Agenda":
            assert heading not in pages[int(match.group(1)) - 2].split("Contents")[-1]


def test_pdf_shows_statuses_as_at_the_meeting_and_no_exempt_text(public_pdf):
    flat = pdf_text(public_pdf.content)
    assert "Status as at 25 May 2021" in flat
    row = tracker_text(flat, 1)
    assert "Slipped" in row and "A report on career pathways was received today." in row
    row = tracker_text(flat, 2)
    assert "On track" in row and "January news on 2." in row
    assert "Later news from June" not in flat and "Achieved" not in flat
    assert "Paused" not in tracker_text(flat, 3)  # set at the exempt item
    for secret in (EXEMPT_TITLE, "Independent sector", EXEMPT_DESCRIPTION, "9.18", "EXEMPT"):
        assert secret not in flat
    for point in RESOLUTIONS + REASONS:
        assert point[:40] in flat


def test_full_pdf_has_the_exempt_item_marked(client, scene, people):
    may, _, _ = scene
    client.force_login(people.democratic_services)
    response = client.get(pack_url(may, pdf=True, full=True))
    assert response["Content-Disposition"].endswith('-2021-05-25-full-pack.pdf"')
    flat = pdf_text(response.content)
    assert "Full pack – contains exempt information" in flat
    assert "Item 8: Independent sector care fees" in flat
    assert "EXEMPT – not for publication: Schedule 12A, paragraph 3" in flat
    assert "9.18" in flat


def test_pdf_is_tagged_with_title_author_and_language(public_pdf):
    reader = PdfReader(io.BytesIO(public_pdf.content))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == (
        "Adult Social Care Scrutiny Commission, 25 May 2021: public pack"
    )
    assert reader.metadata.author.endswith(" democratic services")
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part(>|=\")1", xmp)  # it says it is PDF/UA-1


def test_page_one_renders_to_png(public_pdf, tmp_path):
    source = tmp_path / "pack.pdf"
    source.write_bytes(public_pdf.content)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            source,
            tmp_path / "page",
        ],
        check=True,
    )
    png = tmp_path / "page.png"
    assert png.exists()
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000


def test_big_tracker_runs_over_pages_with_header_on_each(client, committee):
    may, _, _ = build_meeting(committee, 40)
    response = client.get(pack_url(may, pdf=True))
    pages = pdf_pages(response.content)
    reader = PdfReader(io.BytesIO(response.content))
    # Pages with tracker rows (the changes list names no heading that is not also there).
    with_rows = [
        n
        for n, page in enumerate(reader.pages)
        if re.search(r"Recommendation\s+heading\s+\d+\s+Accepted", page.extract_text())
    ]
    assert len(with_rows) > 1
    assert with_rows == list(range(with_rows[0], with_rows[-1] + 1))
    for n in with_rows:
        assert HEADER in pages[n]
        # the table's header row repeats on every page it runs onto
        assert re.search(r"Ref\. +Recommendation +Response +Owner +Target", pages[n])
    flat = pdf_text(response.content)
    for number in (1, 20, 40):
        assert f"Recommendation heading {number}" in flat

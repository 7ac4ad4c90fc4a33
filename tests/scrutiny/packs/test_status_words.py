"""A council's status words and the RAG rating in its packs (HTML and PDF, read back with
pdftotext) and its tracker spreadsheet (read with openpyxl), in English and Welsh; another
council's words never."""

import io
import re
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from recommendations.models import Status, StatusWord
from tests.factories import CouncilFactory
from tests.scrutiny.packs.helpers import pack_url, tracker_row

pytestmark = pytest.mark.django_db


def pdftotext(content: bytes) -> str:
    """The PDF's words in content-stream order (pdftotext -raw), spaces squeezed: a table
    cell's words stay together however narrow its column."""
    out = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return re.sub(r"\s+", " ", out)


@pytest.fixture
def words(scene):
    may, review, _ = scene
    council = review.committee.council
    for status, label, label_cy in [
        (Status.ON_TRACK, "In progress", "Ar y gweill"),
        (Status.SLIPPED, "On hold", "Wedi oedi"),
    ]:
        StatusWord.objects.create(council=council, status=status, label=label, label_cy=label_cy)
    # Another council's words for the same statuses change nothing here.
    StatusWord.objects.create(council=CouncilFactory(), status=Status.SLIPPED, label="Stalled")
    return scene


def test_html_pack_says_the_councils_words_and_the_rag(client, words):
    may, _, _ = words
    html = client.get(pack_url(may)).content.decode()
    row = tracker_row(html, 1)
    assert ">On hold</strong>" in row
    assert "Amber: slipped, revised date ahead" in row
    assert ">In progress</strong>" in tracker_row(html, 2)
    assert "Stalled" not in html
    # What changed since January, in the council's words too.
    assert "status changed from in progress to on hold" in html


def test_pdf_pack_says_the_councils_words_and_the_rag(client, words):
    may, _, _ = words
    text = pdftotext(client.get(pack_url(may, pdf=True)).content)
    assert "On hold" in text
    assert "In progress" in text
    assert "Amber: slipped" in text
    assert "Stalled" not in text


def test_tracker_pdf_in_welsh(client, words):
    _, review, _ = words
    url = "/cy" + reverse("scrutiny:review-tracker-pdf", args=[review.pk])
    text = pdftotext(client.get(url, {"as_at": "2021-05-25"}).content)
    assert "Wedi oedi" in text
    assert "Ar y gweill" in text


@pytest.mark.parametrize(
    ("prefix", "slipped", "on_track", "rag"),
    [
        ("", "On hold", "In progress", "Amber: slipped, revised date ahead"),
        ("/cy", "Wedi oedi", "Ar y gweill", "Ambr: wedi llithro, dyddiad diwygiedig i ddod"),
    ],
)
def test_xlsx_says_the_councils_words_and_the_rag(client, words, prefix, slipped, on_track, rag):
    _, review, _ = words
    url = prefix + reverse("scrutiny:review-tracker-xlsx", args=[review.pk])
    sheet = load_workbook(io.BytesIO(client.get(url, {"as_at": "2021-05-25"}).content)).active
    rows = {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2)}
    assert rows["1"][7] == slipped
    assert rows["1"][8] == rag
    assert rows["2"][7] == on_track


def test_without_words_the_pack_keeps_ours(client, scene):
    may, _, _ = scene
    row = tracker_row(client.get(pack_url(may)).content.decode(), 1)
    assert ">Slipped</strong>" in row

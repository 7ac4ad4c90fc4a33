"""No word is broken across lines in a printed pack or tracker: every word of the PDF is a
word of the page it was printed from ("Respons/e" or "Septemb/er" would not be)."""

import html
import io
import re
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.scrutiny.packs.helpers import pack_url

pytestmark = pytest.mark.django_db

# Words only the printed page has: the running footer's "Page X of Y", in both languages.
PRINTED_ONLY = {"page", "tudalen", "o"}


def _words(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[^\W\d_]+", text)}


def _page_words(content: bytes) -> set[str]:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", content.decode(), flags=re.S)
    return _words(html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _pdf_words(content: bytes, tmp_path) -> set[str]:
    path = tmp_path / "printed.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return _words(text)


def _sheet_words(content: bytes) -> set[str]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    cells = (cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    return _words(" ".join(str(cell) for cell in cells if cell is not None))


def _broken_words(client, page_url: str, pdf_url: str, tmp_path, xlsx_url=None) -> set[str]:
    page = client.get(page_url)
    pdf = client.get(pdf_url)
    assert (page.status_code, pdf.status_code) == (200, 200)
    words = _page_words(page.content) | PRINTED_ONLY
    if xlsx_url:
        # The tracker's printed words are the review page's and its spreadsheet's.
        words |= _sheet_words(client.get(xlsx_url).content)
    return _pdf_words(pdf.content, tmp_path) - words


@pytest.mark.parametrize("language", ["", "/cy"])
@pytest.mark.parametrize("full", [False, True])
def test_the_pack_breaks_no_word(client, scene, people, language, full, tmp_path):
    may, _, _ = scene
    # A reference as some councils write them, in the tracker's narrowest column.
    recommendation = may.items.exclude(review=None).first().review.recommendations.first()
    recommendation.reference = "OSC (24/25) 07"
    recommendation.save()
    if full:
        client.force_login(people.democratic_services)
    page, pdf = pack_url(may, full=full), pack_url(may, pdf=True, full=full)
    assert _broken_words(client, language + page, language + pdf, tmp_path) == set()


@pytest.mark.parametrize("language", ["", "/cy"])
def test_the_review_tracker_breaks_no_word(client, scene, language, tmp_path):
    may, _, _ = scene
    review = may.items.exclude(review=None).first().review
    page = reverse("scrutiny:review-detail", args=[review.pk])
    pdf = reverse("scrutiny:review-tracker-pdf", args=[review.pk])
    xlsx = language + reverse("scrutiny:review-tracker-xlsx", args=[review.pk])
    assert _broken_words(client, language + page, language + pdf, tmp_path, xlsx) == set()

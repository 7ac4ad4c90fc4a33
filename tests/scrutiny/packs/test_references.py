"""The report's own references ("R1", "3a") in natural order, in full, everywhere a tracker
is printed: the review page, the HTML and PDF packs and the XLSX; with each
recommendation's committee and date agreed (the review's when it has none), directorate,
decision-maker and expected outcome where the tracker has room for them."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import CommitteeFactory, RecommendationFactory
from tests.scrutiny.packs.helpers import build_meeting, pack_url, pdf_pages

pytestmark = pytest.mark.django_db

# Typed in this order; shown in natural order: numbers first, by value, then by letters.
TYPED = ["R10", "3a", "R1", "4", "R2", "3"]
NATURAL = ["3", "3a", "4", "R1", "R2", "R10"]


def heading(reference: str) -> str:
    return f"Point {reference} heading"


@pytest.fixture
def refs_scene(committee):
    may, review, recs = build_meeting(committee, 3)
    for rec, reference in zip(recs, TYPED[:3], strict=True):
        rec.reference, rec.title = reference, heading(reference)
        rec.save()
    for reference in TYPED[3:]:
        RecommendationFactory(review=review, reference=reference, title=heading(reference))
    return may, review


def order_in(text: str) -> list[str]:
    """The references of NATURAL in the order their headings first appear in ``text``."""
    return sorted(NATURAL, key=lambda ref: text.index(heading(ref)))


def test_the_review_page_tracker_is_in_natural_order(client, refs_scene):
    _, review = refs_scene
    html = client.get(review.get_absolute_url()).content.decode()
    assert order_in(html) == NATURAL
    for reference in NATURAL:
        assert f'<td class="govuk-table__cell app-tracker__number">{reference}</td>' in html


def test_the_html_pack_tracker_is_in_natural_order(client, refs_scene):
    may, _ = refs_scene
    html = client.get(pack_url(may)).content.decode()
    tracker = html[html.index(heading("3")) - 2000 :]
    assert order_in(tracker) == NATURAL
    assert ">R10</td>" in tracker


def test_the_pdf_pack_tracker_is_in_natural_order(client, refs_scene):
    may, _ = refs_scene
    text = " ".join(pdf_pages(client.get(pack_url(may, pdf=True)).content))
    assert order_in(text) == NATURAL
    row = text[text.index(heading("R10")) - 40 : text.index(heading("R10"))]
    assert "R10" in row


def test_the_xlsx_rows_are_in_natural_order_with_the_full_reference(client, refs_scene):
    _, review = refs_scene
    response = client.get(reverse("scrutiny:review-tracker-xlsx", args=[review.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == NATURAL
    assert sheet["A1"].value == "Ref."


def test_a_long_reference_is_shown_whole(client, committee):
    may, review, recs = build_meeting(committee, 3)
    recs[0].reference = "OSC (24/25) 07"
    recs[0].save()
    html = client.get(review.get_absolute_url()).content.decode()
    assert ">OSC (24/25) 07</td>" in html
    assert 'id="recommendation-osc-2425-07"' in html
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("scrutiny:review-tracker-xlsx", args=[review.pk])).content)
    ).active
    assert "OSC (24/25) 07" in [row[0].value for row in sheet.iter_rows(min_row=2)]
    text = " ".join(pdf_pages(client.get(pack_url(may, pdf=True)).content))
    assert "OSC (24/25) 07" in text


def test_agreement_and_owners_in_the_xlsx_and_the_packs(client, committee):
    may, review, recs = build_meeting(committee, 3)
    cabinet = CommitteeFactory(council=committee.council, name="Overview Select Committee")
    recs[0].agreed_by, recs[0].agreed_on = cabinet, datetime.date(2020, 11, 12)
    recs[0].minute = "Minute 45"
    recs[0].directorate = "Adult Social Care and Health"
    recs[0].decision_maker = "Cabinet Member for Health"
    recs[0].expected_outcome = "Fewer vacancies in home care."
    recs[0].save()

    sheet = load_workbook(
        io.BytesIO(client.get(reverse("scrutiny:review-tracker-xlsx", args=[review.pk])).content)
    ).active
    rows = {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2)}
    assert rows["1"][12:18] == [
        "Overview Select Committee",
        datetime.datetime(2020, 11, 12),
        "Minute 45",
        "Adult Social Care and Health",
        "Cabinet Member for Health",
        "Fewer vacancies in home care.",
    ]
    # None of its own: the review's committee and the date its report was agreed.
    assert rows["2"][12:18] == [
        committee.name,
        datetime.datetime.combine(review.report_agreed_on, datetime.time()),
        None,
        None,
        None,
        None,
    ]

    html = client.get(pack_url(may)).content.decode()
    assert "Directorate or service area: Adult Social Care and Health" in html
    assert "Decision-maker: Cabinet Member for Health" in html
    text = " ".join(" ".join(pdf_pages(client.get(pack_url(may, pdf=True)).content)).split())
    assert "Decision-maker: Cabinet Member for Health" in text
    # The tracker on its own (an appendix) has room for the expected outcome too.
    url = reverse("scrutiny:review-tracker-pdf", args=[review.pk])
    text = " ".join(" ".join(pdf_pages(client.get(url).content)).split())
    assert "Expected outcome: Fewer vacancies in home care." in text

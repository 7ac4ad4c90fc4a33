"""A review's tracker on its own, to download: as a PDF or an XLSX workbook as at a date
(a bad date is a 400), a draft review's tracker only within its council, and the review
page's links to both."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import RecommendationFactory, ReviewFactory
from tests.scrutiny.packs.helpers import MAY, pdf_text, tracker_text

pytestmark = pytest.mark.django_db


def test_tracker_pdf_as_at_a_date(client, scene):
    _, review, _ = scene
    url = reverse("scrutiny:review-tracker-pdf", args=[review.pk])
    response = client.get(url + "?as_at=2021-05-25")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'inline; filename="social-care-external-workforce-tracker-2021-05-25.pdf"'
    )
    flat = pdf_text(response.content)
    assert "Recommendations tracker: status as at 25 May 2021" in flat
    assert "Later news from June" not in flat
    assert "On track" in tracker_text(flat, 2)
    today = pdf_text(client.get(url).content)
    assert "Later news from June" in today
    assert "Achieved" in tracker_text(today, 2)


@pytest.mark.parametrize("as_at", ["2021-02-30", "25/05/2021", "yesterday", "20210525"])
@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_tracker_bad_date_is_400_with_a_message(client, scene, as_at, kind):
    _, review, _ = scene
    response = client.get(
        reverse(f"scrutiny:review-tracker-{kind}", args=[review.pk]), {"as_at": as_at}
    )
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.content.decode()


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_draft_review_tracker_is_404_outside_its_council(client, committee, people, kind):
    draft = ReviewFactory(committee=committee, published=False)
    RecommendationFactory(review=draft, reference=1)
    url = reverse(f"scrutiny:review-tracker-{kind}", args=[draft.pk])
    assert client.get(url).status_code == 404
    client.force_login(people.partner)
    assert client.get(url).status_code == 404
    client.force_login(people.officer)
    assert client.get(url).status_code == 200


def test_tracker_xlsx(client, scene):
    _, review, recs = scene
    response = client.get(
        reverse("scrutiny:review-tracker-xlsx", args=[review.pk]), {"as_at": "2021-05-25"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert (
        'filename="social-care-external-workforce-tracker-2021-05-25.xlsx"'
        in (response["Content-Disposition"])
    )
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert sheet.title == "Social Care External Workforce"
    assert book.properties.title.startswith("Social Care External Workforce")
    assert book.properties.creator.endswith("democratic services")
    headers = [c.value for c in sheet[1]]
    assert headers == [
        "Ref.",
        "Recommendation",
        "Executive response",
        "Response and reasons",
        "Lead officer",
        "Carried by",
        "Target date",
        "Status",
        "RAG rating",
        "Status since",
        "Latest update",
        "Latest update date",
        "Agreed by",
        "Date agreed",
        "Minute number",
        "Directorate or service area",
        "Decision-maker",
        "Expected outcome",
        "Sign-off",
        "Title",
        "Review",
        "Council",
    ]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert set(rows) == {"1", "2", "3", "4", "5"}
    target = rows["1"][6].value
    assert isinstance(target, datetime.datetime)  # a real Excel date, not text
    assert target.date() == datetime.date(2022, 9, 30)  # revised on 25 May
    assert rows["1"][7].value == "Slipped"
    assert rows["1"][8].value == "Amber: slipped, revised date ahead"
    assert rows["1"][10].value == "A report on career pathways was received today."
    assert rows["1"][11].value.date() == MAY
    assert rows["2"][7].value == "On track"  # achieved only in June
    assert rows["3"][7].value == "On track"  # the exempt update does not count for the public
    assert rows["1"][1].alignment.wrap_text


def test_review_page_links_to_its_tracker_files(client, scene):
    _, review, _ = scene
    html = client.get(review.get_absolute_url()).content.decode()
    assert reverse("scrutiny:review-tracker-pdf", args=[review.pk]) in html
    assert reverse("scrutiny:review-tracker-xlsx", args=[review.pk]) in html

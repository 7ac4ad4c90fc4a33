"""Meeting packs and review trackers for print: the public pack (no exempt item at all), the
full pack (exempt items marked, only for those who may see them), both as an HTML page and a
tagged A4 PDF read back here with pypdf and poppler; a review's tracker as PDF and XLSX."""

from __future__ import annotations

import datetime
import io
import re
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from recommendations.models import Response, Status
from scrutiny.models import DecisionPoint
from scrutiny.selectors.packs import meeting_pack
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    DecisionPointFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)
from tests.scrutiny.committee_people import sign_in, text_of
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db

JANUARY = datetime.date(2021, 1, 19)
MAY = datetime.date(2021, 5, 25)
JUNE = datetime.date(2021, 6, 30)
HEADER = "Adult Social Care Scrutiny Commission – 25 May 2021"

EXEMPT_TITLE = "Independent sector care fees: provider cost information"
EXEMPT_REASON = "Schedule 12A, paragraph 3 (financial or business affairs)"
EXEMPT_DESCRIPTION = "Hourly cost returns of each named provider."
EXEMPT_SAID = "Provider X pays its care workers 9.18 an hour."

RESOLUTIONS = [
    "THAT the proposal to establish a regional training unit be approved.",
    "THAT the business case be implemented.",
    "THAT the post of Regional Manager be established.",
    "THAT delegated authority be granted to enter into a Partnership Agreement.",
    "THAT the report be referred to the Scrutiny Committee for consideration.",
]
REASONS = [
    "To realise the benefits of regional working.",
    "To enable the implementation of the unit.",
    "To enable capacity to focus on one regional unit.",
    "To ensure the Director can delegate statutory functions.",
    "To keep the Scrutiny Committee informed.",
]


def entry_at(item, recommendation, **entry):
    update = ProgressUpdateFactory(
        item=item, given_on=item.meeting.date, organisation=item.meeting.committee.council
    )
    return UpdateEntryFactory(update=update, recommendation=recommendation, **entry)


def build_meeting(committee, size: int):
    """Two meetings of the commission, January and May 2021, and at May: standard items, a
    review's update (item 7), an exempt item (8) and a Cabinet reference (9), with ``size``
    recommendations tracked and actions agreed in January falling due."""
    january = MeetingFactory(committee=committee, date=JANUARY)
    may = MeetingFactory(
        committee=committee,
        date=MAY,
        start_time=datetime.time(17, 30),
        venue="Meeting Room G.01, City Hall",
    )
    review = ReviewFactory(committee=committee, title="Social Care External Workforce")
    recs = [
        RecommendationFactory(
            review=review,
            number=n,
            title=f"Recommendation heading {n}",
            text=f"That the council acts on point {n}.",
            response=Response.ACCEPTED,
        )
        for n in range(1, size + 1)
    ]
    january_item = AgendaItemFactory(meeting=january, number=6, review=review, title="Response")
    for n in (1, 2, 3):
        AgendaItemFactory(
            meeting=may, number=n, title=["Apologies", "Declarations", "Minutes"][n - 1]
        )
    item = AgendaItemFactory(
        meeting=may,
        number=7,
        review=review,
        title="Social Care External Workforce: verbal update",
        description="Members will receive a verbal update.",
    )
    exempt = AgendaItemFactory(
        meeting=may,
        number=8,
        review=review,
        title=EXEMPT_TITLE,
        description=EXEMPT_DESCRIPTION,
        exempt=True,
        exempt_reason=EXEMPT_REASON,
    )
    reference = AgendaItemFactory(meeting=may, number=9, title="Reference from Cabinet")
    decision = ExecutiveDecisionFactory(
        minute_number="C129",
        title="Regional workforce development unit",
        referred_to=committee,
        referred_to_item=reference,
        decided_by__council=committee.council,
    )
    for kind, texts in (
        (DecisionPoint.Kind.RESOLUTION, RESOLUTIONS),
        (DecisionPoint.Kind.REASON, REASONS),
    ):
        for number, text in enumerate(texts, start=1):
            DecisionPointFactory(decision=decision, kind=kind, number=number, text=text)

    for rec in recs:
        entry_at(
            january_item, rec, text=f"January news on {rec.number}.", new_status=Status.ON_TRACK
        )
    entry_at(
        item,
        recs[0],
        text="A report on career pathways was received today.",
        new_status=Status.SLIPPED,
        revised_target_date=datetime.date(2022, 9, 30),
        reason="The pandemic moved training online.",
    )
    entry_at(exempt, recs[2], text=EXEMPT_SAID, new_status=Status.PAUSED, reason="Fee setting.")
    # After the meeting: the pack must still show the status and update as at 25 May.
    UpdateEntryFactory(
        update=ProgressUpdateFactory(given_on=JUNE, organisation=committee.council),
        recommendation=recs[1],
        text="Later news from June.",
        new_status=Status.ACHIEVED,
        reason="Done in June.",
    )

    AgreedActionFactory(
        meeting=january,
        item=january_item,
        review=review,
        text="That a detailed update report be brought to a future meeting.",
    )
    AgreedActionFactory(
        meeting=january,
        item=january_item,
        review=review,
        text="That the career pathway report be circulated.",
        due_on=datetime.date(2021, 3, 1),
    )
    AgreedActionFactory(
        meeting=january,
        item=january_item,
        review=review,
        text="That the Chair write to the LSCDG.",
        delivered_on=MAY,
        delivered_meeting=may,
    )
    AgreedActionFactory(
        meeting=may, item=exempt, review=review, text="That the cost returns be kept confidential."
    )
    return may, review, recs


@pytest.fixture
def scene(committee):
    return build_meeting(committee, 5)


def pack_url(meeting, *, pdf=False, full=False) -> str:
    url = reverse(
        "scrutiny:meeting-pack-pdf" if pdf else "scrutiny:meeting-pack", args=[meeting.pk]
    )
    return url + ("?full=1" if full else "")


def pdf_text(content: bytes) -> str:
    """The PDF's words in reading order (pypdf follows the content stream, which WeasyPrint
    writes in document order), spaces squeezed: table cells do not interleave."""
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def pdf_pages(content: bytes) -> list[str]:
    """Each page's text as poppler lays it out (pdftotext -layout), spaces squeezed."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [re.sub(r"[ \t]+", " ", page) for page in pages]


def tracker_text(flat: str, number: int) -> str:
    """A tracker row of a PDF's text (``pdf_text``): from its heading to the next one."""
    start = flat.index(f"Recommendation heading {number} ")
    end = flat.find(f"Recommendation heading {number + 1} ", start)
    return flat[start : end if end != -1 else len(flat)]


def tracker_row(html: str, number: int) -> str:
    start = html.index(f'-recommendation-{number}"')
    return html[start : html.index("</tr>", start)]


# --- What the pack holds ---------------------------------------------------------------


def test_public_pack_shows_the_tracker_as_at_the_meeting(client, scene):
    may, review, recs = scene
    response = client.get(pack_url(may))
    assert response.status_code == 200
    html = response.content.decode()

    row = tracker_row(html, 1)
    assert "Slipped" in row
    assert "A report on career pathways was received today." in row  # the latest update's text
    assert "30 September 2022" in row  # its revised target date
    row = tracker_row(html, 2)
    assert "On track" in row  # achieved only in June, after the meeting
    assert "January news on 2." in row
    assert "Later news from June" not in html
    assert "Achieved" not in row

    text = text_of(response)
    assert "Leicester City Council" in text
    assert "Tuesday 25 May 2021" in text
    assert "5.30 p.m." in text
    assert "Meeting Room G.01, City Hall" in text
    assert "Public pack" in text
    assert "Item 7: Social Care External Workforce: verbal update" in text
    # What changed since the previous meeting (19 January): only recommendation 1 (2 changed
    # after the meeting, 3 only at the exempt item).
    changes = text[text.index("What changed since the previous meeting") :]
    changes = changes[: changes.index("Updates given at this item")]
    assert "Between the meeting of 19 January 2021 and this one:" in changes
    assert (
        "1. Recommendation heading 1 : status changed from on track to slipped, latest update"
        " 25 May 2021." in changes
    )
    assert "Recommendation heading 2" not in changes
    assert "Recommendation heading 3" not in changes


def test_public_pack_leaves_exempt_items_out_entirely(client, scene):
    may, review, recs = scene
    response = client.get(pack_url(may))
    html = response.content.decode()
    for secret in (EXEMPT_TITLE, EXEMPT_REASON, EXEMPT_DESCRIPTION, EXEMPT_SAID, "cost returns"):
        assert secret not in html
    assert "EXEMPT" not in html and "Item 8" not in html
    # The update given at the exempt item does not count in the public pack either.
    assert "Paused" not in tracker_row(html, 3)


def test_full_pack_includes_and_marks_exempt_items(client, scene, people):
    may, review, recs = scene
    client.force_login(people.councillor)
    response = client.get(pack_url(may, full=True))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = text_of(response)
    assert "Full pack – contains exempt information" in text
    assert f"Item 8: {EXEMPT_TITLE}" in text
    assert f"EXEMPT – not for publication: {EXEMPT_REASON}" in text
    assert EXEMPT_DESCRIPTION in text and EXEMPT_SAID in text


def test_full_pack_of_a_meeting_with_nothing_exempt_says_so(client, committee, people):
    may = MeetingFactory(committee=committee, date=MAY)
    AgendaItemFactory(meeting=may, number=1, title="Apologies")
    client.force_login(people.councillor)
    text = text_of(client.get(pack_url(may, full=True)))
    assert "Full pack – no exempt information" in text
    assert "EXEMPT" not in text


def test_referred_decision_with_every_resolution_and_reason(client, scene):
    may, _, _ = scene
    text = text_of(client.get(pack_url(may)))
    assert "Reference from Cabinet" in text and "C129" in text
    for number, point in enumerate(RESOLUTIONS + REASONS, start=1):
        n = number if number <= 5 else number - 5
        assert f"({n}) {point}" in text


def test_actions_due_show_their_state_as_at_the_meeting(client, scene):
    may, _, _ = scene
    pack = meeting_pack(meeting=may, user=None, full=False)
    item = next(p for p in pack.items if p.number == 7)
    states = {
        a.text: ("Delivered" if a.delivered_on else "Overdue" if a.overdue else "Outstanding")
        for a in item.actions_due
    }
    assert states == {
        "That a detailed update report be brought to a future meeting.": "Outstanding",
        "That the career pathway report be circulated.": "Overdue",
        "That the Chair write to the LSCDG.": "Delivered",
    }
    html = client.get(pack_url(may)).content.decode()
    assert "By 1 March 2021" in html and "At a future meeting" in html


def test_action_a_meeting_did_not_receive_is_carried_forward(client, committee):
    january = MeetingFactory(committee=committee, date=JANUARY)
    MeetingFactory(committee=committee, date=datetime.date(2021, 3, 16))
    may = MeetingFactory(committee=committee, date=MAY)
    review = ReviewFactory(committee=committee)
    AgendaItemFactory(meeting=may, number=5, review=review, title="Progress")
    AgreedActionFactory(meeting=january, review=review, text="That a report come back.")
    text = text_of(client.get(pack_url(may)))
    assert "Carried forward" in text
    assert "the meeting of 16 March 2021 did not receive it" in text


def test_full_pack_marks_an_action_agreed_at_an_exempt_item(client, committee, people):
    january = MeetingFactory(committee=committee, date=JANUARY)
    may = MeetingFactory(committee=committee, date=MAY)
    review = ReviewFactory(committee=committee)
    secret = AgendaItemFactory(
        meeting=january, number=9, review=review, exempt=True, exempt_reason="Paragraph 3"
    )
    AgendaItemFactory(meeting=may, number=5, review=review, title="Progress")
    AgreedActionFactory(meeting=january, item=secret, review=review, text="That costs be checked.")
    assert "That costs be checked." not in client.get(pack_url(may)).content.decode()
    client.force_login(people.councillor)
    text = text_of(client.get(pack_url(may, full=True)))
    assert "That costs be checked." in text
    assert "EXEMPT – not for publication: agreed at an exempt item" in text


def test_updates_given_at_the_meeting_say_what_was_said(client, scene):
    may, _, _ = scene
    text = text_of(client.get(pack_url(may)))
    assert "Updates given at this item" in text
    assert "What was said, recommendation by recommendation" in text
    said = text[text.index("What was said, recommendation by recommendation") :]
    assert re.search(
        r"1\. Recommendation heading 1 A report on career pathways was received today\. "
        r"Status set to Slipped ?, revised target date 30 September 2022\. "
        r"Reason: The pandemic moved training online\.",
        said,
    )


def test_draft_review_is_left_out_of_the_public_pack(client, committee, people):
    may = MeetingFactory(committee=committee, date=MAY)
    draft = ReviewFactory(committee=committee, title="Support for unpaid carers", published=False)
    RecommendationFactory(review=draft, number=1, title="Carers' assessments")
    AgendaItemFactory(meeting=may, number=4, review=draft, title="Carers review: scoping")
    assert "Carers&#x27; assessments" not in client.get(pack_url(may)).content.decode()
    client.force_login(people.councillor)
    assert "Carers&#x27; assessments" in client.get(pack_url(may, full=True)).content.decode()


# --- Who may have which pack -------------------------------------------------------------


@pytest.mark.parametrize(
    "who, status",
    [
        ("anonymous", 403),
        ("partner", 403),
        ("other_democratic_services", 403),
        ("councillor", 200),
        ("officer", 200),
        ("democratic_services", 200),
    ],
)
def test_full_pack_only_for_those_who_may_see_exempt_items(client, scene, people, who, status):
    may, _, _ = scene
    sign_in(client, people, who)
    assert client.get(pack_url(may, full=True)).status_code == status
    assert client.get(pack_url(may)).status_code == 200


def test_full_pack_pdf_is_403_for_a_partner(client, scene, people):
    may, _, _ = scene
    client.force_login(people.partner)
    assert client.get(pack_url(may, pdf=True, full=True)).status_code == 403


def test_meeting_page_links_to_the_packs(client, scene, people):
    may, _, _ = scene
    html = client.get(may.get_absolute_url()).content.decode()
    assert pack_url(may) in html and pack_url(may, pdf=True) in html
    assert "?full=1" not in html
    client.force_login(people.officer)
    html = client.get(may.get_absolute_url()).content.decode()
    assert pack_url(may, pdf=True, full=True) in html


# --- The PDF, read back -------------------------------------------------------------------


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
        assert re.search(r"No\. +Recommendation +Response +Owner +Target", pages[n])
    flat = pdf_text(response.content)
    for number in (1, 20, 40):
        assert f"Recommendation heading {number}" in flat


# --- A review's tracker on its own -------------------------------------------------------


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
    RecommendationFactory(review=draft, number=1)
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
        "No.",
        "Recommendation",
        "Executive response",
        "Response and reasons",
        "Lead officer",
        "Carried by",
        "Target date",
        "Status",
        "Status since",
        "Latest update",
        "Latest update date",
    ]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert set(rows) == {1, 2, 3, 4, 5}
    target = rows[1][6].value
    assert isinstance(target, datetime.datetime)  # a real Excel date, not text
    assert target.date() == datetime.date(2022, 9, 30)  # revised on 25 May
    assert rows[1][7].value == "Slipped"
    assert rows[1][9].value == "A report on career pathways was received today."
    assert rows[1][10].value.date() == MAY
    assert rows[2][7].value == "On track"  # achieved only in June
    assert rows[3][7].value == "On track"  # the exempt update does not count for the public
    assert rows[1][1].alignment.wrap_text


def test_review_page_links_to_its_tracker_files(client, scene):
    _, review, _ = scene
    html = client.get(review.get_absolute_url()).content.decode()
    assert reverse("scrutiny:review-tracker-pdf", args=[review.pk]) in html
    assert reverse("scrutiny:review-tracker-xlsx", args=[review.pk]) in html


# --- Queries do not grow with the pack -----------------------------------------------------


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("full", [False, True])
def test_pack_page_queries_do_not_grow(
    client, committee, people, size, full, django_assert_max_num_queries
):
    may, _, _ = build_meeting(committee, size)
    client.force_login(people.councillor)
    # Session, user and groups, then the pack's own reads: the same at 3 and 30.
    with django_assert_max_num_queries(17 + SESSION_SAVE):
        response = client.get(pack_url(may, full=full))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_meeting_pack_reads_in_constant_queries(
    committee, people, size, django_assert_max_num_queries
):
    may, _, _ = build_meeting(committee, size)
    with django_assert_max_num_queries(13):
        pack = meeting_pack(meeting=may, user=people.councillor, full=True)
        # Reading what the templates read runs no more queries.
        for paper in pack.items:
            for review in paper.reviews:
                for rec in review.tracked:
                    list(rec.responsible_bodies.all())
            for update in paper.updates:
                for entry in update.entries.all():
                    _ = entry.recommendation.number
            for decision in paper.decisions:
                _ = decision.decided_by.name
            for action in paper.actions_due + paper.actions_agreed:
                _ = (action.meeting.date, action.item, action.review, action.due_label)
    assert len(pack.items) == 6

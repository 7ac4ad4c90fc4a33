"""Stored hostile text on every page that shows it: script and image markup, template
syntax, SQL-ish text, odd Unicode, control characters, a leading "=" and strings of 10 000
characters, in the records of one council. No page fails and none shows the markup
unescaped (detail pages, lists, home, edit forms, the meeting pack as a page), for its
democratic services and for the public; the pack and tracker PDFs (read back with pypdf)
and the tracker spreadsheet (openpyxl) hold the words literally, and the spreadsheet
holds them as text, never as formulas."""

from __future__ import annotations

import datetime
import io
import re
from types import SimpleNamespace

import pytest
from django.utils.html import escape
from openpyxl import load_workbook
from pypdf import PdfReader

from partnerships.models import Role
from recommendations.models import Status
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    CouncilFactory,
    DecisionPointFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    PartnershipFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
    user_with_role,
)
from tests.support.hostile import IMG, SCRIPT, assert_no_raw_markup, shows_escaped

pytestmark = pytest.mark.django_db

MAY = datetime.date(2021, 5, 25)
TEMPLATE = "{{ 7*7 }}"
TAG = "{% debug %}"
SQL = "'; DROP TABLE scrutiny_review; --"
FORMULA = '=HYPERLINK("http://evil.example","click")'
CONTROL = "bell\x07 tab\t vertical\x0b escape\x1b"
ODD = "\u202eRTL\u202c a\u200db e\u0301\u0302 \U0001f469\u200d\U0001f467 \U0001d518\U0001d52b"
LONG_WORDS = "word " * 2_100
LONG_RUN = "x" * 10_050

# Every stored value, by where it is stored.
TEXTS = {
    "committee.name": f"Scrutiny {SCRIPT}",
    "committee.chair": IMG,
    "committee.remit": f"{TAG}\n{TEMPLATE}",
    "review.title": f"Review {IMG} {CONTROL}",
    "review.summary": f"{SQL}\n{LONG_WORDS}",
    "review.lead_member": TEMPLATE,
    "rec.title": f"{TEMPLATE} heading {SCRIPT}",
    "rec.text": f"{FORMULA} {CONTROL}\n{ODD}",
    "rec.response_text": f"{SQL} {IMG}",
    "rec.lead_officer": ODD,
    "long_rec.text": LONG_RUN,
    "meeting.venue": SCRIPT,
    "item.title": f"Item {SCRIPT}",
    "item.description": f"</textarea>{SCRIPT}\n\n{TAG}",
    "exempt.title": f"Exempt {IMG}",
    "exempt.exempt_reason": f"Schedule 12A {SCRIPT}",
    "action.text": f"=1+1 {SCRIPT}",
    "action.falls_to": IMG,
    "decision.title": f"Decision {SCRIPT}",
    "decision.summary": IMG,
    "point.text": f"THAT {TAG} {SCRIPT}",
    "update.given_by_role": IMG,
    "update.summary": f"{SCRIPT} {ODD}",
    "entry.text": f"=cmd|' /C calc'!A0 {SCRIPT}",
    "entry.reason": f"{IMG} {CONTROL}",
    "partner.description": SCRIPT,
}


def t(key: str) -> str:
    return TEXTS[key]


@pytest.fixture
def h(db):
    """One council's records, every text field holding something hostile."""
    council = CouncilFactory(name="Leicester City Council", short_name="LCC")
    partner = PartnershipFactory(description=t("partner.description"))
    committee = CommitteeFactory(
        council=council,
        name=t("committee.name"),
        chair=t("committee.chair"),
        remit=t("committee.remit"),
    )
    cabinet = CommitteeFactory(council=council, kind="cabinet", name="Cabinet")
    review = ReviewFactory(
        committee=committee,
        title=t("review.title"),
        summary=t("review.summary"),
        lead_member=t("review.lead_member"),
        report_agreed_on=datetime.date(2020, 10, 1),
    )
    rec = RecommendationFactory(
        review=review,
        reference="1",
        title=t("rec.title"),
        text=t("rec.text"),
        response="partly_accepted",
        response_text=t("rec.response_text"),
        lead_officer=t("rec.lead_officer"),
        target_date=datetime.date(2021, 3, 31),
    )
    rec.responsible_bodies.add(partner)
    long_rec = RecommendationFactory(
        review=review, reference="2", title="", text=t("long_rec.text")
    )
    earlier = MeetingFactory(committee=committee, date=datetime.date(2021, 1, 19))
    meeting = MeetingFactory(committee=committee, date=MAY, venue=t("meeting.venue"))
    item = AgendaItemFactory(
        meeting=meeting,
        number=6,
        title=t("item.title"),
        description=t("item.description"),
        review=review,
    )
    exempt = AgendaItemFactory(
        meeting=meeting,
        number=9,
        title=t("exempt.title"),
        exempt=True,
        exempt_reason=t("exempt.exempt_reason"),
    )
    action = AgreedActionFactory(
        meeting=meeting,
        item=item,
        review=review,
        text=t("action.text"),
        falls_to=t("action.falls_to"),
        falls_to_organisation=partner,
    )
    decision = ExecutiveDecisionFactory(
        decided_by=cabinet,
        title=t("decision.title"),
        summary=t("decision.summary"),
        referred_to=committee,
        referred_to_item=item,
        decided_on=datetime.date(2021, 5, 1),
    )
    DecisionPointFactory(decision=decision, number=1, text=t("point.text"))
    update = ProgressUpdateFactory(
        given_on=MAY,
        organisation=partner,
        item=item,
        given_by_role=t("update.given_by_role"),
        summary=t("update.summary"),
        kind="verbal",
    )
    UpdateEntryFactory(
        update=update,
        recommendation=rec,
        text=t("entry.text"),
        new_status=Status.SLIPPED,
        revised_target_date=datetime.date(2022, 3, 31),
        reason=t("entry.reason"),
    )
    return SimpleNamespace(
        council=council,
        partner=partner,
        committee=committee,
        review=review,
        rec=rec,
        long_rec=long_rec,
        earlier=earlier,
        meeting=meeting,
        item=item,
        exempt=exempt,
        action=action,
        decision=decision,
        update=update,
        user=user_with_role(Role.DEMOCRATIC_SERVICES, council),
    )


def pages(h) -> dict[str, tuple[str, ...]]:
    """Each page that shows the records, and the stored values it shows in full."""
    return {
        "/": ("rec.title",),
        "/committees/": ("committee.name",),
        f"/committees/{h.committee.pk}/": (
            "committee.name",
            "committee.chair",
            "committee.remit",
            "action.text",
            "action.falls_to",
        ),
        f"/committees/{h.committee.pk}/work-programme/": ("committee.name",),
        f"/committees/{h.committee.pk}/edit/": ("committee.name", "committee.remit"),
        f"/meetings/{h.meeting.pk}/": (
            "meeting.venue",
            "item.title",
            "item.description",
            "exempt.title",
            "exempt.exempt_reason",
            "update.given_by_role",
            "update.summary",
            "entry.text",
            "action.text",
            "decision.title",
        ),
        f"/meetings/{h.meeting.pk}/edit/": ("meeting.venue",),
        f"/meetings/{h.meeting.pk}/due/": ("committee.name",),
        f"/meetings/{h.meeting.pk}/record/": ("item.title", "rec.title"),
        f"/meetings/{h.meeting.pk}/pack/": ("item.title", "item.description", "entry.text"),
        f"/meetings/{h.meeting.pk}/pack/?full=1": ("exempt.title", "exempt.exempt_reason"),
        f"/items/{h.item.pk}/edit/": ("item.title", "item.description"),
        f"/actions/{h.action.pk}/edit/": ("action.text", "action.falls_to"),
        "/reviews/": ("review.title",),
        f"/reviews/{h.review.pk}/": (
            "review.title",
            "review.summary",
            "review.lead_member",
            "rec.title",
            "action.text",
        ),
        f"/reviews/{h.review.pk}/edit/": ("review.title", "review.summary"),
        "/recommendations/": ("rec.title", "review.title"),
        f"/recommendations/{h.rec.pk}/": (
            "rec.title",
            "rec.text",
            "rec.response_text",
            "rec.lead_officer",
            "entry.text",
            "entry.reason",
        ),
        f"/recommendations/{h.long_rec.pk}/": ("long_rec.text",),
        f"/recommendations/{h.rec.pk}/edit/": ("rec.title", "rec.text", "rec.lead_officer"),
        f"/recommendations/{h.rec.pk}/response/": ("rec.response_text",),
        f"/reviews/{h.review.pk}/updates/new/": ("rec.text",),
        f"/updates/{h.update.pk}/": (
            "update.given_by_role",
            "update.summary",
            "entry.text",
            "entry.reason",
        ),
        "/decisions/": ("decision.title",),
        f"/decisions/{h.decision.pk}/": ("decision.title", "decision.summary", "point.text"),
        f"/decisions/{h.decision.pk}/edit/": ("decision.title", "point.text"),
        "/organisations/": (),
        f"/organisations/{h.partner.pk}/": ("partner.description", "rec.title", "action.text"),
    }


def test_every_page_escapes_what_is_stored(client, h):
    client.force_login(h.user)
    for url, keys in pages(h).items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_no_raw_markup(html, *TEXTS.values())
        for key in keys:
            assert shows_escaped(html, t(key)), f"{url} does not show {key}"


def test_public_pages_escape_what_is_stored(client, h):
    for url in [
        "/",
        f"/committees/{h.committee.pk}/",
        f"/meetings/{h.meeting.pk}/",
        f"/meetings/{h.meeting.pk}/pack/",
        f"/reviews/{h.review.pk}/",
        "/recommendations/",
        f"/recommendations/{h.rec.pk}/",
        f"/decisions/{h.decision.pk}/",
        f"/organisations/{h.partner.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_no_raw_markup(html, *TEXTS.values())
        assert escape(t("exempt.title")) not in html, url


def pdf_text(content: bytes) -> str:
    """The PDF's words with all white space removed (lines wrap anywhere there is some).

    When a fallback font joins (here for the emoji and the mathematical letters),
    WeasyPrint encodes the text fonts with a CMap of its own, and pypdf reads some runs of
    them as two bytes a character, a zero byte before each ASCII one; the words checked are
    ASCII, so dropping the zero bytes gives them back. (poppler's pdftotext reads them
    right, as would a screen reader.)"""
    reader = PdfReader(io.BytesIO(content))
    text = "".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", "", text.replace("\x00", ""))


def squeezed(value: str) -> str:
    return re.sub(r"\s+", "", value)


def test_pack_pdf_holds_the_words_literally(client, h):
    client.force_login(h.user)
    response = client.get(f"/meetings/{h.meeting.pk}/pack.pdf?full=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for key in ("item.title", "exempt.title", "decision.title", "decision.summary"):
        assert squeezed(t(key)) in text, key
    for key in ("entry.text", "point.text", "action.text"):
        assert squeezed(t(key)) in text, key


def test_tracker_pdf_holds_the_words_literally(client, h):
    client.force_login(h.user)
    response = client.get(f"/reviews/{h.review.pk}/tracker.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    for key in ("rec.title", "rec.response_text", "entry.text"):
        assert squeezed(t(key)) in text, key
    assert squeezed(FORMULA) in text
    # The run of 10 050 characters with no space wraps inside its column, over pages
    # whose running headers come between its pieces: every character is there.
    assert sum(len(run) for run in re.findall(r"x{20,}", text)) >= len(LONG_RUN)


XML_CANNOT_HOLD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def test_tracker_spreadsheet_holds_the_words_as_text(client, h):
    client.force_login(h.user)
    response = client.get(f"/reviews/{h.review.pk}/tracker.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    first, second = rows["1"], rows["2"]

    def typed(key: str) -> str:
        # XML 1.0 cannot carry control characters other than tab and line breaks.
        return XML_CANNOT_HOLD.sub("", t(key))

    assert first[1].value == typed("rec.text")
    assert first[19].value == typed("rec.title")  # the title column, at the end
    assert first[3].value == typed("rec.response_text")
    assert first[4].value == typed("rec.lead_officer")
    assert first[10].value == typed("entry.text")
    assert second[1].value == LONG_RUN
    # Words that start with "=" are text, never a formula that Excel would run.
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert first[10].value.startswith("=cmd") and first[10].data_type == "s"
    assert "\x07" not in workbook.properties.title
    assert "Review" in workbook.properties.title
    assert sheet.title.startswith("Review")

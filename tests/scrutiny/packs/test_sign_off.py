"""Closures proposed for the committee's sign-off in the meeting pack, HTML and PDF (read
back with pdftotext), and in the review's XLSX tracker (its "Sign-off" column, English and
Welsh): shown under the status as at the meeting with who proposed it and the evidence; one
proposed after the meeting, or at an exempt item, is not in the public pack; a declined one
says why while it stays open."""

import datetime
import io
import re
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from recommendations.models import ClosureProposal, ProposalState, StatusWord
from tests.factories import ProgressUpdateFactory, UpdateEntryFactory
from tests.scrutiny.packs.helpers import pack_url, pdf_pages, tracker_row

pytestmark = pytest.mark.django_db

EVIDENCE = "Forty people have joined the careers pathway."


def _propose(rec, given_on, *, item=None, evidence=EVIDENCE):
    update = ProgressUpdateFactory(
        given_on=given_on,
        item=item,
        organisation=rec.review.committee.council,
        given_by_role="Head of Workforce",
    )
    entry = UpdateEntryFactory(update=update, recommendation=rec, text="Done.")
    return ClosureProposal.objects.create(
        recommendation=rec, entry=entry, status="achieved", evidence=evidence
    )


def _in_order(words: str, text: str) -> bool:
    """Whether each of ``words`` (hyphens left out, as a wrapped cell drops them) comes in
    ``text`` after the one before it, within a few words."""
    found = re.sub(r"-", "", text).split()
    at = -1
    for word in re.sub(r"-", "", words).split():
        nxt = next((i for i in range(at + 1, min(len(found), at + 40)) if found[i] == word), None)
        if nxt is None and at != -1:
            return False
        if nxt is None:
            nxt = found.index(word) if word in found else None
            if nxt is None:
                return False
        at = nxt
    return True


def test_the_html_and_pdf_packs_show_a_proposal_waiting_at_the_meeting(client, scene):
    may, _review, recs = scene
    _propose(recs[3], datetime.date(2021, 5, 1))
    _propose(recs[4], datetime.date(2021, 6, 1), evidence="Proposed after the meeting.")
    html = client.get(pack_url(may)).content.decode()
    row = tracker_row(html, 4)
    assert "Proposed for sign-off" in row and "Head of Workforce" in row and EVIDENCE in row
    assert "on 1 May 2021" in row  # the date of the update that proposed it
    assert "Proposed for sign-off" not in tracker_row(html, 5)
    pdf = client.get(pack_url(may, pdf=True)).content
    # pdftotext in reading order (not -layout, which interleaves a row's cells).
    flat = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    assert len(pdf_pages(pdf)) > 1
    # A narrow column wraps the words, between other cells' lines: its words come in order.
    for words in ("Proposed for sign-off as achieved, by Head of Workforce (LCC)", EVIDENCE):
        assert _in_order(words, flat), words
    assert not _in_order("Proposed after the meeting.", flat)


def test_a_proposal_at_an_exempt_item_is_left_out_of_the_public_pack(client, scene, people):
    may, _review, recs = scene
    exempt = may.items.get(number=8)
    _propose(recs[3], may.date, item=exempt, evidence="Secret figures.")
    public = client.get(pack_url(may)).content.decode()
    assert "Secret figures" not in public and "Proposed for sign-off" not in public
    client.force_login(people.councillor)
    full = client.get(pack_url(may, full=True)).content.decode()
    assert "Secret figures" in full


def _sign_off_column(client, review, as_at: str, prefix: str = "") -> dict[str, str]:
    url = prefix + reverse("scrutiny:review-tracker-xlsx", args=[review.pk])
    sheet = load_workbook(io.BytesIO(client.get(url, {"as_at": as_at}).content)).active
    headers = [c.value for c in sheet[1]]
    column = headers.index("Cymeradwyo" if prefix else "Sign-off")
    return {row[0].value: row[column].value or "" for row in sheet.iter_rows(min_row=2)}


def test_the_xlsx_tracker_says_a_closure_is_proposed_for_sign_off(client, scene):
    may, review, recs = scene
    StatusWord.objects.create(
        council=review.committee.council, status="achieved", label="Done", label_cy="Gwnaed"
    )
    _propose(recs[3], datetime.date(2021, 5, 1))
    _propose(recs[4], datetime.date(2021, 6, 1), evidence="Proposed after the meeting.")
    cells = _sign_off_column(client, review, "2021-05-25")
    assert cells["4"] == (
        "Proposed for sign-off as done, by Head of Workforce (LCC) on 1 May 2021. "
        f"Evidence: {EVIDENCE}"
    )
    assert cells["5"] == "" and cells["1"] == ""
    assert "Proposed after the meeting." in _sign_off_column(client, review, "2021-06-02")["5"]
    welsh = _sign_off_column(client, review, "2021-05-25", prefix="/cy")["4"]
    assert welsh.startswith("Cynigiwyd i'w gymeradwyo") and "gwnaed" in welsh
    assert EVIDENCE in welsh


def test_the_xlsx_tracker_says_why_the_committee_declined(client, scene):
    may, review, recs = scene
    proposal = _propose(recs[3], datetime.date(2021, 5, 1))
    proposal.state, proposal.item = ProposalState.DECLINED, may.items.get(number=7)
    proposal.decline_reason = "The pathway has too few places yet."
    proposal.save()
    cells = _sign_off_column(client, review, "2021-05-25")
    assert cells["4"] == (
        "Sign-off declined by the committee on 25 May 2021: it stays open. "
        "Reason: The pathway has too few places yet."
    )
    assert _sign_off_column(client, review, "2021-05-24")["4"].startswith("Proposed for")


def test_the_xlsx_tracker_leaves_out_a_proposal_at_an_exempt_item(client, scene, people):
    may, review, recs = scene
    _propose(recs[3], may.date, item=may.items.get(number=8), evidence="Secret figures.")
    assert _sign_off_column(client, review, "2021-05-25")["4"] == ""
    client.force_login(people.councillor)
    assert "Secret figures." in _sign_off_column(client, review, "2021-05-25")["4"]

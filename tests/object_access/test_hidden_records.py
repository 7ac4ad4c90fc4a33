"""Exempt items and draft reviews, and everything that happened at or under them, never
reach anyone who may not see them in any page, list, export or pack: their words carry a
marker (``tests.support.world``) that must be absent from everything those people can read,
and their own addresses are 404 to them; while the council's own democratic services do
see them.
"""

from __future__ import annotations

import contextlib
import io

import pytest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.support.world import DRAFT_MARK, EXEMPT_MARK, World, client_for, words
from tests.test_permission_matrix import MATRIX, OK, PROJECT_NAMES

# Anonymous visitors, the partner body's representative, and another council's officer.
OUTSIDERS = ["anonymous", "partner", "officer_b"]


def _extra_pages(w: World) -> list[str]:
    """Pages beyond the matrix's own URL for each name, where hidden rows could show."""
    pages = [
        reverse("partnerships:organisation-detail", kwargs={"pk": w.council_a.pk}),
        reverse("scrutiny:meeting-due", kwargs={"pk": w.meeting_a.pk}),
        reverse("scrutiny:meeting-detail", kwargs={"pk": w.next_meeting_a.pk}),
        reverse("scrutiny:meeting-pack", kwargs={"pk": w.next_meeting_a.pk}),
        reverse("scrutiny:decision-detail", kwargs={"pk": w.decision_a.pk}),
        reverse("recommendations:recommendation-detail", kwargs={"pk": w.rec_a2.pk}),
        reverse("scrutiny:review-tracker-xlsx", kwargs={"pk": w.review_a.pk}) + "?as_at=2021-05-25",
        reverse("recommendations:recommendation-list") + "?status=paused",
        reverse("recommendations:recommendation-list-csv") + "?status=paused",
        reverse("scrutiny:search-csv") + "?q=contract",
        reverse("scrutiny:search-xlsx") + "?q=closures",
        reverse("scrutiny:review-list") + f"?council={w.council_a.pk}",
        reverse("scrutiny:review-list") + "?status=report_agreed",
    ]
    # The search page shows the query it was given, so searching for a marker itself would
    # always "find" it: search instead for words that sit beside the markers in hidden
    # records (the inside test below shows these searches do find them).
    for path in ("/search/", *(f"/search/?q={q}" for q in HIDDEN_WORD_SEARCHES)):
        try:
            resolve(path.split("?")[0])
        except Resolver404:
            continue
        pages.append(path)
    return pages


# Words of hidden records: the exempt item, update, decision and action all say
# "contract"; the draft review is about "closures", its recommendation about a "home".
HIDDEN_WORD_SEARCHES = ["contract", "closures", "home", "provider", "retendered+or+visited"]


def readable_pages(w: World) -> list[str]:
    """Every URL of the matrix someone may GET (an outsider is refused some: those are
    skipped), and the extra pages."""
    pages = []
    for name in PROJECT_NAMES:
        rule = MATRIX.get(name)
        if rule is None or OK not in rule.get.values():
            continue
        pages.append(reverse(name, kwargs=rule.kwargs(w)) + rule.query)
    return pages + _extra_pages(w)


def text_of(response) -> str:
    """The words of a page, a PDF or a spreadsheet."""
    kind = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if kind.startswith("application/pdf"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return body.decode()


@pytest.mark.parametrize("who", OUTSIDERS)
def test_exempt_and_draft_words_never_reach_outsiders(client, world, db, who):
    client_for(client, world.user(who))
    leaks = []
    for url in readable_pages(world):
        response = client.get(url)
        if response.status_code != 200:
            continue
        found = words(text_of(response))
        for mark in (EXEMPT_MARK, DRAFT_MARK):
            if words(mark) in found:
                leaks.append(f"{url}: {mark}")
    assert not leaks, f"{who} reads what they may not:\n  " + "\n  ".join(leaks)


def hidden_addresses(w: World) -> list[str]:
    """The addresses of draft reviews, what sits under them, and what happened at exempt
    items: each is 404 to those who may not see them."""
    urls = [
        reverse("scrutiny:review-detail", kwargs={"pk": w.draft_review_a.pk}),
        reverse("scrutiny:review-tracker-pdf", kwargs={"pk": w.draft_review_a.pk}),
        reverse("scrutiny:review-tracker-xlsx", kwargs={"pk": w.draft_review_a.pk}),
        reverse("scrutiny:review-tracker-csv", kwargs={"pk": w.draft_review_a.pk}),
        reverse("recommendations:recommendation-detail", kwargs={"pk": w.draft_rec_a.pk}),
        reverse("recommendations:update-detail", kwargs={"pk": w.draft_update_a.pk}),
        reverse("recommendations:update-detail", kwargs={"pk": w.exempt_update_a.pk}),
        reverse("scrutiny:decision-detail", kwargs={"pk": w.exempt_decision_a.pk}),
    ]
    with contextlib.suppress(NoReverseMatch):
        urls.append(
            reverse("recommendations:recommendation-history", kwargs={"pk": w.draft_rec_a.pk})
        )
    return urls


@pytest.mark.parametrize("who", OUTSIDERS)
def test_hidden_records_are_not_found_by_outsiders(client, world, db, who):
    client_for(client, world.user(who))
    answers = {url: client.get(url).status_code for url in hidden_addresses(world)}
    history = [url for url in answers if "history" in url]
    if who == "anonymous":
        # Histories are for signed-in people: anonymous visitors are sent to sign in first.
        for url in history:
            assert answers.pop(url) == 302
    assert set(answers.values()) == {404}, answers


@pytest.mark.parametrize(
    "name",
    [
        "recommendations:update-create",
        "recommendations:recommendation-create",
        "scrutiny:review-edit",
    ],
)
def test_draft_reviews_change_pages_are_not_found_by_a_partner(client, world, db, name):
    key = "pk" if name == "scrutiny:review-edit" else "review_pk"
    url = reverse(name, kwargs={key: world.draft_review_a.pk})
    client_for(client, world.partner)
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404
    client_for(client, None)
    assert client.get(url).status_code == 302


def test_the_full_pack_is_refused_to_outsiders(client, world, db):
    for name in ("scrutiny:meeting-pack", "scrutiny:meeting-pack-pdf"):
        url = reverse(name, kwargs={"pk": world.meeting_a.pk}) + "?full=1"
        for who in OUTSIDERS:
            client_for(client, world.user(who))
            assert client.get(url).status_code == 403, (name, who)


# The pages where council A's own people find the hidden words: what the outsiders test
# looks for is really there to be found.
INSIDE = [
    ("scrutiny:meeting-detail", "meeting_a", "", EXEMPT_MARK),
    ("scrutiny:meeting-pack", "meeting_a", "?full=1", EXEMPT_MARK),
    ("scrutiny:meeting-pack-pdf", "meeting_a", "?full=1", EXEMPT_MARK),
    ("scrutiny:meeting-due", "next_meeting_a", "", EXEMPT_MARK),
    ("scrutiny:committee-work-programme", "committee_a", "", EXEMPT_MARK),
    ("scrutiny:committee-detail", "committee_a", "", DRAFT_MARK),
    ("scrutiny:review-list", None, "", DRAFT_MARK),
    ("scrutiny:decision-list", None, "", EXEMPT_MARK),
    ("scrutiny:review-detail", "draft_review_a", "", DRAFT_MARK),
    ("scrutiny:review-tracker-pdf", "draft_review_a", "", DRAFT_MARK),
    ("scrutiny:review-tracker-xlsx", "review_a", "", EXEMPT_MARK),
    ("recommendations:recommendation-detail", "rec_a1", "", EXEMPT_MARK),
    ("recommendations:recommendation-list", None, "", DRAFT_MARK),
    ("recommendations:update-detail", "exempt_update_a", "", EXEMPT_MARK),
    ("partnerships:organisation-detail", "partner_body", "", EXEMPT_MARK),
    ("partnerships:organisation-detail", "partner_body", "", DRAFT_MARK),
    ("scrutiny:search", None, "?q=contract", EXEMPT_MARK),
    ("scrutiny:search", None, "?q=closures", DRAFT_MARK),
    ("scrutiny:search", None, "?q=home", DRAFT_MARK),
    # The lists' downloads (CSV and XLSX), as their pages.
    ("scrutiny:review-tracker-csv", "review_a", "", EXEMPT_MARK),
    ("recommendations:recommendation-list-csv", None, "", DRAFT_MARK),
    ("recommendations:recommendation-list-xlsx", None, "", EXEMPT_MARK),
    ("scrutiny:committee-recommendations-xlsx", "committee_a", "", DRAFT_MARK),
    ("scrutiny:committee-actions-csv", "committee_a", "", EXEMPT_MARK),
    ("partnerships:organisation-recommendations-csv", "partner_body", "", DRAFT_MARK),
    ("partnerships:organisation-actions-xlsx", "partner_body", "", EXEMPT_MARK),
    ("scrutiny:search-csv", None, "?q=contract", EXEMPT_MARK),
    ("scrutiny:search-xlsx", None, "?q=closures", DRAFT_MARK),
    # Being added now (issue 4): checked when it exists.
    ("recommendations:recommendation-history", "rec_a1", "", EXEMPT_MARK),
    ("recommendations:recommendation-history", "draft_rec_a", "", DRAFT_MARK),
]
INSIDE = [case for case in INSIDE if case[0] in PROJECT_NAMES]


@pytest.mark.parametrize(("name", "attr", "query", "mark"), INSIDE)
def test_the_councils_own_democratic_services_see_them(client, world, db, name, attr, query, mark):
    kwargs = {"pk": getattr(world, attr).pk} if attr else {}
    client_for(client, world.democratic)
    response = client.get(reverse(name, kwargs=kwargs) + query)
    assert response.status_code == 200
    assert words(mark) in words(text_of(response))


def test_a_public_item_on_a_draft_review_shows_without_the_review(client, world, db):
    """The meeting page named the draft review an item reports on, and linked to it."""
    url = reverse("scrutiny:meeting-detail", kwargs={"pk": world.meeting_a.pk})
    draft_url = reverse("scrutiny:review-detail", kwargs={"pk": world.draft_review_a.pk})
    for who in OUTSIDERS:
        client_for(client, world.user(who))
        page = client.get(url).content.decode()
        assert world.draft_item_a.title in page
        assert draft_url not in page and DRAFT_MARK not in page, who
    client_for(client, world.democratic)
    page = client.get(url).content.decode()
    assert draft_url in page and DRAFT_MARK in page

"""Object-level access: the right role is not enough, it must be the right council's record.

- A council's officer or democratic services posting to another council's records (its
  ids swapped into the URL or the form) is refused, and nothing stored changes; the same
  post by that council's own democratic services does change it (so the body is valid and
  the test can fail).
- A partner representative logs updates only on recommendations their body carries:
  another recommendation's id slipped into the update form is refused, nothing stored.
- Exempt items and draft reviews, and everything that happened at or under them, never
  reach anyone who may not see them in any page, list, export or pack: their words carry a
  marker (``tests.support.world``) that must be absent from everything those people can read, and
  their own addresses are 404 to them; while the council's own democratic services do see
  them.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable

import pytest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from recommendations.models import Status, UpdateEntry
from tests.support.forms import FIRST_OFFERED, page_form
from tests.support.world import (
    DRAFT_MARK,
    EXEMPT_MARK,
    World,
    changed_tables,
    client_for,
    errors_on,
    snapshot,
    words,
)
from tests.test_permission_matrix import MATRIX, OK, PROJECT_NAMES

INTRUDERS = ["officer", "democratic"]  # council A's, posting to council B's records


def date_boxes(name: str, day: int, month: int, year: int) -> dict[str, str]:
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


# For each change URL: its arguments (council B's record) and the change to make in the
# form council B's democratic services are shown. ``form=False``: the view takes a POST
# only, with no form page to read.
Change = tuple[Callable[[World], dict], Callable[[World], dict], bool]


def _b(attr: str, key: str = "pk"):
    return lambda w: {key: getattr(w, attr).pk}


CHANGES: dict[str, Change] = {
    "scrutiny:committee-edit": (_b("committee_b"), lambda w: {"name": "Renamed"}, True),
    "scrutiny:meeting-create": (
        _b("committee_b"),
        lambda w: {**date_boxes("date", 1, 2, 2030), "venue": "Elsewhere"},
        True,
    ),
    "scrutiny:meeting-edit": (_b("meeting_b"), lambda w: {"venue": "Elsewhere"}, True),
    "scrutiny:item-create": (_b("meeting_b"), lambda w: {"title": "Added item"}, True),
    "scrutiny:item-edit": (_b("item_b"), lambda w: {"title": "Renamed item"}, True),
    "scrutiny:action-create": (_b("meeting_b"), lambda w: {"text": "Added action"}, True),
    "scrutiny:action-edit": (_b("action_b"), lambda w: {"text": "Changed action"}, True),
    "scrutiny:review-edit": (_b("review_b"), lambda w: {"title": "Renamed review"}, True),
    "scrutiny:decision-edit": (_b("decision_b"), lambda w: {"title": "Renamed decision"}, True),
    "scrutiny:meeting-due": (
        _b("next_meeting_b"),
        lambda w: {"actions": FIRST_OFFERED},
        True,
    ),
    "scrutiny:meeting-record": (
        _b("meeting_b"),
        lambda w: {
            f"item-{w.item_b.number}-update-given_by_role": "Head of Workforce",
            f"item-{w.item_b.number}-update-organisation": str(w.council_b.pk),
            f"item-{w.item_b.number}-rec-{w.rec_b.pk}-text": "Recorded at the meeting.",
        },
        True,
    ),
    "recommendations:recommendation-create": (
        _b("review_b", "review_pk"),
        lambda w: {"text": "An added recommendation."},
        True,
    ),
    "recommendations:recommendation-edit": (
        _b("rec_b"),
        lambda w: {"text": "Changed wording."},
        True,
    ),
    "recommendations:response-edit": (
        _b("rec_b"),
        lambda w: {"response": "accepted", "response_text": "Agreed in full."},
        True,
    ),
    "recommendations:update-create": (
        _b("review_b", "review_pk"),
        lambda w: {
            "given_by_role": "Head of Democratic Services",
            f"rec-{w.rec_b.pk}-text": "Progress made.",
        },
        True,
    ),
    # Being added now (issue 4): checked when they exist.
    "recommendations:recommendation-delete": (_b("rec_b"), lambda w: {}, True),
    "recommendations:recommendation-restore": (_b("deleted_rec_b"), lambda w: {}, False),
    "recommendations:update-delete": (_b("update_b"), lambda w: {}, True),
    "recommendations:update-restore": (_b("deleted_update_b"), lambda w: {}, False),
}
ACTIVE_CHANGES = {name: change for name, change in CHANGES.items() if name in PROJECT_NAMES}


def test_every_change_url_is_tried_across_councils(world, db):
    """Every URL of a record that the matrix lets democratic services POST to is tried here
    with another council's record."""
    changing = {
        name
        for name, rule in MATRIX.items()
        if rule.post.get("democratic") == OK and rule.kwargs(world)
    }
    missing = changing - set(ACTIVE_CHANGES)
    assert not missing, f"change URLs not tried with another council's records: {missing}"


@pytest.mark.parametrize("name", sorted(ACTIVE_CHANGES))
def test_another_councils_records_cannot_be_changed(client, world, db, name):
    kwargs, change, has_form = ACTIVE_CHANGES[name]
    url = reverse(name, kwargs=kwargs(world))
    if has_form:
        client_for(client, world.democratic_b)
        body = page_form(client.get(url)).body(fill_empty="Typed", **change(world))
    else:
        body = change(world)

    before = snapshot()
    for role in INTRUDERS:
        client_for(client, world.user(role))
        response = client.post(url, body)
        assert response.status_code in (403, 404), (role, response.status_code)
        assert changed_tables(before, snapshot()) == [], role

    # The council's own democratic services, posting the same, do change it.
    client_for(client, world.democratic_b)
    response = client.post(url, body)
    assert response.status_code == 302, errors_on(response)
    assert changed_tables(before, snapshot()), "the body changes nothing: the test cannot fail"


@pytest.mark.parametrize(
    ("name", "field", "other"),
    [
        ("scrutiny:committee-create", "council", "council_b"),
        ("scrutiny:review-create", "committee", "committee_b"),
        ("scrutiny:decision-create", "decided_by", "cabinet_b"),
        ("scrutiny:decision-create", "referred_to", "committee_b"),
        ("scrutiny:decision-create", "referred_to_item", "item_b"),
        ("scrutiny:item-create", "review", "review_b"),
        ("scrutiny:action-create", "review", "review_b"),
        ("scrutiny:action-create", "item", "item_b"),
        ("scrutiny:action-create", "due_meeting", "next_meeting_b"),
        ("scrutiny:action-create", "delivered_meeting", "meeting_b"),
        ("scrutiny:review-edit", "committee", "committee_b"),
        ("scrutiny:review-edit", "response_meeting", "meeting_b"),
        ("scrutiny:committee-edit", "council", "council_b"),
        ("scrutiny:decision-edit", "decided_by", "cabinet_b"),
        ("recommendations:update-create", "item", "item_b"),
        ("recommendations:update-create", "item", "exempt_item_a"),
    ],
)
def test_another_councils_ids_in_a_form_are_refused(client, world, db, name, field, other):
    """Council A's democratic services, filling in their own council's form, choose council
    B's record (or, for an update, an item the form did not offer): the form says no and
    nothing is stored."""
    kwargs = {
        "scrutiny:committee-create": {},
        "scrutiny:review-create": {},
        "scrutiny:decision-create": {},
        "scrutiny:item-create": {"pk": world.meeting_a.pk},
        "scrutiny:action-create": {"pk": world.meeting_a.pk},
        "scrutiny:review-edit": {"pk": world.review_a.pk},
        "scrutiny:committee-edit": {"pk": world.committee_a.pk},
        "scrutiny:decision-edit": {"pk": world.decision_a.pk},
        "recommendations:update-create": {"review_pk": world.review_a.pk},
    }[name]
    valid = {
        "scrutiny:committee-create": {"name": "Children's Scrutiny"},
        "scrutiny:review-create": {
            "committee": str(world.committee_a.pk),
            "title": "A new review",
            "status": "scoping",
        },
        "scrutiny:decision-create": {
            "decided_by": str(world.cabinet_a.pk),
            "minute_number": "C200",
            "title": "A decision",
            "resolutions-0-number": "1",
            "resolutions-0-text": "THAT it be approved.",
            **date_boxes("decided_on", 1, 6, 2021),
        },
        "scrutiny:item-create": {"title": "An item"},
        "scrutiny:action-create": {"text": "An action"},
        "recommendations:update-create": {
            "given_by_role": "Head of Democratic Services",
            f"rec-{world.rec_a1.pk}-text": "Progress.",
        },
    }.get(name, {})
    # The partner representative is the one who might try an exempt item.
    user = world.partner if other == "exempt_item_a" else world.democratic
    url = reverse(name, kwargs=kwargs)
    client_for(client, user)
    form = page_form(client.get(url))
    body = form.body(**valid)

    # The other council's record stores nothing; the form's own choice is saved (so the
    # body is valid and the test can fail).
    before = snapshot()
    bad = {**body, field: str(getattr(world, other).pk)}
    response = client.post(url, bad)
    assert response.status_code in (200, 403, 404), response.status_code
    if response.status_code == 200:
        assert "govuk-error-summary" in response.content.decode()
    assert changed_tables(before, snapshot()) == []
    response = client.post(url, body)
    assert response.status_code == 302, errors_on(response)


# --- Partner representatives ----------------------------------------------------------------


def _update_body(client, world: World, **entries) -> dict:
    """The update form of review A as the signed-in user is shown it, with ``entries``."""
    url = reverse("recommendations:update-create", kwargs={"review_pk": world.review_a.pk})
    return page_form(client.get(url)).body(**entries)


def test_a_partner_logs_updates_only_on_what_their_body_carries(client, world, db):
    client_for(client, world.partner)
    url = reverse("recommendations:update-create", kwargs={"review_pk": world.review_a.pk})
    page = client.get(url).content.decode()
    assert f"rec-{world.rec_a1.pk}-text" in page
    assert f"rec-{world.rec_a2.pk}-text" not in page, "offered one the body does not carry"

    entries_on_a2 = UpdateEntry.objects.filter(recommendation=world.rec_a2).count()
    before = snapshot()
    for smuggled in (world.rec_a2, world.rec_b, world.draft_rec_a):
        body = _update_body(
            client,
            world,
            **{
                f"rec-{world.rec_a1.pk}-text": "Retention up again.",
                f"rec-{smuggled.pk}-text": "Slipped in.",
                f"rec-{smuggled.pk}-new_status": Status.ACHIEVED,
            },
        )
        response = client.post(url, body)
        assert response.status_code in (200, 403), response.status_code
        assert changed_tables(before, snapshot()) == [], smuggled
    assert UpdateEntry.objects.filter(recommendation=world.rec_a2).count() == entries_on_a2

    # Without the smuggled one, the same update is recorded (so the test can fail).
    body = _update_body(client, world, **{f"rec-{world.rec_a1.pk}-text": "Retention up again."})
    assert client.post(url, body).status_code == 302
    assert UpdateEntry.objects.filter(recommendation=world.rec_a1, text="Retention up again.")


def test_a_partner_cannot_log_on_a_review_whose_recommendations_their_body_does_not_carry(
    client, world, db
):
    world.rec_a1.responsible_bodies.remove(world.partner_body)
    client_for(client, world.partner)
    url = reverse("recommendations:update-create", kwargs={"review_pk": world.review_a.pk})
    assert client.get(url).status_code == 403
    before = snapshot()
    response = client.post(
        url,
        {
            "kind": "written",
            "organisation": str(world.partner_body.pk),
            "given_by_role": "Representative",
            **date_boxes("given_on", 1, 6, 2021),
            f"rec-{world.rec_a1.pk}-text": "Progress.",
            f"rec-{world.rec_a2.pk}-text": "Progress.",
        },
    )
    assert response.status_code == 403
    assert changed_tables(before, snapshot()) == []


def test_a_partner_cannot_close_a_recommendation(client, world, db):
    """Only a meeting (recorded by democratic services) closes a recommendation."""
    client_for(client, world.partner)
    body = _update_body(
        client,
        world,
        item=str(world.item_a.pk),
        **{
            f"rec-{world.rec_a1.pk}-text": "Done.",
            f"rec-{world.rec_a1.pk}-new_status": Status.ACHIEVED,
            f"rec-{world.rec_a1.pk}-reason": "All done.",
        },
    )
    before = snapshot()
    url = reverse("recommendations:update-create", kwargs={"review_pk": world.review_a.pk})
    response = client.post(url, body)
    assert response.status_code in (200, 403)
    assert changed_tables(before, snapshot()) == []
    # An open status, in the same body, is recorded (so the test can fail).
    body[f"rec-{world.rec_a1.pk}-new_status"] = Status.ON_TRACK
    assert client.post(url, body).status_code == 302


# --- What exempt items and draft reviews hold never reaches those who may not see it -------

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

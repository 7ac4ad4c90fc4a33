"""A council's officer or democratic services posting to another council's records (its ids
swapped into the URL or the form) is refused, and nothing stored changes; the same post by
that council's own democratic services does change it (so the body is valid and the test
can fail).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.object_access.helpers import date_boxes
from tests.support.forms import FIRST_OFFERED, page_form
from tests.support.world import (
    TRACKER_CSV,
    World,
    changed_tables,
    client_for,
    errors_on,
    snapshot,
)
from tests.test_permission_matrix import MATRIX, OK, PROJECT_NAMES

INTRUDERS = ["officer", "democratic"]


class _Upload(SimpleUploadedFile):
    """A file the test client can post more than once (it reads it from where it is)."""

    def read(self, *args):
        self.seek(0)
        return super().read(*args)  # council A's, posting to council B's records


# For each change URL: its arguments (council B's record) and the change to make in the
# form council B's democratic services are shown. ``form=False``: the view takes a POST
# only, with no form page to read.
Change = tuple[Callable[[World], dict], Callable[[World], dict], bool]


def _b(attr: str, key: str = "pk"):
    return lambda w: {key: getattr(w, attr).pk}


def _deactivated(attr: str):
    """Council B's account ``attr``, deactivated first (within the test's transaction), to
    be reactivated."""

    def kwargs(w: World) -> dict:
        user = getattr(w, attr)
        type(user).objects.filter(pk=user.pk).update(is_active=False)
        return {"pk": user.pk}

    return kwargs


CHANGES: dict[str, Change] = {
    # Accounts: council B's officer; council B's own other names.
    "partnerships:user-edit": (_b("officer_b"), lambda w: {"first_name": "Renamed"}, True),
    "partnerships:user-deactivate": (_b("officer_b"), lambda w: {}, True),
    "partnerships:user-reactivate": (_deactivated("officer_b"), lambda w: {}, True),
    "partnerships:organisation-aliases-edit": (
        _b("council_b"),
        lambda w: {"aliases": "Brent Vale BC"},
        True,
    ),
    "recommendations:import-map": (_b("import_run_b"), lambda w: {"review_title": "Parks"}, True),
    "recommendations:import-preview": (_b("import_run_b"), lambda w: {}, True),
    "recommendations:import-mapping-use": (
        _b("import_run_b"),
        lambda w: {"saved": w.saved_mapping_b.pk},
        False,
    ),
    "recommendations:import-bodies": (_b("unknown_body_run_b"), lambda w: {"body_0": "new"}, False),
    "recommendations:import-mapping-delete": (_b("saved_mapping_b"), lambda w: {}, True),
    "scrutiny:committee-edit": (_b("committee_b"), lambda w: {"name": "Renamed"}, True),
    "partnerships:organisation-edit": (_b("council_b"), lambda w: {"response_clock": "28d"}, True),
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
            # Council B's waiting proposal left undecided (every empty box would be filled).
            f"item-{w.item_b.number}-proposal-{w.proposal_b.pk}-reason": "",
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
    "recommendations:recommendation-paste": (
        _b("review_b", "review_pk"),
        lambda w: {
            "rows-TOTAL_FORMS": "1",
            "rows-INITIAL_FORMS": "1",
            "rows-0-reference": "Z9",
            "rows-0-text": "An added recommendation.",
        },
        False,
    ),
    "recommendations:review-responses-edit": (
        _b("review_b", "review_pk"),
        lambda w: {
            f"rec-{w.rec_b.pk}-response": "accepted",
            f"rec-{w.rec_b.pk}-response_text": "Agreed in full.",
        },
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
            # No closure proposed (every empty box would be filled).
            f"rec-{w.rec_b.pk}-evidence": "",
        },
        True,
    ),
    "recommendations:status-words-edit": (
        _b("council_b"),
        lambda w: {"label_slipped": "On hold", "label_cy_slipped": "Wedi oedi"},
        True,
    ),
    # Being added now (issue 4): checked when they exist.
    "recommendations:recommendation-delete": (_b("rec_b"), lambda w: {}, True),
    "recommendations:recommendation-restore": (_b("deleted_rec_b"), lambda w: {}, False),
    "recommendations:update-delete": (_b("update_b"), lambda w: {}, True),
    "recommendations:update-edit": (_b("update_b"), lambda w: {}, True),
    "recommendations:update-restore": (_b("deleted_update_b"), lambda w: {}, False),
    "recommendations:proposal-withdraw": (_b("proposal_b"), lambda w: {}, False),
}
ACTIVE_CHANGES = {name: change for name, change in CHANGES.items() if name in PROJECT_NAMES}
# Posted to with what its address carries, not a council's record: a password reset link
# names an account and a token (tests/partnerships/test_password_reset.py).
# Following a review or a committee changes no record of its council, only the follower's
# own follow, and anyone may follow what they may see (tests/scrutiny/test_follows.py); an
# unsubscribe link names a follow by its secret token.
NOT_A_COUNCILS_RECORD = {
    "password_reset_confirm",
    "partnerships:invitation-accept",
    "scrutiny:review-follow",
    "scrutiny:committee-follow",
    "scrutiny:follow-unsubscribe",
    # An update request's link names a person and a meeting, signed.
    "recommendations:update-request-respond",
}
# Checked with another council's record in their own tests: sending an invitation again
# stores nothing, only sends an email (tests/partnerships/test_accounts.py); sending a
# failed email again (tests/scrutiny/test_outbox_page.py); resetting two-factor sign-in,
# on an account that has it (the world's have none), in tests/partnerships/
# test_two_factor_reset.py; accepting a submitted update
# (tests/recommendations/test_update_requests.py).
CHECKED_ELSEWHERE = {
    "partnerships:user-invite",
    "partnerships:user-two-factor-reset",
    "scrutiny:outbox-resend",
    "recommendations:update-request-detail",
}


def test_every_change_url_is_tried_across_councils(world, db):
    """Every URL of a record that the matrix lets democratic services POST to is tried here
    with another council's record."""
    changing = {
        name
        for name, rule in MATRIX.items()
        if rule.post.get("democratic") == OK and rule.kwargs(world)
    }
    missing = changing - set(ACTIVE_CHANGES) - NOT_A_COUNCILS_RECORD - CHECKED_ELSEWHERE
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
        ("recommendations:import-create", "committee", "committee_b"),
        ("recommendations:import-map", "item", "item_b"),
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
        "recommendations:import-create": {},
        "recommendations:import-map": {"pk": world.import_run_a.pk},
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
        "recommendations:import-create": {
            "file": _Upload("tracker.csv", TRACKER_CSV),
            "committee": str(world.committee_a.pk),
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

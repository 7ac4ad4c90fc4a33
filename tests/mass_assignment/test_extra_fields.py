"""Every create and edit form ignores the fields it does not offer.

For every create and edit form, the form as the page offers it is posted twice by someone
allowed to: once as a browser would post it after a plain change, once with every field
its models have that the form does not (ids, the record it belongs to, who recorded it and
when, version, deletion, status, published, exempt, derived dates), and flags no form has
(``is_staff``, ``is_superuser`` ...) added. Both posts must store exactly the same: the
same rows created or changed with the same values (new ids and the moment of saving
aside), in every table of the app and the users and roles.

The first post runs in a savepoint rolled back afterwards, so both start from the same
world.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from partnerships.models import Organisation, OrganisationAlias, Role
from recommendations.models import (
    ImportRun,
    ProgressUpdate,
    Recommendation,
    SavedImportMapping,
    Status,
    StatusWord,
    UpdateEntry,
)
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    CouncilChasing,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Review,
)
from tests.mass_assignment.helpers import date_boxes, differences, extras, stored_by, stored_rows
from tests.support.forms import FIRST_OFFERED, page_form
from tests.support.world import TRACKER_CSV, World, client_for, errors_on
from tests.test_permission_matrix import PROJECT_NAMES


@dataclass
class Case:
    name: str
    kwargs: Callable[[World], dict]
    user: str
    change: Callable[[World], dict]
    # (prefix, model) of the parts of the form: extras are named for their fields.
    shapes: Callable[[World], list[tuple[str, type]]]
    fill_text_areas: bool = False
    id: str = field(default="")


class _Upload(SimpleUploadedFile):
    """A file the test client can post more than once (it reads it from where it is)."""

    def read(self, *args):
        self.seek(0)
        return super().read(*args)


def _a(attr: str, key: str = "pk"):
    return lambda w: {key: getattr(w, attr).pk}


def _top(*model_list):
    return lambda w: [("", m) for m in model_list]


CASES = [
    Case(
        "scrutiny:committee-create",
        lambda w: {},
        "democratic",
        lambda w: {"name": "Children's Scrutiny"},
        _top(Committee),
    ),
    Case(
        "scrutiny:committee-edit",
        _a("committee_a"),
        "democratic",
        lambda w: {"remit": "Adult social care."},
        _top(Committee),
    ),
    Case(
        "partnerships:organisation-edit",
        _a("council_a"),
        "democratic",
        lambda w: {"response_clock": "8w"},
        _top(Organisation),
    ),
    Case(
        "scrutiny:meeting-create",
        _a("committee_a"),
        "democratic",
        lambda w: date_boxes("date", 3, 3, 2031),
        _top(Meeting),
    ),
    Case(
        "scrutiny:meeting-edit",
        _a("meeting_a"),
        "democratic",
        lambda w: {"venue": "Committee Room 2"},
        _top(Meeting),
    ),
    Case(
        "scrutiny:item-create",
        _a("meeting_a"),
        "democratic",
        lambda w: {"title": "Any other business"},
        _top(AgendaItem),
    ),
    Case(
        "scrutiny:item-edit",
        _a("item_a"),
        "democratic",
        lambda w: {"title": "Workforce: progress"},
        _top(AgendaItem),
    ),
    Case(
        "scrutiny:action-create",
        _a("meeting_a"),
        "democratic",
        lambda w: {"text": "That officers report back."},
        _top(AgreedAction),
    ),
    Case(
        "scrutiny:action-edit",
        _a("action_a"),
        "democratic",
        lambda w: {"text": "That a fuller report be brought."},
        _top(AgreedAction),
    ),
    Case(
        "scrutiny:review-create",
        lambda w: {},
        "democratic",
        lambda w: {
            "committee": str(w.committee_a.pk),
            "title": "Home care",
            "status": Review.Status.SCOPING,
            **date_boxes("report_agreed_on", 1, 3, 2021),
        },
        _top(Review),
    ),
    Case(
        "scrutiny:review-edit",
        _a("review_a"),
        "democratic",
        lambda w: {"summary": "A review of the external workforce."},
        _top(Review),
    ),
    Case(
        "scrutiny:decision-create",
        lambda w: {},
        "democratic",
        lambda w: {
            "decided_by": str(w.cabinet_a.pk),
            "minute_number": "C200",
            "title": "Fees for care homes",
            "resolutions-0-number": "1",
            "resolutions-0-text": "THAT the fees rise.",
            **date_boxes("decided_on", 1, 6, 2021),
        },
        lambda w: [("", ExecutiveDecision), ("resolutions-0-", DecisionPoint)],
    ),
    Case(
        "scrutiny:decision-edit",
        _a("decision_a"),
        "democratic",
        lambda w: {"title": "Regional workforce unit"},
        lambda w: [("", ExecutiveDecision), ("resolutions-0-", DecisionPoint)],
    ),
    Case(
        "recommendations:recommendation-create",
        _a("review_a", "review_pk"),
        "democratic",
        lambda w: {"text": "That the council pays the real living wage."},
        _top(Recommendation),
    ),
    Case(
        "recommendations:recommendation-edit",
        _a("rec_a1"),
        "democratic",
        lambda w: {"text": "That retention improves."},
        _top(Recommendation),
    ),
    Case(
        "recommendations:response-edit",
        _a("rec_a1"),
        "officer",
        lambda w: {"response": "accepted", "response_text": "Agreed."},
        _top(Recommendation),
    ),
    Case(
        "recommendations:review-responses-edit",
        _a("review_a", "review_pk"),
        "officer",
        lambda w: {
            f"rec-{w.rec_a1.pk}-response": "accepted",
            f"rec-{w.rec_a1.pk}-response_text": "Agreed.",
        },
        lambda w: [
            ("review-", Review),
            (f"rec-{w.rec_a1.pk}-", Recommendation),
            (f"rec-{w.rec_a2.pk}-", Recommendation),
        ],
    ),
    Case(
        "recommendations:update-create",
        _a("review_a", "review_pk"),
        "partner",
        lambda w: {f"rec-{w.rec_a1.pk}-text": "Retention up again."},
        lambda w: [("", ProgressUpdate), (f"rec-{w.rec_a1.pk}-", UpdateEntry)],
        id="partner",
    ),
    Case(
        "recommendations:update-create",
        _a("review_a", "review_pk"),
        "officer",
        lambda w: {
            f"rec-{w.rec_a2.pk}-text": "Cooperatives formed.",
            f"rec-{w.rec_a2.pk}-new_status": Status.ON_TRACK,
        },
        lambda w: [("", ProgressUpdate), (f"rec-{w.rec_a2.pk}-", UpdateEntry)],
        id="officer",
    ),
    Case(
        "scrutiny:meeting-record",
        _a("meeting_a"),
        "democratic",
        lambda w: {
            f"item-{w.item_a.number}-update-given_by_role": "Representative",
            f"item-{w.item_a.number}-update-organisation": str(w.partner_body.pk),
            f"item-{w.item_a.number}-rec-{w.rec_a1.pk}-text": "Agreed as achieved.",
            f"item-{w.item_a.number}-rec-{w.rec_a1.pk}-new_status": Status.ACHIEVED,
            f"item-{w.item_a.number}-rec-{w.rec_a1.pk}-reason": "Retention target met.",
        },
        lambda w: [
            ("", ProgressUpdate),
            (f"item-{w.item_a.number}-update-", ProgressUpdate),
            (f"item-{w.item_a.number}-rec-{w.rec_a1.pk}-", UpdateEntry),
        ],
    ),
    Case(
        "scrutiny:meeting-due",
        _a("next_meeting_a"),
        "democratic",
        lambda w: {"actions": FIRST_OFFERED},
        lambda w: [("", AgendaItem), ("", AgreedAction)],
    ),
    Case(
        "recommendations:status-words-edit",
        _a("council_a"),
        "democratic",
        lambda w: {"label_slipped": "On hold", "label_paused": "On hold"},
        _top(StatusWord),
    ),
    Case(
        "recommendations:import-create",
        lambda w: {},
        "democratic",
        lambda w: {
            "file": _Upload("tracker.csv", TRACKER_CSV),
            "committee": str(w.committee_a.pk),
        },
        _top(ImportRun),
    ),
    Case(
        "recommendations:import-map",
        _a("import_run_a"),
        "democratic",
        lambda w: {"review_title": "Parks"},
        _top(ImportRun),
    ),
    Case(
        "recommendations:import-mapping-delete",
        _a("saved_mapping_a"),
        "democratic",
        lambda w: {},
        _top(SavedImportMapping),
    ),
    # Being added now (issue 4): checked when they exist.
    Case(
        "password_change",
        lambda w: {},
        "officer",
        lambda w: {
            "old_password": "correct-horse-battery",
            "new_password1": "a-much-longer-passphrase-41",
            "new_password2": "a-much-longer-passphrase-41",
        },
        lambda w: [("", type(w.officer))],
    ),
    Case(
        "partnerships:organisation-create",
        lambda w: {},
        "democratic",
        lambda w: {"name": "Ashby Carers Forum", "kind": Organisation.Kind.OTHER},
        _top(Organisation),
    ),
    Case(
        "partnerships:organisation-aliases-edit",
        _a("partner_body"),
        "democratic",
        lambda w: {"aliases": "CWP Group\nCare Workforce"},
        _top(Organisation, OrganisationAlias),
    ),
    Case(
        "partnerships:user-create",
        lambda w: {},
        "democratic",
        lambda w: {
            "first_name": "Robin",
            "last_name": "New",
            "email": "robin.new@example.gov.uk",
            "roles": Role.OFFICER.value,
        },
        lambda w: [("", type(w.officer))],
    ),
    Case(
        "partnerships:user-edit",
        _a("officer"),
        "democratic",
        lambda w: {"first_name": "Olu", "last_name": "Officer"},
        lambda w: [("", type(w.officer))],
    ),
    # Your own account: roles, email, organisation, is_staff posted change nothing.
    Case(
        "partnerships:account-edit",
        lambda w: {},
        "officer",
        lambda w: {"first_name": "Olu", "last_name": "Officer", "language": "cy"},
        lambda w: [("", type(w.officer))],
    ),
    Case(
        "scrutiny:chasing-edit",
        lambda w: {},
        "democratic",
        lambda w: {"response_warning_days": "10", "digest_day": "2"},
        _top(CouncilChasing),
    ),
    Case(
        "recommendations:recommendation-delete",
        _a("rec_a2"),
        "democratic",
        lambda w: {},
        _top(Recommendation),
        fill_text_areas=True,
    ),
    Case(
        "recommendations:update-edit",
        _a("update_a"),
        "officer",
        lambda w: {
            f"rec-{w.rec_a2.pk}-text": "Cooperatives formed.",
            f"rec-{w.rec_a2.pk}-new_status": Status.ON_TRACK,
        },
        lambda w: [
            ("", ProgressUpdate),
            (f"rec-{w.rec_a1.pk}-", UpdateEntry),
            (f"rec-{w.rec_a2.pk}-", UpdateEntry),
        ],
    ),
    Case(
        "recommendations:update-delete",
        _a("update_a"),
        "democratic",
        lambda w: {},
        _top(ProgressUpdate),
        fill_text_areas=True,
    ),
]
ACTIVE_CASES = [case for case in CASES if case.name in PROJECT_NAMES]


def test_every_form_is_tried():
    """Every create or edit form of the project is here (extend CASES with a new one)."""
    forms = {
        "scrutiny:committee-create",
        "scrutiny:committee-edit",
        "partnerships:organisation-edit",
        "scrutiny:meeting-create",
        "scrutiny:meeting-edit",
        "scrutiny:item-create",
        "scrutiny:item-edit",
        "scrutiny:action-create",
        "scrutiny:action-edit",
        "scrutiny:review-create",
        "scrutiny:review-edit",
        "scrutiny:decision-create",
        "scrutiny:decision-edit",
        "scrutiny:meeting-record",
        "scrutiny:meeting-due",
        "recommendations:recommendation-create",
        "recommendations:recommendation-edit",
        "recommendations:response-edit",
        "recommendations:update-create",
        "recommendations:update-edit",
        "recommendations:status-words-edit",
    }
    assert forms <= {case.name for case in ACTIVE_CASES}
    names = {n for n in PROJECT_NAMES if re.search(r"-(create|edit|delete)$|^password_change$", n)}
    assert names <= {case.name for case in CASES}, names - {case.name for case in CASES}


def _post(client, url, body) -> tuple[int, dict, object]:
    before = stored_rows()
    response = client.post(url, body)
    return response.status_code, stored_by(before, stored_rows()), response


@pytest.mark.parametrize(
    "case", ACTIVE_CASES, ids=[f"{c.name}{'-' + c.id if c.id else ''}" for c in ACTIVE_CASES]
)
def test_extra_fields_change_nothing(client, world, db, case):
    url = reverse(case.name, kwargs=case.kwargs(world))
    user = world.user(case.user)
    client_for(client, user)
    form = page_form(client.get(url))
    body = form.body(
        fill_empty="Entered by mistake" if case.fill_text_areas else None, **case.change(world)
    )
    added = extras(world, form.names, case.shapes(world))
    assert added, "no extra field to try"

    with transaction.atomic():
        status, plain, response = _post(client, url, body)
        assert status == 302, errors_on(response)
        assert plain, "the plain post stored nothing: the test cannot fail"
        transaction.set_rollback(True)

    client_for(client, user)
    status, forged, response = _post(client, url, {**body, **added})
    assert status == 302, errors_on(response)
    assert forged == plain, "\n".join(differences(plain, forged))

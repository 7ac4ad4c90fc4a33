"""Extra POSTed fields never change what is stored.

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

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from recommendations.models import ProgressUpdate, Recommendation, Status, UpdateEntry
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Review,
)
from tests.support.forms import FIRST_OFFERED, page_form
from tests.support.world import World, client_for, errors_on
from tests.test_permission_matrix import PROJECT_NAMES

WATCHED_APPS = {"partnerships", "recommendations", "scrutiny", "auth"}
# Changed by signing in, not by any form.
NOT_STORED_BY_FORMS = {"last_login"}


def date_boxes(name: str, day: int, month: int, year: int) -> dict[str, str]:
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


# --- What a POST stored ---------------------------------------------------------------------


def _watched_models():
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in WATCHED_APPS and not model.__name__.startswith("Historical"):
            yield model


def _rows() -> dict[str, dict]:
    rows = {}
    for model in _watched_models():
        manager = getattr(model, "all_objects", model._base_manager)
        names = [
            f.attname for f in model._meta.concrete_fields if f.attname not in NOT_STORED_BY_FORMS
        ]
        rows[model._meta.label] = {row["pk"]: row for row in manager.values("pk", *names)}
    return rows


def _normalised(model, row: dict, new_ids: dict[str, dict]) -> tuple:
    """A row with the ids of rows the same post created, and the moment of saving, replaced
    by words, so that two posts that stored the same compare equal."""
    now = timezone.now()
    values = []
    for f in model._meta.concrete_fields:
        if f.attname in NOT_STORED_BY_FORMS:
            continue
        value = row[f.attname]
        if f.primary_key and row["pk"] in new_ids[model._meta.label]:
            value = new_ids[model._meta.label][row["pk"]]
        elif f.is_relation and value in new_ids.get(f.related_model._meta.label, {}):
            value = new_ids[f.related_model._meta.label][value]
        elif f.name == "password" and value:
            # A new salt each time: what matters is that it is a hash, not what was posted.
            value = value.split("$", 1)[0] + "$..."
        elif (
            isinstance(f, models.DateTimeField)
            and value is not None
            and abs(now - value) < datetime.timedelta(minutes=10)
        ):
            # Saved now: fine. Any other moment came from the request.
            value = "just now"
        values.append((f.attname, value))
    return tuple(values)


def stored_by(before: dict, after: dict) -> dict[str, list]:
    """The rows a request created, changed or deleted, table by table."""
    new_ids = {}
    for label, rows in after.items():
        created = sorted(set(rows) - set(before[label]))
        new_ids[label] = {pk: f"new {label} {i}" for i, pk in enumerate(created)}
    effect = {}
    for model in _watched_models():
        label = model._meta.label
        old, new = before[label], after[label]
        rows = [
            _normalised(model, row, new_ids)
            for pk, row in new.items()
            if pk not in old or old[pk] != row
        ]
        gone = sorted(set(old) - set(new))
        if rows or gone:
            effect[label] = (sorted(rows, key=repr), gone)
    return effect


# --- Extra fields ---------------------------------------------------------------------------


def _other_record(w: World) -> dict[str, object]:
    """For a reference to a model, a record the form must never let the post point at."""
    return {
        "partnerships.Organisation": w.council_b,
        "partnerships.User": w.admin,
        "scrutiny.Committee": w.committee_b,
        "scrutiny.Meeting": w.meeting_b,
        "scrutiny.AgendaItem": w.item_b,
        "scrutiny.Review": w.draft_review_b,
        "scrutiny.ExecutiveDecision": w.decision_b,
        "recommendations.Recommendation": w.rec_b,
        "recommendations.ProgressUpdate": w.update_b,
        "auth.Group": None,
    }


def _hostile(f, w: World) -> str | list[str] | None:
    if f.is_relation:
        other = _other_record(w).get(f.related_model._meta.label)
        return None if other is None else str(other.pk)
    if f.choices:
        return str(f.choices[-1][0])
    if isinstance(f, models.BooleanField):
        return "off" if f.default else "on"
    if isinstance(f, models.DateTimeField):
        return "2000-01-01 00:00:00"
    if isinstance(f, models.DateField):
        return "2000-01-01"
    if isinstance(f, models.IntegerField | models.AutoField | models.BigAutoField):
        return "999"
    return "Injected"


def generic_extras(w: World) -> dict[str, str]:
    """Names no form here has, that a model or a user has."""
    return {
        "id": "999999",
        "pk": "999999",
        "status": Status.ACHIEVED,
        "new_status": Status.ACHIEVED,
        "is_staff": "on",
        "is_superuser": "on",
        "is_active": "on",
        "groups": "1",
        "user_permissions": "1",
        "organisation": str(w.council_b.pk),
        "council": str(w.council_b.pk),
        "committee": str(w.committee_b.pk),
        "review": str(w.draft_review_b.pk),
        "meeting": str(w.meeting_b.pk),
        "item": str(w.item_b.pk),
        "recommendation": str(w.rec_b.pk),
        "update": str(w.update_b.pk),
        "recorded_by": str(w.admin.pk),
        "created_at": "2000-01-01 00:00:00",
        "version": "999",
        "deleted_at": "2000-01-01 00:00:00",
        "deleted_by": str(w.admin.pk),
        "deletion_reason": "Injected",
        "published": "on",
        "exempt": "on",
        "exempt_reason": "Injected",
        "response_due_on": "2000-01-01",
        "responsible_bodies": str(w.other_body.pk),
    }


def _in_form(name: str, names: set[str]) -> bool:
    return name in names or any(re.fullmatch(rf"{re.escape(name)}_\d", n) for n in names)


def extras(w: World, form_names: set[str], shapes: list[tuple[str, type]]) -> dict:
    """For each (prefix, model): every field name of the model, and the generic ones, under
    the prefix, that the form does not have, with a value that would change something."""
    added: dict[str, str] = {}
    for prefix, model in shapes:
        candidates = generic_extras(w)
        for f in model._meta.get_fields():
            if f.auto_created and not f.concrete:
                continue
            value = _hostile(f, w)
            if value is None:
                continue
            candidates[f.name] = value
            if getattr(f, "attname", f.name) != f.name:
                candidates[f.attname] = value
        for name, value in candidates.items():
            full = f"{prefix}{name}"
            if not _in_form(full, form_names):
                added[full] = value
    return added


# --- The forms ----------------------------------------------------------------------------------


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
        "recommendations:recommendation-delete",
        _a("rec_a2"),
        "democratic",
        lambda w: {},
        _top(Recommendation),
        fill_text_areas=True,
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
    }
    assert forms <= {case.name for case in ACTIVE_CASES}
    names = {n for n in PROJECT_NAMES if re.search(r"-(create|edit|delete)$|^password_change$", n)}
    assert names <= {case.name for case in CASES}, names - {case.name for case in CASES}


def differences(plain: dict, forged: dict) -> list[str]:
    """What the forged post stored differently, column by column."""
    found = []
    for label in sorted(set(plain) | set(forged)):
        a_rows, a_gone = plain.get(label, ([], []))
        b_rows, b_gone = forged.get(label, ([], []))
        if a_gone != b_gone:
            found.append(f"{label}: deleted {b_gone} instead of {a_gone}")
        if len(a_rows) != len(b_rows):
            found.append(f"{label}: {len(b_rows)} rows stored instead of {len(a_rows)}")
            continue
        for a, b in zip(a_rows, b_rows, strict=True):
            found += [
                f"{label}.{name}: {b_value!r} instead of {a_value!r}"
                for (name, a_value), (_, b_value) in zip(a, b, strict=True)
                if a_value != b_value
            ]
    return found


def _post(client, url, body) -> tuple[int, dict, object]:
    before = _rows()
    response = client.post(url, body)
    return response.status_code, stored_by(before, _rows()), response


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


@pytest.mark.parametrize(
    ("field_name", "value"),
    [
        ("organisation", lambda w: w.council_a.pk),
        ("organisation", lambda w: w.other_body.pk),
        ("item", lambda w: w.exempt_item_a.pk),
        ("item", lambda w: w.item_b.pk),
        ("kind", lambda w: "minutes"),
    ],
)
def test_a_partner_cannot_choose_what_the_form_did_not_offer(client, world, db, field_name, value):
    """A partner representative gives updates for their own body, at items they may see."""
    url = reverse("recommendations:update-create", kwargs={"review_pk": world.review_a.pk})
    client_for(client, world.partner)
    body = page_form(client.get(url)).body(**{f"rec-{world.rec_a1.pk}-text": "Progress."})
    before = _rows()
    response = client.post(url, {**body, field_name: str(value(world))})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert stored_by(before, _rows()) == {}
    assert client.post(url, body).status_code == 302

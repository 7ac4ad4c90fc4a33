"""What a POST stored, and the extra fields a forged post adds: shared by the mass
assignment tests.

A post's effect is the rows it created, changed or deleted in every table of the app and
the users and roles, with new ids and the moment of saving replaced by words, so that two
posts that stored the same compare equal.
"""

from __future__ import annotations

import datetime
import re

from django.apps import apps
from django.db import models
from django.utils import timezone

from recommendations.models import Status
from tests.support.world import World

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


def stored_rows() -> dict[str, dict]:
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
            # A new salt each time: what matters is that it is a hash (or unusable, for
            # someone invited), not what was posted.
            value = "unusable" if value.startswith("!") else value.split("$", 1)[0] + "$..."
        elif isinstance(value, str) and "/invitations/" in value:
            # An invitation's token is made from the new account's unusable password, a
            # new random one each time, and its first part is the new account's id (which
            # PostgreSQL does not give back when a test's post is rolled back): what matters
            # is that a link was sent.
            value = re.sub(r"/invitations/[^/\s]+/[^/\s\"]+/", "/invitations/<uid>/<token>/", value)
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


# --- Comparing two posts -------------------------------------------------------------------


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

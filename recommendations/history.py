"""What happened to a recommendation, as its history page tells it: read from the rows
django-simple-history keeps for the recommendation (with its executive response and
responsible bodies), for the updates about it and for what each said of it, and for the
closures proposed for the committee's sign-off (proposed, signed off or declined at a
meeting, withdrawn).

Each event says who (their name and organisation), when, what happened and, for a change,
each field that changed from its old value to its new one, in words: the field's name,
choice labels, dates as councils write them, related rows by name. Saving a form writes
the fields and then the responsible bodies, two history rows a moment apart: one person's
rows within a few seconds of each other are one event.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation
from recommendations.models import (
    ClosureProposal,
    ProgressUpdate,
    ProposalState,
    Recommendation,
    UpdateEntry,
)

# Rows one person wrote this close together are one change (a form's fields, then its
# many-to-many choices).
SAME_CHANGE = datetime.timedelta(seconds=5)

# Fields whose verbose name reads badly out of its form's context.
LABELS = {
    (Recommendation, "text"): _("Recommendation text"),
    (ProgressUpdate, "kind"): _("Verbal or written"),
    (ProgressUpdate, "organisation"): _("Given for"),
    (ProgressUpdate, "given_by_role"): _("Given by (role)"),
    (ProgressUpdate, "given_by_name"): _("Given by (name)"),
    (ProgressUpdate, "item"): _("Given at"),
    (UpdateEntry, "text"): _("What was reported"),
    (UpdateEntry, "new_status"): _("Status set"),
    (UpdateEntry, "reason"): _("Reason or outcome"),
}
# Kept apart from the fields: deletion shows as its own event, with its reason.
NOT_SHOWN = {"id", "version", "created_at", "deleted_at", "deleted_by", "deletion_reason"}
RESPONSE_FIELDS = {"response", "response_text"}
RESPONSE_FORM_FIELDS = RESPONSE_FIELDS | {"lead_officer", "target_date"}
NOT_SET = _("Not set")


@dataclass
class Change:
    """One field's change: ``old`` None means the value was set when the row was made.
    For the responsible bodies, the names ``added`` and ``removed``."""

    label: str
    old: str | None = None
    new: str = ""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Event:
    when: datetime.datetime
    who: str
    what: str
    note: str = ""
    changes: list[Change] = field(default_factory=list)
    update: ProgressUpdate | None = None
    # Raw, before naming: (field, old, new) and the responsible bodies' ids.
    user_id: int | None = None
    kind: str = ""
    raw: list[tuple[models.Field, object, object]] = field(default_factory=list)
    bodies_added: set[int] = field(default_factory=set)
    bodies_removed: set[int] = field(default_factory=set)


def _who(user) -> str:
    if user is None:
        return gettext("Not recorded")
    name = user.display_name
    if user.organisation_id:
        return f"{name} ({user.organisation.name})"
    return name


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.editable and f.name not in NOT_SHOWN and not f.primary_key
    ]


def _diff(model, old, new) -> list[tuple[models.Field, object, object]]:
    return [
        (f, getattr(old, f.attname), getattr(new, f.attname))
        for f in _fields(model)
        if getattr(old, f.attname) != getattr(new, f.attname)
    ]


def _initial(model, record) -> list[tuple[models.Field, object, object]]:
    """The values a new row was made with, as changes from nothing."""
    return [
        (f, None, getattr(record, f.attname))
        for f in _fields(model)
        if getattr(record, f.attname) not in (None, "")
    ]


def _deletion(old, new) -> str:
    """Between two history rows of a row deleted softly: "deleted", "restored" or ""."""
    if old is not None and (old.deleted_at is None) == (new.deleted_at is None):
        return ""
    if old is None and new.deleted_at is None:
        return ""
    return "deleted" if new.deleted_at is not None else "restored"


def _event(record, what: str, **kwargs) -> Event:
    return Event(
        when=record.history_date,
        who=_who(record.history_user),
        what=what,
        user_id=record.history_user_id,
        **kwargs,
    )


def _recommendation_events(recommendation: Recommendation) -> list[Event]:
    records = list(
        recommendation.history.select_related("history_user__organisation").order_by(
            "history_date", "history_id"
        )
    )
    bodies_model = type(recommendation).history.model.responsible_bodies.model
    bodies: dict[int, set[int]] = defaultdict(set)
    for history_id, organisation_id in bodies_model.objects.filter(
        history__in=[r.history_id for r in records]
    ).values_list("history_id", "organisation_id"):
        bodies[history_id].add(organisation_id)
    events: list[Event] = []
    previous = None
    for record in records:
        if record.history_type == "+":
            event = _event(record, gettext("Recommendation added"), kind="added")
            event.bodies_added = set(bodies[record.history_id])
        elif record.history_type == "-":
            event = _event(record, gettext("Recommendation removed for good"), kind="removed")
        elif deletion := _deletion(previous, record):
            event = _event(
                record,
                gettext("Recommendation deleted")
                if deletion == "deleted"
                else gettext("Recommendation restored"),
                kind=deletion,
                note=_reason_note(record) if deletion == "deleted" else "",
            )
        else:
            event = _event(record, gettext("Recommendation changed"), kind="changed")
            if previous is not None:
                event.raw = _diff(Recommendation, previous, record)
                before, after = bodies[previous.history_id], bodies[record.history_id]
                event.bodies_added, event.bodies_removed = after - before, before - after
        if record.history_change_reason and not event.note:
            event.note = record.history_change_reason
        _add(events, event)
        previous = record
    for event in events:
        changed = {f.name for f, _, _ in event.raw}
        if (
            event.kind == "changed"
            and changed & RESPONSE_FIELDS
            and changed <= RESPONSE_FORM_FIELDS
            and not (event.bodies_added or event.bodies_removed)
        ):
            event.what = gettext("Executive response changed")
    return [e for e in events if e.kind != "changed" or e.raw or e.bodies_added or e.bodies_removed]


def _reason_note(record) -> str:
    return gettext("Reason: %(reason)s") % {"reason": record.deletion_reason}


def _lower_first(text: str) -> str:
    """An update's name in the middle of a sentence ("the written update of 25 May 2021"):
    only its first letter is made small, so the month keeps its capital."""
    return text[:1].lower() + text[1:]


def _add(events: list[Event], event: Event) -> None:
    """Append ``event``, or fold a change of the responsible bodies alone into the last
    event when the same person made both a moment apart (a form saves its fields, then
    its bodies)."""
    last = events[-1] if events else None
    if (
        last is None
        or event.kind != "changed"
        or event.raw
        or not (event.bodies_added or event.bodies_removed)
        or last.kind not in ("added", "changed")
        or last.user_id != event.user_id
        or event.when - last.when > SAME_CHANGE
    ):
        events.append(event)
        return
    for f, old, new in event.raw:
        earlier = next((i for i, (g, _, _) in enumerate(last.raw) if g is f), None)
        if earlier is None:
            last.raw.append((f, old, new))
        else:
            last.raw[earlier] = (f, last.raw[earlier][1], new)
    last.raw = [(f, old, new) for f, old, new in last.raw if old != new]
    added = (last.bodies_added - event.bodies_removed) | event.bodies_added
    removed = (last.bodies_removed - event.bodies_added) | event.bodies_removed
    last.bodies_added, last.bodies_removed = added - removed, removed - added
    if event.note and not last.note:
        last.note = event.note


def _update_events(recommendation: Recommendation, user) -> list[Event]:
    """Updates about the recommendation that ``user`` may see today (a deleted one only
    when they may restore it): what each said of it when logged and later changed, and the
    update deleted or restored."""
    entry_records = list(
        UpdateEntry.history.filter(id__in=_entry_ids(recommendation))
        .select_related("history_user__organisation")
        .order_by("history_date", "history_id")
    )
    update_ids = {r.update_id for r in entry_records}
    # A deleted update, its words and why it was deleted, are for those who may restore it
    # (they see it in Deleted items), as on every other page.
    restorable = ProgressUpdate.all_objects.deleted().managed_by(user).values("pk")
    updates = {
        u.pk: u
        for u in ProgressUpdate.all_objects.visible_to(user)
        .filter(Q(deleted_at__isnull=True) | Q(pk__in=restorable), pk__in=update_ids)
        .select_related("organisation")
    }
    events: list[Event] = []
    previous: dict[int, object] = {}
    for record in entry_records:
        update = updates.get(record.update_id)
        if update is None:
            continue
        name = update.name
        before = previous.get(record.id)
        previous[record.id] = record
        named = {"update": name, "update_lower": _lower_first(name)}
        if record.history_type == "+":
            event = _event(record, gettext("%(update)s logged") % named, update=update)
            raw = _initial(UpdateEntry, record)
        elif record.history_type == "-":
            event = _event(
                record,
                gettext("What the %(update_lower)s said of it removed") % named,
                update=update,
            )
            raw = []
        else:
            event = _event(
                record,
                gettext("What the %(update_lower)s said of it changed") % named,
                update=update,
            )
            raw = _diff(UpdateEntry, before, record) if before is not None else []
        # The update and the recommendation are the event's own: naming them adds nothing.
        event.raw = [r for r in raw if r[0].name not in ("update", "recommendation")]
        if record.history_type == "~" and not event.raw:
            continue
        event.note = record.history_change_reason or ""
        events.append(event)
    update_records = (
        ProgressUpdate.history.filter(id__in=list(updates))
        .select_related("history_user__organisation")
        .order_by("history_date", "history_id")
    )
    last: dict[int, object] = {}
    for record in update_records:
        update = updates[record.id]
        before = last.get(record.id)
        last[record.id] = record
        name = update.name
        if record.history_type == "+":
            continue  # shown as the entry's "logged"
        named = {"update": name}
        if record.history_type == "-":
            events.append(
                _event(record, gettext("%(update)s removed for good") % named, update=update)
            )
        elif deletion := _deletion(before, record):
            if deletion == "deleted":
                what, note = gettext("%(update)s deleted") % named, _reason_note(record)
            else:
                what, note = gettext("%(update)s restored") % named, ""
            events.append(_event(record, what, note=note, update=update))
        elif before is not None and (raw := _diff(ProgressUpdate, before, record)):
            events.append(
                _event(
                    record,
                    gettext("%(update)s changed") % named,
                    raw=raw,
                    update=update,
                    note=record.history_change_reason or "",
                )
            )
    return events


def _proposal_events(recommendation: Recommendation, user) -> list[Event]:
    """The closures proposed on the recommendation that ``user`` may see (as the pages
    show them): proposed, with the status and the evidence; signed off or declined by the
    committee, at which meeting and item, and why it declined; withdrawn. Ours are the
    status words here, as every other change on this page."""
    visible = ClosureProposal.objects.visible_to(user).filter(recommendation=recommendation)
    records = (
        ClosureProposal.history.filter(id__in=visible.values("pk"))
        .select_related("history_user__organisation", "item__meeting__committee")
        .order_by("history_date", "history_id")
    )
    events: list[Event] = []
    states: dict[int, str] = {}
    for record in records:
        before, states[record.id] = states.get(record.id), record.state
        status = {"status": record.get_status_display().lower()}
        if record.history_type == "+":
            what = gettext("Proposed for sign-off as %(status)s") % status
            note = f"{gettext('Evidence:')} {record.evidence}"
        elif before == record.state:
            continue
        elif record.state == ProposalState.SIGNED_OFF:
            what = gettext("Signed off by the committee as %(status)s") % status
            note = _decided_at(record.item)
        elif record.state == ProposalState.DECLINED:
            what = gettext("Sign-off declined by the committee")
            reason = gettext("Reason: %(reason)s") % {"reason": record.decline_reason}
            note = f"{_decided_at(record.item)} {reason}".strip()
        elif record.state == ProposalState.WITHDRAWN:
            what = gettext("Proposal for sign-off withdrawn on recommendation %(number)s") % {
                "number": recommendation.reference
            }
            note = ""
        else:
            continue
        events.append(_event(record, what, note=note, kind="proposal"))
    return events


def _decided_at(item) -> str:
    if item is None:
        return ""
    return gettext("At %(meeting)s, item %(number)s: %(title)s.") % {
        "meeting": item.meeting,
        "number": item.number,
        "title": item.title,
    }


def _entry_ids(recommendation: Recommendation) -> list[int]:
    """Every entry ever made on the recommendation, removed ones included."""
    return list(
        UpdateEntry.history.filter(recommendation_id=recommendation.pk)
        .values_list("id", flat=True)
        .distinct()
    )


def _visible(model: type[models.Model], pks: set, user) -> set:
    """Which of ``pks`` ``user`` may see today, by the model's own ``visible_to`` (deleted
    rows included: they are named as they were); all of them for a model without one."""
    manager = getattr(model, "all_objects", model._default_manager)
    if not hasattr(manager, "visible_to"):
        return pks
    return set(manager.visible_to(user).filter(pk__in=pks).values_list("pk", flat=True))


def _name_related(events: list[Event], user) -> None:
    """Turn each event's raw changes into words, fetching the related rows they name (and
    the responsible bodies) in one query per model, deleted rows included; a row ``user``
    may not see today (an exempt item, a draft review) is not named."""
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for event in events:
        for f, old, new in event.raw:
            if f.is_relation:
                wanted[f.related_model] |= {v for v in (old, new) if v is not None}
        wanted[Organisation] |= event.bodies_added | event.bodies_removed
    names = {}
    for model, pks in wanted.items():
        if not pks:
            continue
        seen = _visible(model, pks, user)
        names[model] = {
            obj.pk: _name(obj) if obj.pk in seen else gettext("Not shown to you")
            for obj in model._base_manager.filter(pk__in=pks)
        }

    def words(f: models.Field, value) -> str:
        if value is None or value == "":
            return str(NOT_SET)
        if f.is_relation:
            return names.get(f.related_model, {}).get(
                value, gettext("A deleted record (%(id)s)") % {"id": value}
            )
        if f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, datetime.date):
            return formats.date_format(value)
        return str(value)

    bodies_label = str(capfirst(Recommendation._meta.get_field("responsible_bodies").verbose_name))
    for event in events:
        for f, old, new in event.raw:
            label = str(LABELS.get((f.model, f.name)) or capfirst(f.verbose_name))
            event.changes.append(
                Change(label=label, old=None if old is None else words(f, old), new=words(f, new))
            )
        if event.bodies_added or event.bodies_removed:
            event.changes.append(
                Change(
                    label=bodies_label,
                    added=sorted(names[Organisation][pk] for pk in event.bodies_added),
                    removed=sorted(names[Organisation][pk] for pk in event.bodies_removed),
                )
            )


def _name(obj) -> str:
    if hasattr(obj, "display_name"):
        return obj.display_name
    return getattr(obj, "label", None) or str(obj)


def recommendation_history(recommendation: Recommendation, user) -> list[Event]:
    """Every change to ``recommendation`` and its executive response, and to the updates
    about it and the closures proposed on it, as ``user`` may see them today, newest
    first."""
    events = (
        _recommendation_events(recommendation)
        + _update_events(recommendation, user)
        + _proposal_events(recommendation, user)
    )
    _name_related(events, user)
    events.sort(key=lambda e: e.when, reverse=True)
    return events

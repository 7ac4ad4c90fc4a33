"""Bringing a council's tracker in: keep the upload, keep the columns the user chose, show
the plan, and carry it out all or nothing as the importing user.

Rules: only democratic services of the council (and administrators: ``can_import_trackers``);
the file is refused as ``import_files`` says before anything is kept; nothing is written
until the user confirms a plan without problems; confirming writes every row or none
(one transaction), records each change in the history as the importing user, and logs
progress through ``update_create`` so the status timeline is rebuilt as for any update.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from partnerships.models import User
from recommendations.models import ImportRun, ImportState, Recommendation, Status, UpdateKind
from recommendations.permissions import can_import_trackers
from recommendations.services import EntryInput, change_reason, update_create
from recommendations.services.import_files import (
    FIELD_NAMES,
    file_kind,
    propose_mapping,
    read_table,
)
from recommendations.services.import_rows import Plan, build_plan
from scrutiny.models import Review

GIVEN_BY_ROLE = "Democratic services (imported tracker)"


def _allowed(actor: User, council) -> None:
    if not can_import_trackers(actor, council):
        raise PermissionDenied(gettext("Only the council's democratic services can import."))


def import_run_create(*, actor: User, committee, filename: str, content: bytes) -> ImportRun:
    """Keep an upload for ``committee``'s council once it is a readable tracker, with the
    columns proposed from its headings and the title block's topic as the review."""
    council = committee.council
    _allowed(actor, council)
    kind = file_kind(content)
    table = read_table(content, kind)
    return ImportRun.objects.create(
        council=council,
        committee=committee,
        uploaded_by=actor,
        filename=filename[:255],
        file_kind=kind,
        content=content,
        sheet=table.sheet,
        header_row=table.header_row,
        mapping=propose_mapping(table.headings),
        review_title=table.topic[:300],
    )


def import_run_table(run: ImportRun):
    return read_table(bytes(run.content), run.file_kind, run.sheet)


def import_run_map(
    *,
    run: ImportRun,
    actor: User,
    sheet: str,
    mapping: list[str],
    review_title: str,
    updates_given_on: datetime.date | None,
    item,
    undated_targets: str,
) -> ImportRun:
    """Keep the columns the user chose. A new sheet proposes its own columns afresh; each
    field fills one column at most."""
    _allowed(actor, run.council)
    if run.state == ImportState.IMPORTED:
        raise ValidationError(gettext("This file has been imported already."))
    chosen = [name for name in mapping if name]
    if any(name not in FIELD_NAMES for name in mapping) or len(chosen) != len(set(chosen)):
        raise ValidationError(gettext("Choose each field for one column only"))
    if sheet != run.sheet:
        run.sheet = sheet
        table = import_run_table(run)
        run.header_row, mapping = table.header_row, propose_mapping(table.headings)
    run.mapping = mapping
    run.review_title = review_title.strip()
    run.updates_given_on, run.item, run.undated_targets = updates_given_on, item, undated_targets
    run.state = ImportState.MAPPED
    run.save()
    return run


def import_run_plan(run: ImportRun) -> Plan:
    """What confirming would do (reads only)."""
    return build_plan(run, import_run_table(run))


def import_run_confirm(*, run: ImportRun, actor: User) -> dict:
    """Carry the plan out, all or nothing; refuse while it has problems. Return counts."""
    _allowed(actor, run.council)
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.state == ImportState.IMPORTED:
            raise ValidationError(gettext("This file has been imported already."))
        plan = import_run_plan(run)
        if plan.errors:
            raise ValidationError(gettext("Correct the problems in the file first."))
        reason = change_reason(f"Imported from {run.filename}")
        reviews = _reviews(run, plan, actor, reason)
        entries = defaultdict(list)
        for row in plan.rows:
            if row.action == "same":
                continue
            recommendation = _save(row, reviews, actor, reason)
            if row.entry:
                entries[row.entry["given_on"]].append(_entry_input(recommendation, row.entry))
        for given_on, inputs in sorted(entries.items()):
            closing = run.item if any(e.new_status in Status.closing() for e in inputs) else None
            update_create(
                actor=actor,
                given_on=given_on,
                kind=UpdateKind.WRITTEN,
                organisation=run.council,
                given_by_role=GIVEN_BY_ROLE,
                item=closing,
                entries=inputs,
                reason=reason,
            )
        summary = {
            "created": plan.count("create"),
            "changed": plan.count("change"),
            "same": plan.count("same"),
            "reviews": len(plan.new_reviews),
            "updates": len(entries),
            "entries": sum(len(v) for v in entries.values()),
        }
        run.state, run.imported_at, run.summary = ImportState.IMPORTED, timezone.now(), summary
        run.save(update_fields=["state", "imported_at", "summary"])
    return summary


def _reviews(run: ImportRun, plan: Plan, actor: User, reason: str) -> dict[str, Review]:
    """The council's reviews by title (any case), with those the file names made."""
    found = {}
    for review in Review.objects.filter(committee__council=run.council).order_by("pk"):
        key = review.title.lower()
        if key not in found or review.committee_id == run.committee_id:
            found[key] = review
    for title in plan.new_reviews:
        review = Review(committee=run.committee, title=title, status=Review.Status.MONITORING)
        review._history_user, review._change_reason = actor, reason
        review.save()
        found[title.lower()] = review
    return found


def _save(row, reviews, actor: User, reason: str) -> Recommendation:
    recommendation = row.recommendation or Recommendation(
        review=reviews[" ".join(row.review.split()).lower()], reference=row.reference
    )
    for name, value in row.values.items():
        if not (name == "response" and value is None):
            setattr(recommendation, name, value)
    if row.recommendation is not None and row.changes:
        recommendation.version += 1
    if row.recommendation is None or row.changes:
        recommendation._history_user, recommendation._change_reason = actor, reason
        recommendation.full_clean(exclude=["review", "responsible_bodies"])
        recommendation.save()
    if row.bodies is not None and "responsible_bodies" in (row.changes or ["responsible_bodies"]):
        recommendation.responsible_bodies.set(row.bodies)
    return recommendation


def _entry_input(recommendation: Recommendation, entry: dict) -> EntryInput:
    return EntryInput(
        recommendation=recommendation,
        text=entry["text"],
        new_status=entry["new_status"],
        reason=entry["reason"],
    )

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
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from partnerships.models import Organisation, OrganisationAlias, User
from recommendations.models import ImportRun, ImportState, Recommendation, Status, UpdateKind
from recommendations.permissions import can_import_trackers
from recommendations.services import EntryInput, change_reason, update_create
from recommendations.services.import_files import (
    FIELD_NAMES,
    file_kind,
    mapping_from_saved,
    propose_mapping,
    read_table,
)
from recommendations.services.import_mappings import saved_mapping_for
from recommendations.services.import_progress import ProgressReporter
from recommendations.services.import_rows import Plan, build_plan
from scrutiny.models import Review

GIVEN_BY_ROLE = "Democratic services (imported tracker)"
# Rows saved between two reports of progress.
CHUNK = 250


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
    saved = saved_mapping_for(council, table.headings)
    return ImportRun.objects.create(
        council=council,
        committee=committee,
        uploaded_by=actor,
        filename=filename[:255],
        file_kind=kind,
        content=content,
        sheet=table.sheet,
        header_row=table.header_row,
        mapping=_columns(table.headings, saved),
        saved_mapping=saved,
        review_title=table.topic[:300],
    )


def _columns(headings: list[str], saved) -> list[str]:
    """The columns of a saved mapping made for these headings, else those they propose."""
    if saved is None:
        return propose_mapping(headings)
    return mapping_from_saved(headings, saved.headings, saved.mapping)


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
        run.saved_mapping = saved_mapping_for(run.council, table.headings)
        run.header_row, mapping = table.header_row, _columns(table.headings, run.saved_mapping)
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
    """Carry the plan out, all or nothing; refuse while it has problems. Return counts. A
    clash with a change someone made meanwhile (a reference taken) saves nothing and says
    to preview again."""
    _allowed(actor, run.council)
    try:
        with transaction.atomic():
            return _confirm(run, actor)
    except IntegrityError:
        raise ValidationError(
            gettext("Someone changed these recommendations meanwhile: preview the import again.")
        ) from None


def _confirm(run: ImportRun, actor: User) -> dict:
    """The import itself, inside the caller's transaction."""
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.state == ImportState.IMPORTED:
        raise ValidationError(gettext("This file has been imported already."))
    plan = import_run_plan(run)
    if plan.errors:
        raise ValidationError(gettext("Correct the problems in the file first."))
    reason = change_reason(f"Imported from {run.filename}")
    _bodies_chosen(plan, actor, reason)
    reviews = _reviews(run, plan, actor, reason)
    entries = defaultdict(list)
    todo = [r for r in plan.rows if r.action != "same"]
    with ProgressReporter(run.pk, len(todo)) as progress:
        for start in range(0, len(todo), CHUNK):
            for row, recommendation in _save_rows(
                todo[start : start + CHUNK], reviews, actor, reason
            ):
                if row.entry:
                    entries[row.entry["given_on"]].append(_entry_input(recommendation, row.entry))
            progress.advance(CHUNK)
        progress.advance(0, "updates")
        _updates(run, actor, reason, entries)
    summary = {
        "created": plan.count("create"),
        "changed": plan.count("change"),
        "same": plan.count("same"),
        "reviews": len(plan.new_reviews),
        "updates": len(entries),
        "entries": sum(len(v) for v in entries.values()),
        "review_ids": sorted({reviews[_title_key(row.review)].pk for row in plan.rows}),
    }
    run.state, run.imported_at, run.summary = ImportState.IMPORTED, timezone.now(), summary
    run.save(update_fields=["state", "imported_at", "summary"])
    return summary


def import_run_choose_bodies(*, run: ImportRun, actor: User, choices: dict[str, str]) -> None:
    """Keep what the user says each unknown body name is: "new" (an organisation of that
    name, made on confirming) or an organisation's id (the name made its alias on
    confirming). Nothing else is written until then."""
    _allowed(actor, run.council)
    if run.state == ImportState.IMPORTED:
        raise ValidationError(gettext("This file has been imported already."))
    ids = {str(pk) for pk in Organisation.objects.values_list("pk", flat=True)}
    kept = dict(run.body_choices)
    for key, choice in choices.items():
        if choice == "new":
            kept[key] = "new"
        elif choice in ids:
            kept[key] = int(choice)
        elif choice:
            raise ValidationError(gettext("Choose a body from the list"))
    run.body_choices = kept
    run.save(update_fields=["body_choices"])


def _bodies_chosen(plan: Plan, actor: User, reason: str) -> None:
    """Make the organisations and aliases the user chose for unknown body names (inside
    the import's transaction: rolled back with it)."""
    for org in plan.new_bodies:
        org._history_user, org._change_reason = actor, reason
        org.full_clean()
        org.save()
    for name, org in plan.new_aliases:
        alias = OrganisationAlias(organisation=org, name=name)
        alias._history_user, alias._change_reason = actor, reason
        alias.full_clean()
        alias.save()


def import_runs_prune(*, days: int, now: datetime.datetime | None = None) -> int:
    """Delete the file of each run imported, or uploaded and left (not imported), more than
    ``days`` days ago, keeping the run and what it did. Return how many files were deleted."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    done = Q(state=ImportState.IMPORTED, imported_at__lt=cutoff)
    left = ~Q(state=ImportState.IMPORTED) & Q(created_at__lt=cutoff)
    old = ImportRun.objects.filter(done | left, pruned_at__isnull=True)
    return old.update(content=b"", pruned_at=now or timezone.now())


def _updates(run: ImportRun, actor: User, reason: str, entries: dict) -> None:
    """One written progress update from the council for each date, of its rows' entries."""
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


def _title_key(title: str) -> str:
    return " ".join(title.split()).lower()


def _reviews(run: ImportRun, plan: Plan, actor: User, reason: str) -> dict[str, Review]:
    """The council's reviews by title (any case), with those the file names made."""
    found = {}
    for review in Review.objects.filter(committee__council=run.council).order_by("pk"):
        key = _title_key(review.title)
        if key not in found or review.committee_id == run.committee_id:
            found[key] = review
    for title in plan.new_reviews:
        review = Review(committee=run.committee, title=title, status=Review.Status.MONITORING)
        review._history_user, review._change_reason = actor, reason
        review.save()
        found[_title_key(title)] = review
    return found


def _save_rows(rows, reviews, actor: User, reason: str) -> list[tuple]:
    """Save the rows' recommendations: new ones in bulk with their history and bodies,
    changed ones one by one (each change in its history, bodies by ``set`` so that the
    history records them too). Their values were checked by the plan; the database's own rules
    stay, and a clash with a change made meanwhile rolls everything back."""
    made = []
    for row in rows:
        recommendation = row.recommendation or Recommendation(
            review=reviews[_title_key(row.review)], reference=row.reference
        )
        for name, value in row.values.items():
            if not (name == "response" and value is None):
                setattr(recommendation, name, value)
        recommendation._history_user, recommendation._change_reason = actor, reason
        if row.recommendation is not None and set(row.changes) - {"responsible_bodies"}:
            recommendation.version += 1
            recommendation.save()
        made.append((row, recommendation))
    new = [rec for row, rec in made if row.recommendation is None]
    bulk_create_with_history(
        new, Recommendation, batch_size=500, default_user=actor, default_change_reason=reason
    )
    _bodies_of_new([(rec, row.bodies) for row, rec in made if row.recommendation is None])
    for row, recommendation in made:
        if row.recommendation is not None and "responsible_bodies" in row.changes:
            recommendation.responsible_bodies.set(row.bodies)
    return made


def _bodies_of_new(pairs: list[tuple[Recommendation, list | None]]) -> None:
    """The bodies of new recommendations, in bulk, with the rows of their creation's history
    that record them (as simple-history's own ``set`` would, one query per batch)."""
    through = Recommendation.responsible_bodies.through
    links = through.objects.bulk_create(
        [through(recommendation=r, organisation=o) for r, bodies in pairs for o in bodies or []],
        batch_size=1000,
    )
    if not links:
        return
    history = Recommendation.history.model
    created = history.objects.filter(id__in={link.recommendation_id for link in links})
    made = {h.id: h for h in created.filter(history_type="+")}
    m2m = history.responsible_bodies.model
    m2m.objects.bulk_create(
        [
            m2m(
                id=link.pk,
                history=made[link.recommendation_id],
                recommendation_id=link.recommendation_id,
                organisation_id=link.organisation_id,
            )
            for link in links
        ],
        batch_size=1000,
    )


def _entry_input(recommendation: Recommendation, entry: dict) -> EntryInput:
    return EntryInput(
        recommendation=recommendation,
        text=entry["text"],
        new_status=entry["new_status"],
        revised_target_date=entry.get("revised_target_date"),
        reason=entry["reason"],
    )

"""Columns a council saves for its trackers and reuses.

Rules: only the council's democratic services (and administrators: ``can_import_trackers``)
save, use and delete them; a name is the council's once (any case: saving under a name
already used replaces those columns); an upload whose headings (normalised, in order) are
those of a saved mapping takes its columns by itself, and the run says which it took.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from partnerships.models import User
from recommendations.models import ImportRun, ImportState, SavedImportMapping
from recommendations.permissions import can_import_trackers
from recommendations.services.import_files import headings_keys, mapping_from_saved


def _allowed(actor: User, council) -> None:
    if not can_import_trackers(actor, council):
        raise PermissionDenied(gettext("Only the council's democratic services can import."))


def saved_mapping_for(council, headings: list[str]) -> SavedImportMapping | None:
    """The council's saved mapping made for exactly these headings, if any (the latest)."""
    keys = headings_keys(headings)
    for saved in SavedImportMapping.objects.filter(council=council).order_by("-saved_at"):
        if saved.headings == keys:
            return saved
    return None


def saved_mapping_save(
    *, actor: User, run: ImportRun, name: str, headings: list[str]
) -> SavedImportMapping:
    """Keep ``run``'s columns under ``name`` for its council (replacing those of that name)."""
    _allowed(actor, run.council)
    name = " ".join(name.split())
    if not name:
        raise ValidationError(gettext("Give the saved columns a name"))
    with transaction.atomic():
        saved = (
            SavedImportMapping.objects.select_for_update()
            .filter(council=run.council, name__iexact=name)
            .first()
        ) or SavedImportMapping(council=run.council)
        saved.name, saved.headings, saved.mapping = name, headings_keys(headings), run.mapping
        saved.saved_by, saved.saved_at = actor, timezone.now()
        saved.full_clean()
        saved.save()
        run.saved_mapping = saved
        run.save(update_fields=["saved_mapping"])
    return saved


def saved_mapping_use(
    *, actor: User, run: ImportRun, saved: SavedImportMapping, headings: list[str]
) -> ImportRun:
    """Set ``run``'s columns from ``saved``: each column whose heading it knows."""
    _allowed(actor, run.council)
    if saved.council_id != run.council_id:
        raise PermissionDenied(gettext("Those saved columns are another council's."))
    if run.state == ImportState.IMPORTED:
        raise ValidationError(gettext("This file has been imported already."))
    run.mapping = mapping_from_saved(headings, saved.headings, saved.mapping)
    run.saved_mapping = saved
    run.save(update_fields=["mapping", "saved_mapping"])
    return run


def saved_mapping_delete(*, actor: User, saved: SavedImportMapping) -> None:
    _allowed(actor, saved.council)
    saved.delete()

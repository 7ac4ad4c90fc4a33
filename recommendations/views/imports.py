"""The tracker import's pages: upload, choose the columns, preview and confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from recommendations import permissions
from recommendations.forms.imports import (
    BodyChoicesForm,
    ImportMappingForm,
    ImportUploadForm,
    SavedMappingChoiceForm,
)
from recommendations.models import ImportProgress, ImportRun, ImportState, SavedImportMapping
from recommendations.services.import_mappings import (
    saved_mapping_delete,
    saved_mapping_save,
    saved_mapping_use,
)
from recommendations.services.import_progress import progress_message
from recommendations.services.imports import (
    import_run_choose_bodies,
    import_run_confirm,
    import_run_create,
    import_run_map,
    import_run_plan,
    import_run_table,
)
from scrutiny.common.forms import error_links
from scrutiny.common.pages import refuse
from scrutiny.models import Review

# From this many rows confirming takes long enough (about 500 rows a second) to say so.
LARGE_FILE = 1000
REFUSED = _("Only the council's democratic services can import a tracker.")


def _run(request, pk: int) -> ImportRun:
    runs = ImportRun.objects.select_related("council", "committee", "saved_mapping")
    run = get_object_or_404(runs, pk=pk)
    if not permissions.can_import_trackers(request.user, run.council):
        refuse(request.user, str(REFUSED))
    return run


def _gone(request, run: ImportRun):
    """The file of a run left unimported was deleted (``prune_imports``): upload it again."""
    messages.error(request, gettext("That upload was deleted after a while: upload it again."))
    return redirect("recommendations:import-create")


@require_http_methods(["GET", "POST"])
@login_required
def import_create(request):
    """Upload a tracker; a file we cannot read is refused on the page, with nothing kept."""
    if not permissions.can_import_trackers(request.user):
        refuse(request.user, str(REFUSED))
    council_id = request.user.organisation_id
    form = ImportUploadForm(request.POST or None, request.FILES or None, council_id=council_id)
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = import_run_create(
                actor=request.user,
                committee=form.cleaned_data["committee"],
                filename=upload.name,
                content=upload.read(),
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            return redirect("recommendations:import-map", pk=run.pk)
    mappings = SavedImportMapping.objects.filter(council_id=council_id)
    context = {"form": form, "error_links": error_links(form), "mappings": mappings}
    return render(request, "recommendations/import_upload.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def import_mapping_delete(request, pk: int):
    """Delete a council's saved columns, once asked (from the upload page's list)."""
    saved = get_object_or_404(SavedImportMapping.objects.select_related("council"), pk=pk)
    if not permissions.can_import_trackers(request.user, saved.council):
        refuse(request.user, str(REFUSED))
    if request.method == "POST":
        saved_mapping_delete(actor=request.user, saved=saved)
        messages.success(request, gettext("Saved columns “%(name)s” deleted") % {"name": saved})
        return redirect("recommendations:import-create")
    return render(request, "recommendations/import_mapping_delete.html", {"saved": saved})


@require_http_methods(["POST"])
@login_required
def import_mapping_use(request, pk: int):
    """Set a file's columns from one of the council's saved mappings."""
    run = _run(request, pk)
    if run.pruned_at:
        return _gone(request, run)
    form = SavedMappingChoiceForm(request.POST, council_id=run.council_id)
    if form.is_valid():
        saved = form.cleaned_data["saved"]
        table = import_run_table(run)
        saved_mapping_use(actor=request.user, run=run, saved=saved, headings=table.headings)
    return redirect("recommendations:import-map", pk=run.pk)


@require_http_methods(["POST"])
@login_required
def import_bodies(request, pk: int):
    """Keep what each unknown body name is, then show the preview again."""
    run = _run(request, pk)
    if run.pruned_at:
        return _gone(request, run)
    plan = import_run_plan(run)
    form = _bodies_form(request.POST, run, plan)
    if form.is_valid():
        try:
            import_run_choose_bodies(run=run, actor=request.user, choices=form.choices())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("recommendations:import-preview", pk=run.pk)


def _bodies_form(data, run: ImportRun, plan) -> BodyChoicesForm:
    return BodyChoicesForm(
        data,
        unknown=plan.unknown_bodies,
        organisations=plan.known_bodies,
        choices=run.body_choices,
    )


@require_http_methods(["GET", "POST"])
@login_required
def import_map(request, pk: int):
    """Choose the field each column fills (proposed from the headings), then preview."""
    run = _run(request, pk)
    if run.state == ImportState.IMPORTED:
        return redirect("recommendations:import-preview", pk=run.pk)
    if run.pruned_at:
        return _gone(request, run)
    table = import_run_table(run)
    form = ImportMappingForm(request.POST or None, run=run, table=table)
    if form.is_bound and form.is_valid():
        data, sheet = form.cleaned_data, run.sheet
        try:
            run = import_run_map(
                run=run,
                actor=request.user,
                sheet=data.get("sheet", run.sheet),
                mapping=form.mapping(),
                review_title=data["review_title"],
                updates_given_on=data["updates_given_on"],
                item=data["item"],
                undated_targets=data["undated_targets"],
            )
            if data["save_as"]:
                saved_mapping_save(
                    actor=request.user, run=run, name=data["save_as"], headings=table.headings
                )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            # Another sheet has other columns: check them before the preview.
            step = "import-map" if run.sheet != sheet else "import-preview"
            return redirect(f"recommendations:{step}", pk=run.pk)
    context = {
        "run": run,
        "table": table,
        "form": form,
        "error_links": error_links(form),
        "saved_form": SavedMappingChoiceForm(council_id=run.council_id),
    }
    return render(request, "recommendations/import_map.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def import_preview(request, pk: int):
    """What the import would do, row by row, and its problems; confirming carries it out."""
    run = _run(request, pk)
    if run.state == ImportState.IMPORTED:
        reviews = Review.objects.filter(pk__in=run.summary.get("review_ids", []))
        context = {"run": run, "reviews": reviews.order_by("title")}
        return render(request, "recommendations/import_done.html", context)
    if run.pruned_at:
        return _gone(request, run)
    plan = import_run_plan(run)
    if request.method == "POST":
        try:
            import_run_confirm(run=run, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, gettext("Tracker imported"))
            return redirect("recommendations:import-preview", pk=run.pk)
    problems = [(f"row-{n}", _problem(n, column, text)) for n, column, text in plan.errors]
    bodies = _bodies_form(None, run, plan) if plan.unknown_bodies else None
    context = {
        "run": run,
        "plan": plan,
        "error_links": problems,
        "bodies_form": bodies,
        "large_file": LARGE_FILE,
    }
    return render(request, "recommendations/import_preview.html", context)


@require_http_methods(["GET"])
@login_required
def import_progress(request, pk: int):
    """How far confirming the import has got, for the waiting page to read out (JSON)."""
    run = _run(request, pk)
    progress = ImportProgress.objects.filter(run_id=run.pk).first()
    if run.state == ImportState.IMPORTED:
        message = gettext("Tracker imported")
    else:
        message = progress_message(progress)
    data = {"state": run.state, "message": message}
    if progress is not None:
        data.update(done=progress.done, total=progress.total)
    return JsonResponse(data, headers={"Cache-Control": "no-store"})


def _problem(row: int, column: str, text: str) -> str:
    return gettext("Row %(row)s, %(column)s: %(problem)s") % {
        "row": row,
        "column": column,
        "problem": text,
    }

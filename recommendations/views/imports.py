"""The tracker import's pages: upload, choose the columns, preview and confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from recommendations import permissions
from recommendations.forms.imports import ImportMappingForm, ImportUploadForm
from recommendations.models import ImportRun, ImportState
from recommendations.services.imports import (
    import_run_confirm,
    import_run_create,
    import_run_map,
    import_run_plan,
    import_run_table,
)
from scrutiny.common.forms import error_links
from scrutiny.common.pages import refuse
from scrutiny.models import Review

REFUSED = _("Only the council's democratic services can import a tracker.")


def _run(request, pk: int) -> ImportRun:
    run = get_object_or_404(ImportRun.objects.select_related("council", "committee"), pk=pk)
    if not permissions.can_import_trackers(request.user, run.council):
        refuse(request.user, str(REFUSED))
    return run


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
    context = {"form": form, "error_links": error_links(form)}
    return render(request, "recommendations/import_upload.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def import_map(request, pk: int):
    """Choose the field each column fills (proposed from the headings), then preview."""
    run = _run(request, pk)
    if run.state == ImportState.IMPORTED:
        return redirect("recommendations:import-preview", pk=run.pk)
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
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            # Another sheet has other columns: check them before the preview.
            step = "import-map" if run.sheet != sheet else "import-preview"
            return redirect(f"recommendations:{step}", pk=run.pk)
    context = {"run": run, "table": table, "form": form, "error_links": error_links(form)}
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
    context = {"run": run, "plan": plan, "error_links": problems}
    return render(request, "recommendations/import_preview.html", context)


def _problem(row: int, column: str, text: str) -> str:
    return gettext("Row %(row)s, %(column)s: %(problem)s") % {
        "row": row,
        "column": column,
        "problem": text,
    }

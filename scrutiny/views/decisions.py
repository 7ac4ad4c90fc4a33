"""Executive decisions referred to scrutiny: the list, a decision's page, and adding or
changing one with its resolutions and reasons."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from scrutiny.common.forms import error_links
from scrutiny.common.locking import Difference, EditConflict, conflict_response
from scrutiny.common.pages import refuse
from scrutiny.forms import DecisionForm, DecisionPointFormSet, decision_point_initial
from scrutiny.models import DecisionPoint, ExecutiveDecision
from scrutiny.permissions import can_add_reviews, can_manage_council
from scrutiny.selectors.decisions import decisions_for_list, points_prefetch, split_points
from scrutiny.services import PointInput, decision_save
from scrutiny.views._common import bound_or_kept, require_manager

FORM_TEMPLATE = "scrutiny/decision_form.html"


@require_safe
def decision_list(request):
    """Executive decisions referred to scrutiny, newest first; those considered at an exempt
    item only for the people who may see it."""
    return render(
        request,
        "scrutiny/decision_list.html",
        {
            "decisions": decisions_for_list(request.user),
            "can_create": can_add_reviews(request.user),
        },
    )


@require_safe
def decision_detail(request, pk: int):
    """A decision as the minutes record it: minute number, who decided and when, its numbered
    resolutions and reasons, and where it was referred. 404 when it was considered at an
    exempt item the user may not see."""
    user = request.user
    decision = get_object_or_404(
        ExecutiveDecision.objects.visible_to(user)
        .select_related(
            "decided_by__council", "referred_to__council", "referred_to_item__meeting__committee"
        )
        .prefetch_related(points_prefetch()),
        pk=pk,
    )
    split_points(decision)
    return render(
        request,
        "scrutiny/decision_detail.html",
        {
            "decision": decision,
            "resolutions": decision.resolutions,
            "reasons": decision.reasons,
            "can_manage": can_manage_council(user, decision.decided_by.council_id),
        },
    )


def _points_text(points: list[tuple[int, str]]) -> str:
    return "\n".join(f"({number}) {text}" for number, text in points) or gettext("None")


def _point_differences(current: ExecutiveDecision, formsets) -> list[Difference]:
    """The resolutions and reasons, where the saved decision and the typed one differ."""
    found = []
    for label, formset in formsets:
        saved = sorted((p.number, p.text) for p in current.points.all() if p.kind == formset.kind)
        if saved != formset.points():
            found.append(Difference(label, _points_text(saved), _points_text(formset.points())))
    return found


def _point_formsets(data, decision: ExecutiveDecision | None) -> list[tuple]:
    """The resolutions and reasons as two sets of rows, each with its label."""
    kinds = DecisionPoint.Kind
    return [
        (
            label,
            DecisionPointFormSet(
                data, prefix=prefix, kind=kind, initial=decision_point_initial(decision, kind)
            ),
        )
        for label, prefix, kind in [
            (gettext("Resolutions"), "resolutions", kinds.RESOLUTION),
            (gettext("Reasons for the decision"), "reasons", kinds.REASON),
        ]
    ]


def _save_decision(request, form, formsets, decision: ExecutiveDecision | None):
    """Save the valid form and rows with ``decision_save``: a redirect to the saved
    decision, a 409 page on an edit conflict, or None with the service's errors added to
    ``form``."""
    (_, resolutions), (_, reasons) = formsets
    try:
        saved = decision_save(
            decision=form.save(commit=False),
            resolutions=[PointInput(n, t) for n, t in resolutions.points()],
            reasons=[PointInput(n, t) for n, t in reasons.points()],
            actor=request.user,
            version=form.loaded_version,
        )
    except EditConflict as conflict:
        return conflict_response(
            request,
            FORM_TEMPLATE,
            {"decision": decision, "formsets": formsets, "error_links": []},
            form,
            conflict,
            extra=_point_differences(conflict.current, formsets) if conflict.current else (),
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)
        return None
    messages.success(request, gettext("Decision saved: %(decision)s") % {"decision": saved})
    return redirect(saved)


def _decision_form_page(request, decision: ExecutiveDecision | None):
    """The decision with its resolutions and reasons as two sets of rows, saved together by
    ``decision_save``; every error, on the decision or any row, is listed in one summary and
    everything typed stays on the page. A decision someone else saved since the page was
    opened is never overwritten: the page comes back (409) comparing both versions."""
    data = bound_or_kept(request)
    form = DecisionForm(data, instance=copy.copy(decision), user=request.user)
    formsets = _point_formsets(data, decision)
    (_, resolutions), (_, reasons) = formsets
    if request.method == "POST":
        valid = [form.is_valid(), resolutions.is_valid(), reasons.is_valid()]
        if all(valid) and (response := _save_decision(request, form, formsets, decision)):
            return response
    return render(
        request,
        FORM_TEMPLATE,
        {
            "form": form,
            "decision": decision,
            "formsets": formsets,
            "error_links": error_links(form, resolutions, reasons, whole_date_to_day_box=True),
        },
    )


@login_required
def decision_create(request):
    if not can_add_reviews(request.user):
        refuse(request.user, gettext("Only democratic services can add decisions."))
    return _decision_form_page(request, None)


@login_required
def decision_edit(request, pk: int):
    decision = get_object_or_404(
        ExecutiveDecision.objects.visible_to(request.user)
        .select_related("decided_by__council")
        .prefetch_related(points_prefetch()),
        pk=pk,
    )
    require_manager(request.user, decision.decided_by.council_id)
    return _decision_form_page(request, decision)

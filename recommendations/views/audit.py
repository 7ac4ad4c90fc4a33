"""Pages that keep the record trustworthy: a recommendation's history (who changed what
and when), deleting a recommendation or a progress update softly with a reason, and the
deleted items democratic services restore.

Reading follows ``visible_to`` (a hidden or deleted recommendation is a 404); changing
follows ``recommendations.permissions`` (anonymous visitors are sent to sign in, a
signed-in user without the right gets a 403). Every change is a POST, CSRF-protected.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from recommendations import permissions, selectors, services
from recommendations.forms.audit import DeletionForm
from recommendations.history import recommendation_history
from recommendations.models import ProgressUpdate, Recommendation
from scrutiny.common.pages import refuse
from scrutiny.exports.deleted import deleted_sheet
from scrutiny.exports.tables import download
from scrutiny.permissions import can_see_deleted


@require_GET
def recommendation_history_view(request, pk: int):
    """Every change to a recommendation and its executive response, and to the updates
    about it, newest first: for signed-in users who may see the recommendation."""
    user = request.user
    if not permissions.can_see_history(user):
        refuse(user)
    recommendation = selectors.recommendation_for_change(request.user, pk)
    return render(
        request,
        "recommendations/recommendation_history.html",
        {
            "recommendation": recommendation,
            "review": recommendation.review,
            "events": recommendation_history(recommendation, user),
        },
    )


ALREADY_DELETED = gettext_noop(
    "Recommendation %(number)s had already been deleted. Democratic services can restore it "
    "from Deleted items."
)


def _delete_page(request, *, template: str, context: dict, delete, done: str, next_url: str):
    """A GOV.UK confirmation page: GET shows what will be deleted and asks why; a valid
    POST calls ``delete(reason)``, says ``done`` (what was deleted and that democratic
    services can restore it) and goes to ``next_url``."""
    form = DeletionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            delete(form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(next_url)
    return render(request, template, {"form": form, **context})


def _deleted_meanwhile(request, pk: int):
    """Someone else deleted the recommendation while this user had its delete page open
    (or the page was sent twice): say so and go to its review, instead of a 404. Only to
    whoever may see deleted recommendations of its council; None for anyone else."""
    gone = (
        Recommendation.all_objects.deleted()
        .managed_by(request.user)
        .select_related("review")
        .filter(pk=pk)
        .first()
    )
    if gone is None:
        return None
    messages.info(request, gettext(ALREADY_DELETED) % {"number": gone.reference})
    return redirect(gone.review)


@require_http_methods(["GET", "POST"])
@login_required
def recommendation_delete(request, pk: int):
    """Democratic services of the council (and admins) delete a recommendation, saying
    why; it can be restored."""
    user = request.user
    try:
        recommendation = selectors.recommendation_for_change(request.user, pk)
    except Http404:
        if request.method == "POST" and (gone := _deleted_meanwhile(request, pk)):
            return gone
        raise
    if not permissions.can_manage(user, recommendation):
        refuse(user)
    return _delete_page(
        request,
        template="recommendations/recommendation_delete.html",
        context={
            "recommendation": recommendation,
            "review": recommendation.review,
            "update_count": recommendation.entries.count(),
        },
        delete=lambda reason: services.recommendation_delete(
            recommendation=recommendation, actor=user, reason=reason
        ),
        done=gettext(
            "Recommendation %(number)s deleted. Democratic services can restore it from "
            "Deleted items."
        )
        % {"number": recommendation.reference},
        next_url=recommendation.review.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def update_delete(request, pk: int):
    """Democratic services who manage its recommendations (and admins), and whoever
    recorded it, delete a progress update, saying why; it can be restored."""
    user = request.user
    update, entries = selectors.visible_update(user, pk)
    if not permissions.can_delete_update(user, update):
        refuse(user)
    return _delete_page(
        request,
        template="recommendations/update_delete.html",
        context={"update": update, "entries": entries},
        delete=lambda reason: services.update_delete(update=update, actor=user, reason=reason),
        done=gettext("%(update)s deleted. Democratic services can restore it from Deleted items.")
        % {"update": update.name},
        next_url=entries[0].recommendation.get_absolute_url(),
    )


def _refuse_restore(user):
    """Restoring is a POST from the deleted items page: an anonymous visitor signs in and
    comes back to that page."""
    refuse(user, next_url=reverse("recommendations:deleted-list"))


@require_POST
def recommendation_restore(request, pk: int):
    """Democratic services of the council (and admins) restore a deleted recommendation."""
    user = request.user
    if not user.is_authenticated:
        _refuse_restore(user)
    recommendation = get_object_or_404(
        Recommendation.all_objects.deleted().select_related("review__committee"), pk=pk
    )
    if not permissions.can_manage(user, recommendation):
        _refuse_restore(user)
    services.recommendation_restore(recommendation=recommendation, actor=user)
    messages.success(
        request,
        gettext("Recommendation %(number)s restored") % {"number": recommendation.reference},
    )
    return redirect(recommendation)


@require_POST
def update_restore(request, pk: int):
    """Democratic services who manage its recommendations (and admins) restore a deleted
    progress update."""
    user = request.user
    if not user.is_authenticated:
        _refuse_restore(user)
    update = get_object_or_404(ProgressUpdate.all_objects.deleted(), pk=pk)
    if not permissions.can_restore_update(user, update):
        _refuse_restore(user)
    services.update_restore(update=update, actor=user)
    messages.success(request, gettext("%(update)s restored") % {"update": update.name})
    if update.entries.exists():
        return redirect(update)
    # Every recommendation it covers is deleted too: it shows once they are restored.
    return redirect("recommendations:deleted-list")


@require_GET
def deleted_list(request):
    """The recommendations and progress updates deleted, with who deleted each, when and
    why, to restore: democratic services see their council's, admins all."""
    user = request.user
    if not can_see_deleted(user):
        refuse(user)
    recommendations, updates = selectors.deleted_to_restore(user)
    return render(
        request,
        "recommendations/deleted_list.html",
        {
            "recommendations": recommendations,
            "updates": updates,
            "every_council": permissions.can_restore_for_every_council(user),
        },
    )


@require_GET
def deleted_list_download(request, kind: str):
    """The deleted recommendations and progress updates the deleted list shows, as a file
    (``kind`` "csv" or "xlsx"): for those who may restore them."""
    user = request.user
    if not can_see_deleted(user):
        refuse(user)
    recommendations, updates = selectors.deleted_to_restore(user)
    sheet = deleted_sheet(gettext("Deleted recommendations and updates"), recommendations, updates)
    return download(sheet, kind, f"deleted-{timezone.localdate()}")

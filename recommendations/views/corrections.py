"""Correcting a progress update: its author within ``UPDATE_CORRECTION_DAYS`` of recording
it, democratic services who manage it at any time (``permissions.correction_refusal``
says why not, on the 403 page; anonymous visitors are sent to sign in). A hidden update is
a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from partnerships.models import Organisation
from recommendations import permissions, selectors
from recommendations.forms.updates import CorrectionSubmission
from recommendations.models import UpdateEntry
from recommendations.services.corrections import update_correct
from scrutiny.common.kept import posted_or_kept
from scrutiny.common.locking import Difference, EditConflict, describe_conflict, differences
from scrutiny.common.pages import refuse
from scrutiny.models import AgendaItem

TEMPLATE = "recommendations/update_correct.html"


def _choices(user, update, review):
    """The organisations and agenda items the form offers: those of logging one, and the
    update's own (a correction by democratic services keeps another body's choice)."""
    organisations = Organisation.objects.filter(
        Q(pk__in=selectors.organisations_for(user, review).values("pk"))
        | Q(pk=update.organisation_id)
    ).order_by("name")
    items = AgendaItem.objects.filter(
        Q(pk__in=selectors.items_for_update(user, review, timezone.localdate()).values("pk"))
        | Q(pk=update.item_id)
    )
    return organisations, items.select_related("meeting").order_by("-meeting__date", "number")


def _save(request, update, submission):
    """Save the valid ``submission``: the update's page, or None with the refusals added."""
    general = submission.form.cleaned_data
    fields = ("given_on", "kind", "organisation", "given_by_role", "given_by_name", "item")
    update_correct(
        update=update,
        version=submission.loaded_version,
        actor=request.user,
        summary=general["summary"],
        summary_cy=general["summary_cy"],
        entries=submission.entry_inputs(),
        **{name: general[name] for name in fields},
    )
    messages.success(request, gettext("Update corrected"))
    return redirect(update)


def _entry_differences(submission, update) -> list[Difference]:
    """What the conflict page compares besides the update's facts: each entry as stored
    now against what the user typed (labels named for their recommendation)."""
    stored = {e.recommendation_id: e for e in UpdateEntry.objects.filter(update=update)}
    found = []
    for entry in submission.entries:
        if entry.recommendation.pk in stored:
            found += [
                Difference(strip_tags(d.label), d.saved, d.yours)
                for d in differences(entry, stored[entry.recommendation.pk])
            ]
    return found


def _conflict_page(request, context, conflict: EditConflict):
    """Both versions compared (status 409), what the user typed kept in the form, which
    now carries the stored version: sending it again saves theirs over the other."""
    if conflict.current is None:
        raise Http404(gettext("Someone else deleted this while you were editing it."))
    submission, update = context["submission"], context["update"]
    submission.version = str(conflict.current.version)
    extra = _entry_differences(submission, update)
    context["conflict"] = describe_conflict(
        submission.form, conflict.current, user=request.user, extra=extra
    )
    return render(request, TEMPLATE, context, status=409)


@require_http_methods(["GET", "POST"])
@login_required
def update_edit(request, pk: int):
    """Correct an update's facts and what it said of each recommendation it covers."""
    user = request.user
    update, _visible = selectors.visible_update(user, pk)
    refusal = permissions.correction_refusal(user, update)
    if refusal is not None:
        refuse(user, refusal)
    entries = list(
        UpdateEntry.objects.filter(update=update)
        .select_related("recommendation__review__committee")
        .order_by("recommendation__review_id", "recommendation__sort_key")
    )
    review = entries[0].recommendation.review
    organisations, items = _choices(user, update, review)
    submission = CorrectionSubmission(
        posted_or_kept(request),
        update=update,
        entries=entries,
        organisations=organisations,
        items=items,
        may_close=permissions.can_manage_update(user, update),
    )
    context = {"update": update, "review": review, "submission": submission}
    context |= {"form": submission, "update_form": submission.form}
    if request.method == "POST" and submission.is_valid():
        try:
            return _save(request, update, submission)
        except ValidationError as error:
            for message in error.messages:
                submission.add_error(message)
        except EditConflict as conflict:
            return _conflict_page(request, context, conflict)
    return render(request, TEMPLATE, context)

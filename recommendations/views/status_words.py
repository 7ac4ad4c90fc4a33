"""The page where a council's democratic services name our statuses the council's way."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from partnerships.models import Organisation
from recommendations import permissions
from recommendations.forms.status_words import StatusWordsForm
from recommendations.services import status_words_set
from scrutiny.common.forms import error_links
from scrutiny.common.pages import refuse


@require_http_methods(["GET", "POST"])
@login_required
def status_words_edit(request, pk: int):
    """The council's words for each of our statuses, with a preview of the mapping: a
    "Preview" press shows what was typed without saving it."""
    council = get_object_or_404(Organisation.objects.councils(), pk=pk)
    if not permissions.can_edit_status_words(request.user, council):
        refuse(request.user, gettext("Only the council's democratic services can do this."))
    form = StatusWordsForm(request.POST or None, council=council)
    previewing = "preview" in request.POST
    if form.is_bound and form.is_valid() and not previewing:
        try:
            status_words_set(actor=request.user, council=council, words=form.words())
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(None if field == NON_FIELD_ERRORS else field, problems)
        else:
            messages.success(request, gettext("Status words saved"))
            return redirect("recommendations:status-words-edit", pk=council.pk)
    context = {
        "council": council,
        "form": form,
        "previewing": previewing,
        "preview": form.preview(),
        "error_links": error_links(form) if form.is_bound else [],
    }
    return render(request, "recommendations/status_words_form.html", context)

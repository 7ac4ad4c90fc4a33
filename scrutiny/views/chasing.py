"""The chasing page: a council's democratic services switch each of the daily chase's
emails (the weekly digest and the reminders) on or off for their council."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from partnerships.models import Organisation
from scrutiny.common.pages import refuse
from scrutiny.forms.chasing import CouncilChasingForm
from scrutiny.models import CouncilChasing
from scrutiny.permissions import can_edit_chasing
from scrutiny.services.chasing import council_chasing_save


@require_http_methods(["GET", "HEAD", "POST"])
def chasing_edit(request):
    """The switches of the reader's council, or of ``?council=<id>`` (an administrator's
    choice; the first council by name when they belong to none): the defaults until first
    saved; saved, back here."""
    user = request.user
    councils = Organisation.objects.councils().order_by("name")
    chosen = request.GET.get("council", "")
    if chosen.isdigit():
        council = get_object_or_404(councils, pk=chosen)
    else:
        council = user.organisation if user.is_authenticated else None
        council = council or (councils.first() if user.is_superuser else None)
    if not can_edit_chasing(user, council.pk if council else None):
        refuse(user, gettext("Only democratic services choose the council's reminders."))
    chasing = CouncilChasing.objects.filter(council=council).first()
    chasing = chasing or CouncilChasing(council=council)
    form = CouncilChasingForm(request.POST or None, instance=chasing)
    if request.method == "POST" and form.is_valid():
        council_chasing_save(actor=request.user, chasing=form.instance)
        messages.success(request, gettext("The council's reminders are saved."))
        return redirect(request.get_full_path())
    others = councils.exclude(pk=council.pk) if user.is_superuser else []
    return render(
        request,
        "scrutiny/chasing_form.html",
        {"form": form, "council": council, "others": others},
    )

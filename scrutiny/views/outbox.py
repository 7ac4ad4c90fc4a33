"""The outbox page: every email the app sent, is sending or failed to send, for democratic
services (their council's) and administrators (all); a failed one can be sent again."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST, require_safe

from scrutiny.common.pages import refuse
from scrutiny.common.paging import sliced_page
from scrutiny.models import Outbox
from scrutiny.permissions import can_resend_mail, can_see_outbox
from scrutiny.services.outbox import outbox_resend

OUTBOX_PER_PAGE = 50


@require_safe
def outbox_list(request):
    """The messages the reader may see, newest first, in one state or all."""
    if not can_see_outbox(request.user):
        refuse(request.user, gettext("Only democratic services can see the emails sent."))
    state = request.GET.get("state", "")
    state = state if state in Outbox.State.values else ""
    rows = Outbox.objects.visible_to(request.user).in_state(state).select_related("council")
    page = sliced_page(rows, OUTBOX_PER_PAGE, request.GET.get("page"))
    for message in page:
        message.can_resend = message.failed_at and can_resend_mail(request.user, message.council_id)
    filters = [("", gettext("All"))] + [(value, label) for value, label in Outbox.State.choices]
    return render(
        request,
        "scrutiny/outbox_list.html",
        {"page_obj": page, "state": state, "filters": filters},
    )


@require_POST
def outbox_resend_view(request, pk: int):
    """Queue a failed message again (POST), back to the failed ones."""
    if not can_see_outbox(request.user):
        refuse(request.user, gettext("Only democratic services can see the emails sent."))
    message = get_object_or_404(Outbox.objects.visible_to(request.user), pk=pk)
    if not can_resend_mail(request.user, message.council_id) or not message.failed_at:
        refuse(request.user, gettext("Only a failed email can be sent again."))
    outbox_resend(actor=request.user, message=message)
    messages.success(request, gettext("The email to %(to)s is queued again.") % {"to": message.to})
    return redirect(reverse("scrutiny:outbox-list") + "?state=failed")

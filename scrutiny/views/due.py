"""The meeting cycle: what is due at a meeting, adding it to the agenda in one step, and a
committee's work programme (reads in scrutiny.selectors.due)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from scrutiny.common.forms import error_links
from scrutiny.forms import AddFromDueForm
from scrutiny.models import Committee, Meeting, Review
from scrutiny.permissions import can_manage_council
from scrutiny.selectors.due import due_page, programme_page
from scrutiny.services import agenda_items_add_from_due
from scrutiny.views._common import bound, require_manager


def _added_message(items) -> str:
    added = "; ".join(
        (
            gettext("item %(number)s, %(title)s")
            if item.added
            else gettext("item %(number)s, %(title)s (now also takes an agreed action)")
        )
        % {"number": item.number, "title": item.title}
        for item in items
    )
    return gettext("Added to the agenda: %(items)s") % {"items": added}


def _add_from_due(request, meeting: Meeting, form: AddFromDueForm):
    """Add the chosen reviews and actions to the agenda: a redirect to the meeting, or None
    with the service's refusal added to ``form``."""
    chosen = form.cleaned_data
    try:
        items = agenda_items_add_from_due(
            meeting=meeting,
            reviews=list(Review.objects.filter(pk__in=chosen.get("reviews", []))),
            # As the page showed them: the service refuses any changed since.
            actions=chosen.get("actions", []),
            actor=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None
    messages.success(request, _added_message(items))
    return redirect(meeting)


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_due(request, pk: int):
    """Everything that falls to a meeting: agreed actions and requested reports not yet
    delivered (flagged when they slipped past an earlier meeting) and recommendations whose
    next update is due, with who owes it. Public business: anyone may read it, exempt rows
    and draft reviews only those allowed. Democratic services of the council (and admins)
    add what they choose to the agenda in one step; anyone else posting is sent to sign in,
    or refused."""
    user = request.user
    meeting = get_object_or_404(Meeting.objects.select_related("committee__council"), pk=pk)
    council_id = meeting.committee.council_id
    if request.method == "POST":
        require_manager(user, council_id)
    due = due_page(meeting, user)
    form = AddFromDueForm(bound(request), due=due) if can_manage_council(user, council_id) else None
    bound_valid = form is not None and form.is_bound and form.is_valid()
    if bound_valid and (response := _add_from_due(request, meeting, form)):
        return response
    return render(
        request,
        "scrutiny/meeting_due.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "due": due,
            "form": form,
            "error_links": error_links(form, non_field_anchor=form.first_anchor) if form else [],
        },
    )


@require_safe
def committee_work_programme(request, pk: int):
    """A committee's meetings still to come, each with its agenda so far and what first
    falls due at it, and what is not yet placed at a meeting. Public, like the committee's
    page; exempt items and actions, and draft reviews, only for those allowed."""
    user = request.user
    committee = get_object_or_404(Committee.objects.select_related("council"), pk=pk)
    return render(
        request,
        "scrutiny/committee_work_programme.html",
        {
            "committee": committee,
            "programme": programme_page(committee, user),
            "today": timezone.localdate(),
            "can_manage": can_manage_council(user, committee.council_id),
        },
    )

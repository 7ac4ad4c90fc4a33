"""Meetings, their agenda items and the actions they agree."""

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from scrutiny.common.pages import save_form_page
from scrutiny.forms import AgendaItemForm, AgreedActionForm, MeetingForm
from scrutiny.models import AgendaItem, AgreedAction, Committee, Meeting
from scrutiny.permissions import can_manage_council
from scrutiny.selectors.meetings import meeting_page
from scrutiny.views._common import bound_or_kept, meeting_for_change, require_manager


@require_safe
def meeting_detail(request, pk: int):
    """A meeting as it happened: its agenda (exempt items shown only to those allowed, to
    others only as "exempt item"), what was reported at each item, each tracked review's
    recommendations as they stood at the meeting with the change since the committee's
    previous meeting, decisions referred to it, and what it agreed, followed to delivery."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee__council"), pk=pk)
    return render(
        request,
        "scrutiny/meeting_detail.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            **meeting_page(meeting, request.user),
            "can_manage": can_manage_council(request.user, meeting.committee.council_id),
            # Updates are recorded at items of meetings that took place.
            "held": not meeting.cancelled and meeting.date <= timezone.localdate(),
        },
    )


@login_required
def meeting_create(request, pk: int):
    committee = get_object_or_404(Committee.objects.select_related("council"), pk=pk)
    require_manager(request.user, committee.council_id)
    form = MeetingForm(
        bound_or_kept(request), instance=Meeting(committee=committee), committee=committee
    )
    return save_form_page(
        request,
        form,
        "scrutiny/meeting_form.html",
        {"committee": committee, "meeting": None},
        lambda obj: gettext("Meeting added: %(meeting)s") % {"meeting": obj},
        another_url=request.path,
    )


@login_required
def meeting_edit(request, pk: int):
    meeting = meeting_for_change(pk)
    require_manager(request.user, meeting.committee.council_id)
    form = MeetingForm(bound_or_kept(request), instance=meeting, committee=meeting.committee)
    return save_form_page(
        request,
        form,
        "scrutiny/meeting_form.html",
        {"committee": meeting.committee, "meeting": meeting},
        lambda obj: gettext("Meeting saved: %(meeting)s") % {"meeting": obj},
    )


def _meeting_part_page(request, form_class, part, *, name: str, message, **form_kwargs):
    """Add or edit ``part``, an agenda item or agreed action of its meeting, on the page
    scrutiny/<model>_form.html; only the council's democratic services (and admins) may."""
    meeting = part.meeting
    require_manager(request.user, meeting.committee.council_id)
    form = form_class(bound_or_kept(request), instance=part, meeting=meeting, **form_kwargs)
    return save_form_page(
        request,
        form,
        f"scrutiny/{part._meta.model_name}_form.html",
        {"meeting": meeting, name: part if part.pk else None},
        message,
        another_url=None if part.pk else request.path,
    )


@login_required
def item_create(request, pk: int):
    meeting = meeting_for_change(pk)
    next_number = (meeting.items.aggregate(n=Max("number"))["n"] or 0) + 1
    return _meeting_part_page(
        request,
        AgendaItemForm,
        AgendaItem(meeting=meeting),
        name="item",
        message=lambda obj: gettext("%(item)s added to the agenda") % {"item": obj},
        initial={"number": next_number},
    )


@login_required
def item_edit(request, pk: int):
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__committee__council"), pk=pk
    )
    return _meeting_part_page(
        request,
        AgendaItemForm,
        item,
        name="item",
        message=lambda obj: gettext("%(item)s saved") % {"item": obj},
    )


@login_required
def action_create(request, pk: int):
    meeting = meeting_for_change(pk)
    return _meeting_part_page(
        request,
        AgreedActionForm,
        AgreedAction(meeting=meeting),
        name="action",
        message=lambda obj: gettext("Agreed action added: %(action)s") % {"action": obj},
    )


@login_required
def action_edit(request, pk: int):
    action = get_object_or_404(
        AgreedAction.objects.select_related("meeting__committee__council"), pk=pk
    )
    return _meeting_part_page(
        request,
        AgreedActionForm,
        action,
        name="action",
        message=lambda obj: gettext("Agreed action saved"),
    )

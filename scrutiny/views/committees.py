"""Committees: the list, a committee's page, and adding or changing one."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from scrutiny.common.pages import refuse, save_form_page
from scrutiny.exports.actions import action_sheet
from scrutiny.exports.recommendations import recommendation_sheet
from scrutiny.exports.tables import download
from scrutiny.forms import CommitteeForm
from scrutiny.models import Committee
from scrutiny.permissions import can_add_committee, can_manage_council
from scrutiny.selectors.committees import (
    committee_page,
    committee_recommendations,
    committees_with_next_meeting,
    outstanding_actions,
)
from scrutiny.selectors.trackers import tracked_among
from scrutiny.views._common import bound_or_kept, require_manager


@require_safe
def committee_list(request):
    """Every committee, grouped by council, with its next meeting."""
    return render(
        request,
        "scrutiny/committee_list.html",
        {
            "committees": committees_with_next_meeting(timezone.localdate()),
            "can_create": can_add_committee(request.user),
        },
    )


@require_safe
def committee_detail(request, pk: int):
    """A committee's page is public; its draft reviews and exempt business are not."""
    user = request.user
    committee = get_object_or_404(Committee.objects.select_related("council"), pk=pk)
    return render(
        request,
        "scrutiny/committee_detail.html",
        {
            "committee": committee,
            **committee_page(committee, user, timezone.localdate()),
            "can_manage": can_manage_council(user, committee.council_id),
        },
    )


@require_safe
def committee_recommendations_download(request, pk: int, kind: str):
    """The recommendations of the committee's reviews the user may see, as a file (``kind``
    "csv" or "xlsx") in the tracker's columns, up to ``EXPORT_MAX_ROWS``."""
    committee = get_object_or_404(Committee.objects.select_related("council"), pk=pk)
    today = timezone.localdate()
    chosen = committee_recommendations(committee, request.user)
    rows = tracked_among(chosen, user=request.user, as_at=today, limit=settings.EXPORT_MAX_ROWS)
    title = gettext("%(committee)s: recommendations") % {"committee": committee.name}
    sheet = recommendation_sheet(title, rows, today, subject=committee.council.name)
    return download(sheet, kind, f"{slugify(committee.name)}-recommendations-{today}")


@require_safe
def committee_actions_download(request, pk: int, kind: str):
    """The committee's outstanding agreed actions, as its page lists them, as a file."""
    committee = get_object_or_404(Committee.objects.select_related("council"), pk=pk)
    today = timezone.localdate()
    actions = outstanding_actions(committee, request.user, today)[: settings.EXPORT_MAX_ROWS]
    title = gettext("%(committee)s: outstanding agreed actions") % {"committee": committee.name}
    return download(
        action_sheet(title, actions), kind, f"{slugify(committee.name)}-actions-{today}"
    )


def _why_not_add_committee(user) -> str:
    if user.is_democratic_services and user.organisation and not user.organisation.is_council:
        return gettext(
            "Committees belong to a council, and %(organisation)s is not one. Democratic "
            "services of the council whose committee it is can add it."
        ) % {"organisation": user.organisation}
    return gettext("Only democratic services can add committees.")


@login_required
def committee_create(request):
    if not can_add_committee(request.user):
        refuse(request.user, _why_not_add_committee(request.user))
    form = CommitteeForm(bound_or_kept(request), user=request.user)
    return save_form_page(
        request,
        form,
        "scrutiny/committee_form.html",
        {"committee": None},
        lambda obj: gettext("%(committee)s added") % {"committee": obj},
    )


@login_required
def committee_edit(request, pk: int):
    committee = get_object_or_404(Committee.objects.select_related("council"), pk=pk)
    require_manager(request.user, committee.council_id)
    form = CommitteeForm(bound_or_kept(request), instance=committee, user=request.user)
    return save_form_page(
        request,
        form,
        "scrutiny/committee_form.html",
        {"committee": committee},
        lambda obj: gettext("%(committee)s saved") % {"committee": obj},
    )

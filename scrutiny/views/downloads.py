"""The meeting cycle's lists and the review list as files (``kind`` "csv" or "xlsx"): each
holds what its page shows the reader, with the page's filters, and no more; each read in a
fixed number of queries however many rows."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from scrutiny.exports.actions import action_sheet
from scrutiny.exports.directory import committee_sheet
from scrutiny.exports.lists import (
    decision_sheet,
    due_sheet,
    owed_sheet,
    programme_sheet,
    review_sheet,
)
from scrutiny.exports.tables import download
from scrutiny.forms import ReviewFilterForm
from scrutiny.models import Committee, Meeting, Review
from scrutiny.selectors.committees import committees_with_next_meeting
from scrutiny.selectors.decisions import decisions_for_list, points_prefetch
from scrutiny.selectors.due import due_page, programme_page
from scrutiny.selectors.meetings import meeting_actions
from scrutiny.selectors.owed import updates_owed
from scrutiny.selectors.reviews import review_rows


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("committee__council"), pk=pk)


def _named(meeting: Meeting, what: str) -> str:
    return f"{slugify(meeting.committee.name)}-{meeting.date}-{what}"


@require_safe
def meeting_actions_download(request, pk: int, kind: str):
    """The actions the meeting agreed, placed, received or delivered, as its page lists them."""
    meeting = _meeting(pk)
    actions = meeting_actions(meeting, request.user)[: settings.EXPORT_MAX_ROWS]
    title = gettext("Agreed actions, meeting of %(date)s") % {
        "date": formats.date_format(meeting.date)
    }
    return download(action_sheet(title, actions), kind, _named(meeting, "actions"))


@require_safe
def meeting_due_download(request, pk: int, kind: str):
    """What falls to the meeting, as its due page lists it (anyone may read it)."""
    meeting = _meeting(pk)
    title = gettext("Due at the meeting of %(date)s") % {"date": formats.date_format(meeting.date)}
    sheet = due_sheet(title, due_page(meeting, request.user))
    return download(sheet, kind, _named(meeting, "due"))


@require_safe
def committee_work_programme_download(request, pk: int, kind: str):
    """The committee's work programme, as its page lists what falls due."""
    committee = get_object_or_404(Committee.objects.select_related("council"), pk=pk)
    title = gettext("%(committee)s's work programme") % {"committee": committee.name}
    sheet = programme_sheet(title, programme_page(committee, request.user))
    today = timezone.localdate()
    return download(sheet, kind, f"{slugify(committee.name)}-work-programme-{today}")


@login_required
@require_safe
def update_owed_download(request, kind: str):
    """Every progress update the signed-in user owes, soonest due first (every page)."""
    owed = updates_owed(request.user)[: settings.EXPORT_MAX_ROWS]
    sheet = owed_sheet(gettext("Updates you owe"), owed)
    return download(sheet, kind, f"updates-owed-{timezone.localdate()}")


@require_safe
def review_list_download(request, kind: str):
    """The reviews the user may see, filtered as the list is."""
    user = request.user
    visible = Review.objects.visible_to(user)
    filters = ReviewFilterForm(request.GET or None, reviews=visible)
    reviews = review_rows(filters.apply(visible), user, timezone.localdate())
    sheet = review_sheet(gettext("Scrutiny reviews"), reviews[: settings.EXPORT_MAX_ROWS])
    return download(sheet, kind, f"reviews-{timezone.localdate()}")


@require_safe
def decision_list_download(request, kind: str):
    """The executive decisions the user may see (none considered at an exempt item they may
    not see), newest first, with their resolutions and reasons."""
    decisions = decisions_for_list(request.user).prefetch_related(points_prefetch())
    title = gettext("Executive decisions referred to scrutiny")
    sheet = decision_sheet(title, decisions[: settings.EXPORT_MAX_ROWS])
    return download(sheet, kind, f"decisions-{timezone.localdate()}")


@require_safe
def committee_list_download(request, kind: str):
    """Every committee, by council, with its kind, its Chair and its next meeting."""
    today = timezone.localdate()
    committees = committees_with_next_meeting(today)[: settings.EXPORT_MAX_ROWS]
    sheet = committee_sheet(gettext("Committees"), committees)
    return download(sheet, kind, f"committees-{today}")

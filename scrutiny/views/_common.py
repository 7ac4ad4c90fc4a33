"""Helpers the scrutiny views share."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from scrutiny.common.kept import posted_or_kept
from scrutiny.common.pages import refuse
from scrutiny.models import Meeting
from scrutiny.permissions import can_manage_council


def bound(request) -> dict | None:
    """The posted data to bind a form to, or None on a GET."""
    return request.POST if request.method == "POST" else None


def bound_or_kept(request) -> dict | None:
    """The posted data to bind a form to; on the GET after signing in again, what was typed
    before the session ended (``scrutiny.common.kept``); else None. Only for a page that
    saves on a POST alone."""
    return posted_or_kept(request)


def require_manager(user, council_id: int) -> None:
    """Only democratic services of the council (and administrators) change its business:
    others are refused (``scrutiny.common.pages.refuse``: anonymous visitors sign in)."""
    if not can_manage_council(user, council_id):
        refuse(user, gettext("Only the council's democratic services can change this."))


def meeting_for_change(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("committee__council"), pk=pk)


def file_response(content: bytes, content_type: str, filename: str, *, private: bool):
    """A file shown in the browser (inline), kept out of shared caches when ``private``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        # Exempt information must not sit in shared caches.
        response["Cache-Control"] = "private, no-store"
    return response

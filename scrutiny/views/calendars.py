"""iCalendar feeds: a committee's meetings (public), and a user's due progress updates
(found by the secret token in its address, since calendar apps cannot sign in; a token
that is not a user's current one is a 404)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from partnerships.models import User
from scrutiny.common.feed_tokens import feed_user_id, token_is_for
from scrutiny.exports.calendars import CONTENT_TYPE, meetings_calendar, owed_calendar
from scrutiny.models import Committee
from scrutiny.selectors.owed import updates_owed


def _ics(request, body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


@require_safe
def committee_meetings_ics(request, pk: int):
    """Every meeting of the committee, past and to come: meetings are public."""
    committee = get_object_or_404(Committee, pk=pk)
    meetings = committee.meetings.order_by("date", "start_time")
    body = meetings_calendar(
        committee,
        meetings,
        request.get_host(),
        lambda m: request.build_absolute_uri(m.get_absolute_url()),
    )
    return _ics(request, body, f"committee-{pk}-meetings")


@require_safe
def update_owed_ics(request, token: str):
    """The progress updates the token's user owes, as their updates-owed page lists them."""
    pk = feed_user_id(token)
    user = User.objects.filter(pk=pk, is_active=True).first() if pk else None
    if user is None or not token_is_for(user, token):
        raise Http404("No such calendar.")
    owed = updates_owed(user)
    body = owed_calendar(
        owed, request.get_host(), lambda r: request.build_absolute_uri(r.get_absolute_url())
    )
    return _ics(request, body, "updates-owed")

"""Keeping a signed-in session alive while a page is open (the GOV.UK timeout warning)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_POST


@require_POST
@login_required
def session_keep_alive(request):
    """Someone signed in pressed "Stay signed in" on the warning that their session is about
    to end: save the session now, so that its idle limit counts from now. The limit since
    signing in (``SESSION_ABSOLUTE_AGE``) still holds."""
    request.session.modified = True
    # No Content: the page that asked stays as it is.
    return HttpResponse(status=204)

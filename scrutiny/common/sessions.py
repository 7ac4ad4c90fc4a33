"""How long a signed-in session lasts, and ending every session of a deactivated account.

A session ends after ``SESSION_COOKIE_AGE`` seconds without a request (Django, with
``SESSION_SAVE_EVERY_REQUEST``, saved at most once every ``SESSION_SAVE_INTERVAL`` seconds
by the SessionMiddleware below), and in any case ``SESSION_ABSOLUTE_AGE`` seconds after
signing in (SessionAbsoluteAgeMiddleware), so a stolen or forgotten session cannot be kept
alive by use.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.contrib.sessions.models import Session
from django.core import checks
from django.core.checks.security import sessions as session_checks
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import ngettext

from scrutiny.common.security import security_log

# The session key holding when its user signed in (seconds since the epoch).
SIGNED_IN_AT = "signed_in_at"
# The session key holding when the session was last saved (seconds since the epoch).
SAVED_AT = "saved_at"


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, but an unchanged session is saved again (pushing its idle expiry and its
    cookie on) only once ``SESSION_SAVE_INTERVAL`` seconds have passed since its last save.

    ``SESSION_SAVE_EVERY_REQUEST`` alone writes the session row on every signed-in request,
    which cut a trivial page's throughput from about 1,100 to 57 requests a second (issue
    17). The idle limit then counts from the last save, at most a minute before the latest
    request. A changed session is saved at once, as before.
    """

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is None or not settings.SESSION_SAVE_EVERY_REQUEST or session.modified:
            self._stamp(session)
            return super().process_response(request, response)
        saved_at = session.get(SAVED_AT)  # loads the session, as saving it would
        if saved_at is not None and time.time() - saved_at < settings.SESSION_SAVE_INTERVAL:
            patch_vary_headers(response, ("Cookie",))
            return response
        self._stamp(session)
        return super().process_response(request, response)

    @staticmethod
    def _stamp(session) -> None:
        # Never into an empty session: that would turn a deleted (or never saved) one into a
        # new row.
        if session is not None and not session.is_empty():
            session[SAVED_AT] = int(time.time())


@checks.register(checks.Tags.security, deploy=True)
def check_session_cookie_flags(app_configs, **kwargs):
    """Django's deploy checks of the session cookie's Secure and HttpOnly flags look for
    its own SessionMiddleware by name: the same warnings for ours, which stands in its
    place."""
    if f"{__name__}.SessionMiddleware" not in settings.MIDDLEWARE:
        return []
    installed = "django.contrib.sessions" in settings.INSTALLED_APPS
    found = []
    if not settings.SESSION_COOKIE_SECURE:
        found.append(session_checks.W012 if installed else session_checks.W011)
    if not settings.SESSION_COOKIE_HTTPONLY:
        found.append(session_checks.W015 if installed else session_checks.W014)
    return found


@receiver(user_logged_in, dispatch_uid="session_signed_in_at")
def stamp_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


class SessionAbsoluteAgeMiddleware:
    """End a signed-in session ``SESSION_ABSOLUTE_AGE`` seconds after its sign-in, however
    busy it has been since; the request goes on as a visitor who is not signed in, and the
    page says why.

    A signed-in session without a sign-in time did not start at our sign-in (or predates
    this rule), so it ends too. Goes after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            age = None if signed_in_at is None else time.time() - signed_in_at
            if age is None or age > settings.SESSION_ABSOLUTE_AGE:
                username = request.user.get_username()
                request.session.flush()
                request.user = AnonymousUser()
                security_log("sign_out", request, user=username, outcome="session_limit")
                hours = settings.SESSION_ABSOLUTE_AGE // 3600
                messages.info(
                    request,
                    ngettext(
                        "You have been signed out because you signed in more than %(hours)s "
                        "hour ago. Sign in again to carry on.",
                        "You have been signed out because you signed in more than %(hours)s "
                        "hours ago. Sign in again to carry on.",
                        hours,
                    )
                    % {"hours": hours},
                    fail_silently=True,
                )
        return self.get_response(request)


def sessions_end_for(user_pk, *, keep: str | None = None) -> int:
    """Delete every unexpired session signed in as the user ``user_pk`` but the one whose
    key is ``keep``; how many.

    Sessions do not record their user in a column, so each unexpired one is decoded: a
    council has a few hundred at most, and this runs only when an account is deactivated
    or turns on two-factor sign-in.
    """
    user_pk = str(user_pk)
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_pk and session.pk != keep
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="end_sessions_when_inactive")
def end_sessions_of_inactive_user(sender, instance, **kwargs):
    """An account made inactive (in the admin or anywhere else that saves it) is signed out
    everywhere at once. An old cookie would be refused anyway, since Django's ModelBackend
    never hands an inactive user to a request; deleting the rows makes that certain."""
    if not instance.is_active:
        sessions_end_for(instance.pk)

"""A session that signed in without its second factor reaches nothing until it gives it."""

from __future__ import annotations

from django.contrib.auth import logout
from django.shortcuts import redirect

from partnerships.services.two_factor import OWED_SESSION_KEY
from scrutiny.common.pages import to_sign_in

# What someone who must set up two-factor sign-in may still reach meanwhile.
ALLOWED_BEFORE_SET_UP = {"two-factor-set-up", "two-factor-recovery-codes", "logout"}


class TwoFactorMiddleware:
    """Reads what the session still owes (set when it signed in, partnerships.signals).

    - "code": it signed in some other way than the code page (which every sign-in of a
      person with an authenticator app must pass): it is ended, and sent to sign in.
    - "set-up": democratic services or an administrator without an authenticator app while
      TWO_FACTOR_REQUIRED is on: every page but the set-up (and signing out) sends them there.

    Nothing is read from the database: the answer was worked out once, at sign-in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        owed = request.session.get(OWED_SESSION_KEY)
        if owed is None:
            return None
        if owed == "code":
            logout(request)
            return to_sign_in(request.get_full_path())
        if request.resolver_match.view_name in ALLOWED_BEFORE_SET_UP:
            return None
        return redirect("two-factor-set-up")

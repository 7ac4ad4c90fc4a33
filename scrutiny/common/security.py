"""Who is asking, and a record of sign-ins, sign-outs and refusals.

Every security event is one JSON line on the ``scrutiny.security`` logger with the same
fields: ``event``, ``time`` (UTC, ISO 8601), ``user`` (the username, the one typed for a
failed sign-in, or null), ``address`` (the client address below, the one django-axes counts
failures against), ``url_name`` (the view's name in the URLconf) and ``outcome``. The lines
never carry passwords, session keys, CSRF tokens or query strings, which could carry tokens.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, datetime

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import Resolver404, resolve

logger = logging.getLogger("scrutiny.security")

# Long enough for any real username; a typed one is cut to this so a hostile "username"
# cannot fill the log.
USERNAME_LOG_LIMIT = 150


def client_address(request) -> str | None:
    """The address of the computer asking.

    REMOTE_ADDR unless ``settings.TRUSTED_PROXY_COUNT`` says how many proxies of ours stand
    in front of the app: then the address the outermost of them saw, which it wrote into
    X-Forwarded-For. Entries to the left of that were written by whoever sent the request and
    are never believed, so forging the header cannot change the address (and so cannot
    dodge django-axes' count of failures, nor put a false address in the log).
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def axes_username(request, credentials=None) -> str | None:
    """The username django-axes counts failures under: the one typed, cut to the longest a
    username can be. A longer one names no account, and uncut it would overflow axes' own
    column (a server error on PostgreSQL) instead of being refused like any wrong name."""
    field = get_user_model().USERNAME_FIELD
    if credentials:
        username = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        username = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if username is None:
        return None
    return str(username)[: get_user_model()._meta.get_field(field).max_length]


def _url_name(request) -> str | None:
    """The view's name; for an event before URL resolution (in a middleware), resolved
    here; null for a path that names no view."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
    return match.view_name


def security_log(event: str, request, *, user: str | None, outcome: str) -> None:
    """Write one security event as a JSON line (the fields are in the module docstring)."""
    if user is not None:
        user = str(user)[:USERNAME_LOG_LIMIT]
    record = {
        "event": event,
        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "user": user,
        "address": client_address(request) if request is not None else None,
        "url_name": _url_name(request) if request is not None else None,
        "outcome": outcome,
    }
    logger.info(json.dumps(record, ensure_ascii=False))


def _username(user) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    return user.get_username()


@receiver(user_logged_in, dispatch_uid="security_log_sign_in")
def log_sign_in(sender, request, user, **kwargs):
    security_log("sign_in", request, user=_username(user), outcome="success")


@receiver(user_login_failed, dispatch_uid="security_log_sign_in_failed")
def log_sign_in_failed(sender, credentials, request=None, **kwargs):
    """A refused sign-in, with the username typed (Django has already masked the password,
    and only the username is taken from the credentials anyway). ``locked`` when
    django-axes refused it because the username is locked, whatever the password;
    ``wrong_code`` for a wrong two-factor code after the right password."""
    locked = getattr(request, "axes_locked_out", False)
    # A wrong two-factor code is sent as a failed sign-in marked "second_factor".
    wrong = "wrong_code" if credentials.get("second_factor") else "wrong_credentials"
    security_log(
        "sign_in_failed",
        request,
        user=credentials.get("username"),
        outcome="locked" if locked else wrong,
    )


@receiver(user_locked_out, dispatch_uid="security_log_lockout")
def log_lockout(sender, request, username, **kwargs):
    """The moment a username becomes locked. django-axes sends the same signal again for
    every try while locked; those are logged as failed sign-ins (outcome ``locked``), told
    apart here by the failure count axes sets only when it has just counted a failure."""
    if getattr(request, "axes_failures_since_start", None) is None:
        return
    security_log("lockout", request, user=username, outcome="locked")


@receiver(user_logged_out, dispatch_uid="security_log_sign_out")
def log_sign_out(sender, request, user, **kwargs):
    security_log("sign_out", request, user=_username(user), outcome="success")


class RefusedAccessLogMiddleware:
    """Log every 403: a view refusing someone (PermissionDenied, turned into the 403 page
    by Django) or a failed CSRF check (marked by ``csrf_failure`` below).

    It sits outside CsrfViewMiddleware so that it sees that middleware's refusals too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            outcome = "csrf_failed" if getattr(request, "csrf_failed", False) else "forbidden"
            user = getattr(request, "user", None)
            security_log("access_refused", request, user=_username(user), outcome=outcome)
        return response


def csrf_failure(request, reason=""):
    """The page for a form sent without a valid CSRF token: usually a form left open
    until its session ended, so it says to go back, reload and try again.

    Rendered with the request (unlike Django's own), so the page has the house layout and
    the CSP nonce. The reason is not shown: it helps no one but an attacker.
    """
    request.csrf_failed = True
    return render(request, "403_csrf.html", status=403)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response: the same page and status (429) for every locked
    username, real or not, so the page says nothing about which accounts exist."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


class PrivateForSignedInMiddleware:
    """Every response to a signed-in user says ``Cache-Control: private, no-store`` unless
    its view chose its own caching: what they read may be exempt, a draft or their own
    (a shared cache, or the browser's back button on a shared computer, must not keep it).
    Anonymous visitors' pages are public business and left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response


# Password reset emails: at most this many to one address in one hour (a fixed window in the
# shared cache, so every node counts together), so the reset form cannot flood a mailbox.
RESET_EMAILS_PER_HOUR = 3
_RESET_WINDOW_SECONDS = 60 * 60


def reset_email_allowed(address: str, purpose: str = "password-reset") -> bool:
    """True, and counted, if one more reset email may go to ``address`` this hour; false
    once RESET_EMAILS_PER_HOUR have gone. Case is ignored: it is one mailbox. Another
    ``purpose`` (a follow's confirmation) has the same limit, counted on its own."""
    key = f"{purpose}-emails:" + hashlib.sha256(address.casefold().encode()).hexdigest()
    # add() starts the window only if none is open; incr() counts within it.
    cache.add(key, 0, _RESET_WINDOW_SECONDS)
    try:
        sent = cache.incr(key)
    except ValueError:  # the window closed between add() and incr()
        cache.add(key, 1, _RESET_WINDOW_SECONDS)
        sent = 1
    return sent <= RESET_EMAILS_PER_HOUR

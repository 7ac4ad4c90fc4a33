"""Nothing typed is lost to a session that ended: a form sent after the session expired
(30 minutes without a request, or the 8 hours since sign-in) is kept while its author
signs in again, then shown again filled in, to check and save. Nor to a record deleted
while its form was open: the answer (404, or 403 when the sender may no longer change it)
shows what was typed, to copy.

A POST from a visitor who is not signed in, answered by the way to the sign-in page, is
kept server-side: signed, in the cache for ``KEEP_FOR`` seconds, under a random key held
in the visitor's (new) session and never in the URL. After signing in, the first GET of
the same page binds its form to what was kept (``posted_or_kept``), with a notice; nothing
is saved until the person sends the form again, so they see it first. Files are not kept
(a browser cannot be given them back).
"""

from __future__ import annotations

import re
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import render, resolve_url
from django.utils.translation import gettext

# The session key naming what was kept: {"key": random key, "path": the form's page}.
SESSION_KEY = "kept_form"
# Long enough to find a forgotten password; short enough not to hold what was typed for long.
KEEP_FOR = 60 * 60
_SALT = "scrutiny.common.kept"
_NOT_KEPT = {"csrfmiddlewaretoken"}
# Sent by the page, not typed: tokens, versions, ids, dates' parts and choices' codes.
_NOT_TYPED_NAMES = {"csrfmiddlewaretoken", "version", "form_token", "next"}
_NOT_TYPED = re.compile(r"[0-9:]*|[a-z_]+")
_ITEM = re.compile(r"item-(\d+)-")


def _secret(name: str) -> bool:
    # Passwords are never kept, nor shown back.
    return "password" in name.lower()


def _cache_key(key: str) -> str:
    return f"kept-form:{key}"


def _sends_to_sign_in(response) -> bool:
    if response.status_code not in (301, 302, 303) or "Location" not in response:
        return False
    return urlsplit(response["Location"]).path == resolve_url(settings.LOGIN_URL)


def keep(request) -> None:
    """Keep what ``request`` posted for its author to find after signing in."""
    key = secrets.token_urlsafe(24)
    posted = [
        (name, values)
        for name, values in request.POST.lists()
        if name not in _NOT_KEPT and not _secret(name)
    ]
    value = signing.dumps({"path": request.path, "posted": posted}, salt=_SALT, compress=True)
    cache.set(_cache_key(key), value, KEEP_FOR)
    request.session[SESSION_KEY] = {"key": key, "path": request.path}


def take_back(request) -> QueryDict | None:
    """What was kept for the page ``request`` asks for, taken out of the store (shown
    once); None when nothing was, or it expired, or it was tampered with."""
    kept = request.session.get(SESSION_KEY)
    if not isinstance(kept, dict) or kept.get("path") != request.path:
        return None
    del request.session[SESSION_KEY]
    value = cache.get(_cache_key(kept.get("key", "")))
    cache.delete(_cache_key(kept.get("key", "")))
    try:
        found = signing.loads(value or "", salt=_SALT, max_age=KEEP_FOR)
    except signing.BadSignature:
        return None
    if found.get("path") != request.path:
        return None
    data = QueryDict(mutable=True)
    for name, values in found["posted"]:
        data.setlist(name, values)
    data._mutable = False
    return data


def _label(name: str) -> str:
    words = name.rsplit("-", 1)[-1].replace("_", " ")
    item = _ITEM.match(name)
    if item:
        return gettext("Item %(number)s: %(field)s") % {"number": item[1], "field": words}
    return words.capitalize()


def typed_values(data) -> list[tuple[str, str]]:
    """What a person typed into the form ``data`` sent, labelled by field, in form order."""
    typed = []
    for name, values in data.lists():
        if name in _NOT_TYPED_NAMES or name.endswith("-version") or _secret(name):
            continue
        typed += [(_label(name), v) for v in values if not _NOT_TYPED.fullmatch(v.strip())]
    return typed


def nothing_saved_response(request, exception):
    """The page for a form sent to a record deleted meanwhile, or that its sender may no
    longer change: nothing was saved, and what they typed, to copy."""
    gone = isinstance(exception, Http404)
    refused = "" if gone else str(exception)
    return render(
        request,
        "nothing_saved.html",
        {"gone": gone, "refused": refused, "typed": typed_values(request.POST)},
        status=404 if gone else 403,
    )


class KeepTypedAcrossSignInMiddleware:
    """Keeps a form sent by a visitor whose session ended (``keep``), and gives it back to
    the page after they sign in (``request.kept_form``, read through ``posted_or_kept``);
    answers a form sent to a record gone or refused with what was typed
    (``nothing_saved_response``). Goes after the authentication, messages and session age
    middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.kept_form = None
        if request.method == "GET" and request.user.is_authenticated:
            request.kept_form = take_back(request)
        response = self.get_response(request)
        if (
            request.method == "POST"
            and not request.user.is_authenticated
            and _sends_to_sign_in(response)
        ):
            keep(request)
        return response

    def process_exception(self, request, exception):
        # Only for a signed-in sender: a visitor is sent to sign in, keeping what they
        # typed (above). The page echoes only what they sent, so says nothing of whether
        # the record exists.
        if (
            request.method == "POST"
            and request.user.is_authenticated
            and isinstance(exception, Http404 | PermissionDenied)
            and typed_values(request.POST)
        ):
            return nothing_saved_response(request, exception)
        return None


def posted_or_kept(request):
    """The data to bind the page's form to: what was posted; on the GET after signing in
    again, what was typed before (with a notice); else None. A view using it saves only on
    a POST, so that what was kept is checked before it is sent again."""
    if request.method == "POST":
        return request.POST
    kept = getattr(request, "kept_form", None)
    if kept is not None and not getattr(request, "kept_form_announced", False):
        request.kept_form_announced = True
        messages.info(
            request,
            gettext(
                "We kept what you typed while you signed in again. Nothing has been saved "
                "yet: check it and save."
            ),
        )
    return kept

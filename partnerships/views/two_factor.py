"""Two-factor sign-in: the code asked for after the password, and the pages where people
set up, look after and remove their authenticator app and recovery codes.

A person with an authenticator app is not signed in by their password: the sign-in page
remembers them in the session for PENDING_SECONDS and sends them to the code page, which
signs them in only when the code is right. Every wrong code counts in django-axes' failures
for the username, with wrong passwords, and is in the security log.
"""

from __future__ import annotations

import time
from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from django_otp.plugins.otp_static.models import StaticDevice

from partnerships.forms import (
    SignInForm,
    remove_code_form,
    set_up_code_form,
    sign_in_code_form,
)
from partnerships.services.two_factor import (
    NEW_KEY_SESSION_KEY,
    OWED_SESSION_KEY,
    authenticator_confirm,
    authenticator_for_key,
    authenticator_of,
    has_two_factor,
    new_authenticator_key,
    recovery_codes_left,
    recovery_codes_replace,
    two_factor_code_check,
    two_factor_remove,
    two_factor_required,
)
from scrutiny.common.pages import to_sign_in
from scrutiny.common.security import locked_out, security_log
from scrutiny.common.sessions import sessions_end_for

PENDING_SESSION_KEY = "two_factor_pending"
SHOW_CODES_SESSION_KEY = "two_factor_new_recovery_codes"
# How long after the right password the code may be given.
PENDING_SECONDS = 5 * 60


class SignIn(auth_views.LoginView):
    """Django's sign-in page; for someone with an authenticator app, the first step."""

    template_name = "registration/login.html"
    authentication_form = SignInForm

    def form_valid(self, form):
        user = form.get_user()
        if not has_two_factor(user):
            return super().form_valid(form)
        self.request.session[PENDING_SESSION_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": int(time.time()),
        }
        url = reverse("login-code")
        if next_url := self.get_redirect_url():
            url += "?" + urlencode({"next": next_url})
        return redirect(url)


def _pending_user(request):
    """The person who gave the right password in this session a moment ago, if any."""
    pending = request.session.get(PENDING_SESSION_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
    if user is not None:
        user.backend = pending["backend"]
    return user


def _safe_next(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if allowed else ""


def _checked(request, user, form):
    """The device that accepts the form's code, or None with the form's error set; a wrong
    code is a failed sign-in for django-axes (which may lock the username) and the log."""
    device = two_factor_code_check(user=user, code=form.cleaned_data["code"])
    if device is None:
        credentials = {"username": user.get_username(), "second_factor": True}
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        form.refuse(
            gettext("The code is not right. Enter the code your authenticator app shows now")
        )
    return device


def _is_locked(request, user) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": user.get_username()})


def sign_in_code(request):
    """The second step of signing in: a code from the authenticator app or a recovery code."""
    user, next_url = _pending_user(request), _safe_next(request)
    if user is None:
        return to_sign_in(next_url)
    if _is_locked(request, user):
        security_log("sign_in_failed", request, user=user.get_username(), outcome="locked")
        return locked_out(request)
    form = sign_in_code_form(request.POST if request.method == "POST" else None)
    if form.is_valid() and (device := _checked(request, user, form)) is not None:
        del request.session[PENDING_SESSION_KEY]
        # Read by partnerships.signals: this sign-in has given its second factor.
        request.two_factor_device = device
        auth_login(request, user, user.backend)
        django_otp.login(request, device)
        if isinstance(device, StaticDevice):
            left = recovery_codes_left(user)
            messages.warning(
                request,
                gettext("You used a recovery code. You have %(left)s left.") % {"left": left},
            )
        return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
    return render(request, "registration/login_code.html", {"form": form, "next": next_url})


@login_required
@require_GET
def two_factor_overview(request):
    """Whether the person has two-factor sign-in, and the ways to change it."""
    context = {
        "device": authenticator_of(request.user),
        "codes_left": recovery_codes_left(request.user),
        "required": two_factor_required(request.user),
    }
    return render(request, "registration/two_factor.html", context)


def _qr_svg(url: str) -> str:
    """The set-up link as an inline SVG QR code, drawn here (nothing is fetched)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    # A picture with a name for screen readers; the secret is also given as text.
    label = gettext("QR code for your authenticator app")
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))  # noqa: S308


def _set_up_done(request, device):
    """The app is confirmed: this session counts as having given its code, every other
    one (signed in with the password alone) is ended, and the new recovery codes are shown
    once on the next page."""
    for done in (NEW_KEY_SESSION_KEY, OWED_SESSION_KEY):
        request.session.pop(done, None)
    django_otp.login(request, device)
    request.session.save()
    sessions_end_for(request.user.pk, keep=request.session.session_key)
    request.session[SHOW_CODES_SESSION_KEY] = recovery_codes_replace(user=request.user)
    security_log("two_factor_set_up", request, user=request.user.username, outcome="success")
    messages.success(request, gettext("Two-factor authentication is on."))
    return redirect("two-factor-recovery-codes")


@login_required
def two_factor_set_up(request):
    """Add an authenticator app: scan the QR code (or type the secret), then give a code."""
    if has_two_factor(request.user):
        return redirect("two-factor")
    key = request.session.setdefault(NEW_KEY_SESSION_KEY, new_authenticator_key())
    form = set_up_code_form(request.POST if request.method == "POST" else None)
    if form.is_valid():
        device = authenticator_confirm(user=request.user, key=key, code=form.cleaned_data["code"])
        if device is not None:
            return _set_up_done(request, device)
        form.refuse(gettext("The code is not right. Enter the code the app shows now"))
    device = authenticator_for_key(request.user, key)
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr": _qr_svg(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "required": two_factor_required(request.user),
    }
    return render(request, "registration/two_factor_set_up.html", context)


@login_required
def two_factor_recovery_codes(request):
    """New recovery codes (a POST), shown once on the page it leads to."""
    has_device = has_two_factor(request.user)
    if request.method == "POST":
        if not has_device:
            return redirect("two-factor")
        request.session[SHOW_CODES_SESSION_KEY] = recovery_codes_replace(user=request.user)
        security_log(
            "recovery_codes_replaced", request, user=request.user.username, outcome="success"
        )
        return redirect("two-factor-recovery-codes")
    context = {
        "has_device": has_device,
        "codes": request.session.pop(SHOW_CODES_SESSION_KEY, None),
        "codes_left": recovery_codes_left(request.user),
    }
    return render(request, "registration/two_factor_recovery_codes.html", context)


@login_required
def two_factor_remove_page(request):
    """Turn two-factor sign-in off, with a current code; not for those who must have it."""
    user, required = request.user, two_factor_required(request.user)
    has_device = has_two_factor(user)
    if request.method == "POST" and (required or not has_device):
        return redirect("two-factor")
    if _is_locked(request, user):
        return locked_out(request)
    form = remove_code_form(request.POST if request.method == "POST" else None)
    if form.is_valid() and _checked(request, user, form) is not None:
        two_factor_remove(user=user)
        security_log("two_factor_removed", request, user=user.get_username(), outcome="success")
        messages.success(request, gettext("Two-factor authentication is off."))
        return redirect("two-factor")
    context = {"form": form, "required": required, "has_device": has_device}
    return render(request, "registration/two_factor_remove.html", context)


def admin_sign_in(request, extra_context=None):
    """The Django admin's sign-in, which would take a password alone: it sends people to
    the site's own sign-in (and its code), then back to the admin."""
    return to_sign_in(_safe_next(request) or reverse("admin:index"))

"""The shape every page shares: refuse who may not use it, save a valid form and go to
what it saved, or show the form again with its errors, what was typed, and any edit
conflict."""

from __future__ import annotations

from typing import NoReturn

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from scrutiny.common.locking import EditConflict, conflict_response


class SignInFirst(PermissionDenied):
    """A refusal an anonymous visitor meets by signing in: ``SignInFirstMiddleware`` sends
    them to the sign-in page, and back to ``next_url`` (None: the page refused) after.
    Anywhere the middleware does not run it is still a PermissionDenied, a 403."""

    def __init__(self, message: str = "", next_url: str | None = None):
        super().__init__(message)
        self.next_url = next_url


def refuse(
    user, message: str = "", *, sign_in: bool = True, next_url: str | None = None
) -> NoReturn:
    """The one way a page refuses someone. Call it when a ``can_*`` function says no.

    - A signed-in user gets the 403 page saying ``message`` (PermissionDenied).
    - An anonymous visitor is sent to sign in (and back to ``next_url``, or to the page
      they asked for), since an account may be allowed; with ``sign_in=False`` they get the
      403 page too, for a page that is public but a part of it is not (the full pack).

    It raises, so it works wherever the user is at hand without the request.
    """
    if sign_in and not user.is_authenticated:
        raise SignInFirst(message, next_url)
    raise PermissionDenied(message)


def to_sign_in(next_url: str = ""):
    """The redirect to the sign-in page (and then to ``next_url``) that is a step of signing
    in, not a refusal: the password again after a second factor was not given, or the
    admin's own sign-in sent to the site's."""
    return redirect_to_login(next_url) if next_url else redirect(settings.LOGIN_URL)


class SignInFirstMiddleware:
    """Turns ``refuse``'s SignInFirst into the redirect to the sign-in page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, SignInFirst):
            return redirect_to_login(exception.next_url or request.get_full_path())
        return None


SAVED_MEANWHILE = _("Someone else changed this at the same time. Check the details and save again.")


def save_form_page(
    request,
    form,
    template: str,
    context: dict,
    message,
    *,
    clash_field: str | None = None,
    clash_message: str = SAVED_MEANWHILE,
    another_url: str | None = None,
):
    """Save a valid posted ``form``, say ``message`` ("{obj} saved", or a function of the
    saved object giving the words) and go to what it saved; otherwise show ``template``
    with the form's errors and what was typed.

    A clash another user caused since the form was checked (a number taken at the same
    moment) is ``clash_message`` on ``clash_field`` (None: the whole form), never a server
    error. A record someone else saved since the user opened it is never overwritten: the
    page comes back (409) comparing both versions, with what they typed kept
    (``scrutiny.common.locking``).

    With ``another_url``, the form's "Save and add another" button (named "another",
    ``scrutiny.common.forms.form_helper``) saves and goes there instead: an empty form,
    under the message naming what was saved."""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                obj = form.save()
        except EditConflict as conflict:
            return conflict_response(request, template, context, form, conflict)
        except IntegrityError:
            form.add_error(clash_field, clash_message)
        else:
            messages.success(
                request, message(obj) if callable(message) else message.format(obj=obj)
            )
            if another_url and "another" in request.POST:
                return redirect(another_url)
            return redirect(obj)
    return render(request, template, {"form": form, **context})

"""The shape every form page shares: refuse who may not use it, save a valid form and go to
what it saved, or show the form again with its errors, what was typed, and any edit
conflict."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from scrutiny.common.locking import EditConflict, conflict_response


def refuse(request):
    """Send an anonymous visitor to sign in; tell a signed-in one they may not."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


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
):
    """Save a valid posted ``form``, say ``message`` ("{obj} saved", or a function of the
    saved object giving the words) and go to what it saved; otherwise show ``template``
    with the form's errors and what was typed.

    A clash another user caused since the form was checked (a number taken at the same
    moment) is ``clash_message`` on ``clash_field`` (None: the whole form), never a server
    error. A record someone else saved since the user opened it is never overwritten: the
    page comes back (409) comparing both versions, with what they typed kept
    (``scrutiny.common.locking``)."""
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
            return redirect(obj)
    return render(request, template, {"form": form, **context})

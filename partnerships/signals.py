"""Signal receivers of the partnerships app, connected by ``PartnershipsConfig.ready``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import update_last_login
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext

from partnerships.services.two_factor import OWED_SESSION_KEY, two_factor_owed

# Django records each sign-in with ``user.save()``, which would write a history row of the
# account (and a copy of its roles) at every sign-in; history is for changes people make.
user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")


@receiver(user_logged_in, dispatch_uid="last_login_without_history")
def record_last_login(sender, request, user, **kwargs):
    """A sign-in sets ``last_login`` alone, and is no change in the account's history."""
    user.last_login = timezone.now()
    type(user)._base_manager.filter(pk=user.pk).update(last_login=user.last_login)


@receiver(user_logged_out)
def say_signed_out(sender, request, user, **kwargs):
    """Tell people they have signed out: Django's own LogoutView redirects without a word.

    ``fail_silently`` because the test client signs out with a bare request.
    """
    if request is not None and user is not None:
        messages.success(request, gettext("You have signed out."), fail_silently=True)


@receiver(user_logged_in, dispatch_uid="two_factor_owed")
def note_two_factor_owed(sender, request, user, **kwargs):
    """Record in the new session what it still owes of two-factor sign-in, for
    partnerships.middleware. The code page marks the request when the code was given."""
    session = getattr(request, "session", None)
    if session is None:
        return
    owed = two_factor_owed(user, code_given=getattr(request, "two_factor_device", None) is not None)
    if owed is not None:
        session[OWED_SESSION_KEY] = owed

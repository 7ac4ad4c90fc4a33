"""Signal receivers of the partnerships app, connected by ``PartnershipsConfig.ready``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver
from django.utils.translation import gettext


@receiver(user_logged_out)
def say_signed_out(sender, request, user, **kwargs):
    """Tell people they have signed out: Django's own LogoutView redirects without a word.

    ``fail_silently`` because the test client signs out with a bare request.
    """
    if request is not None and user is not None:
        messages.success(request, gettext("You have signed out."), fail_silently=True)

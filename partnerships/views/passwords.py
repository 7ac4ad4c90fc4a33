"""The pages where people reset their own password by email (Django's views and token)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from partnerships.forms import ResetPasswordForm, SetNewPasswordForm
from partnerships.services import accounts
from scrutiny.common.context_processors import service_name
from scrutiny.common.security import security_log


class PasswordResetRequest(auth_views.PasswordResetView):
    """Django's reset-password page; the request is logged without saying whether the
    address has an account (the log is read by people who must not learn that either)."""

    form_class = ResetPasswordForm
    email_template_name = "registration/password_reset_email.txt"
    html_email_template_name = "registration/password_reset_email.html"

    def form_valid(self, form):
        security_log("password_reset_requested", self.request, user=None, outcome="requested")
        # The email is written in the language of the page it was asked for from.
        self.extra_email_context = {"service_name": service_name()}
        response = super().form_valid(form)
        # Someone invited who lost the invitation gets a new one (the page says the same).
        site_url = self.request.build_absolute_uri("/")
        for user in form.invited:
            accounts.invitation_send_asked(user=user, site_url=site_url)
        return response


class PasswordResetSet(auth_views.PasswordResetConfirmView):
    """Django's page behind a reset link: the link works once and for PASSWORD_RESET_TIMEOUT
    seconds; setting the password signs the person out everywhere, and is logged."""

    form_class = SetNewPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        security_log(
            "password_reset", self.request, user=form.user.get_username(), outcome="success"
        )
        return response

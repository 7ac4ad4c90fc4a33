"""The sign-in, change-password and reset-password forms, in GOV.UK style."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fluid, Layout
from django.conf import settings
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    _unicode_ci_compare,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.models import User
from scrutiny.common.security import reset_email_allowed


class SignInForm(AuthenticationForm):
    """Django's sign-in form laid out by crispy-forms-gds, with GOV.UK error messages.

    The password is never sent back to the page; the username typed is, so that a wrong
    password means retyping only the password. A wrong username or password is shown on the
    username field (without saying which was wrong), so the error summary links to it and the
    field itself shows the error.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Enter a correct username and password. Both are case-sensitive."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = _("Enter your username")
        self.fields["password"].error_messages["required"] = _("Enter your password")
        username = self.fields["username"].widget.attrs
        # Usernames are not words: no spellcheck or capitalisation on phones.
        username.update({"spellcheck": "false", "autocapitalize": "none"})
        # GOV.UK pages do not autofocus: it would fight the error summary for focus and
        # skip screen reader users past the page's heading.
        username.pop("autofocus", None)
        self.helper = FormHelper()
        # The page adds the <form> itself, to carry the "next" page after signing in.
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.text("username", field_width=Fluid.ONE_HALF),
            Field.text("password", field_width=Fluid.ONE_HALF),
            Button("sign-in", gettext("Sign in"), type="submit", data_prevent_double_click="true"),
        )

    def clean(self):
        try:
            return super().clean()
        except ValidationError as error:
            if error.code != "invalid_login":
                raise
            self.add_error("username", error)
            return self.cleaned_data


def _minimum_password_length() -> int:
    for validator in settings.AUTH_PASSWORD_VALIDATORS:
        if validator["NAME"].endswith(".MinimumLengthValidator"):
            return validator.get("OPTIONS", {}).get("min_length", 8)
    return 0


class ChangePasswordForm(PasswordChangeForm):
    """Django's change-password form (current password, then the new one twice, checked by
    AUTH_PASSWORD_VALIDATORS) laid out by crispy-forms-gds with GOV.UK wording.

    A new password that a validator refuses is marked on the first new-password field, where
    it was typed; a confirmation that does not match is marked on the second. No password
    typed is ever sent back to the page.
    """

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("Your current password is not right. Enter it again."),
        "password_mismatch": _("The new passwords do not match. Enter the same password twice."),
    }

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        current = self.fields["old_password"]
        current.label = _("Current password")
        current.error_messages["required"] = _("Enter your current password")
        current.widget.attrs.pop("autofocus", None)
        new = self.fields["new_password1"]
        new.label = _("New password")
        new.help_text = gettext(
            "At least %(minimum)s characters, and not a common password. "
            "A few unrelated words together are easy to remember and hard to guess."
        ) % {"minimum": _minimum_password_length()}
        new.error_messages["required"] = _("Enter a new password")
        confirm = self.fields["new_password2"]
        confirm.label = _("Confirm new password")
        confirm.help_text = ""
        confirm.error_messages["required"] = _("Enter the new password again")
        self.helper = FormHelper()
        # The page draws the <form> (with novalidate and the CSRF token).
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.text("old_password", field_width=Fluid.ONE_HALF),
            Field.text("new_password1", field_width=Fluid.ONE_HALF),
            Field.text("new_password2", field_width=Fluid.ONE_HALF),
            Button("change-password", gettext("Change password"), type="submit"),
        )

    def clean(self):
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        return self.cleaned_data


class ResetPasswordForm(PasswordResetForm):
    """Django's reset-password form: one email address. The page that follows is the same
    whether or not an active account has that address; only such an account is sent a link,
    and no more than RESET_EMAILS_PER_HOUR emails go to one address in an hour."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = _("Email address")
        email.error_messages["required"] = _("Enter your email address")
        email.error_messages["invalid"] = _(
            "Enter an email address in the correct format, like name@example.com"
        )
        email.widget.attrs.update({"spellcheck": "false", "autocapitalize": "none"})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.text("email", field_width=Fluid.ONE_HALF),
            Button("send-link", gettext("Send the link"), type="submit"),
        )

    invited: list = []

    def get_users(self, email):
        # Every address is counted, with an account or not, so the work done (and the time
        # taken) does not tell anyone which addresses have one. Django's one query, split:
        # active users with a usable password get the reset link; an invited one (no
        # password yet, who lost the invitation) is kept in ``invited``, for the page to
        # send a new invitation link.
        allowed = reset_email_allowed(email)
        found = [
            user
            for user in User._default_manager.filter(email__iexact=email, is_active=True)
            if _unicode_ci_compare(email, user.email)
        ]
        self.invited = [user for user in found if user.is_invited] if allowed else []
        users = [user for user in found if not user.is_invited]
        return users if allowed else []


class SetNewPasswordForm(SetPasswordForm):
    """The new password, twice, set from a reset link (checked by AUTH_PASSWORD_VALIDATORS),
    with the same wording as the change-password form."""

    error_messages = {
        **SetPasswordForm.error_messages,
        "password_mismatch": _("The new passwords do not match. Enter the same password twice."),
    }

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        new = self.fields["new_password1"]
        new.label = _("New password")
        new.help_text = gettext(
            "At least %(minimum)s characters, and not a common password. "
            "A few unrelated words together are easy to remember and hard to guess."
        ) % {"minimum": _minimum_password_length()}
        new.error_messages["required"] = _("Enter a new password")
        new.widget.attrs.pop("autofocus", None)
        confirm = self.fields["new_password2"]
        confirm.label = _("Confirm new password")
        confirm.help_text = ""
        confirm.error_messages["required"] = _("Enter the new password again")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.text("new_password1", field_width=Fluid.ONE_HALF),
            Field.text("new_password2", field_width=Fluid.ONE_HALF),
            Button("set-password", gettext("Set password"), type="submit"),
        )

    def clean(self):
        # A refused password is marked on the field where it was typed, as when changing it.
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        return self.cleaned_data

"""The sign-in form, in GOV.UK style."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fluid, Layout
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError


class SignInForm(AuthenticationForm):
    """Django's sign-in form laid out by crispy-forms-gds, with GOV.UK error messages.

    The password is never sent back to the page; the username typed is, so that a wrong
    password means retyping only the password. A wrong username or password is shown on the
    username field (without saying which was wrong), so the error summary links to it and the
    field itself shows the error.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
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
            Button("sign-in", "Sign in", type="submit", data_prevent_double_click="true"),
        )

    def clean(self):
        try:
            return super().clean()
        except ValidationError as error:
            if error.code != "invalid_login":
                raise
            self.add_error("username", error)
            return self.cleaned_data

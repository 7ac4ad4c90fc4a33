"""The forms of two-factor sign-in: a code from the authenticator app (or a recovery
code), in GOV.UK style."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fixed, Layout
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """One code. The page's view checks it against the person's devices; a wrong one is
    marked on the field with ``refuse``."""

    code = forms.CharField(max_length=32, strip=True)

    def __init__(self, *args, label, hint: str = "", button: str, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.label = label
        code.help_text = hint
        code.error_messages["required"] = _("Enter the code")
        code.widget.attrs.update(
            {"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        )
        self.helper = FormHelper()
        # The page draws the <form> (with novalidate and the CSRF token).
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.text("code", field_width=Fixed.TEN),
            Button("continue", button, type="submit", data_prevent_double_click="true"),
        )

    def refuse(self, message: str) -> None:
        self.add_error("code", message)


def sign_in_code_form(data=None) -> CodeForm:
    return CodeForm(
        data,
        label=gettext("Code"),
        hint=gettext(
            "The 6-digit code your authenticator app shows now, or one of your recovery codes"
        ),
        button=gettext("Continue"),
    )


def set_up_code_form(data=None) -> CodeForm:
    return CodeForm(
        data,
        label=gettext("Code from the app"),
        hint=gettext("The 6-digit code the app shows once you have added the account"),
        button=gettext("Turn on two-factor authentication"),
    )


def remove_code_form(data=None) -> CodeForm:
    return CodeForm(
        data,
        label=gettext("Code"),
        hint=gettext("The 6-digit code your authenticator app shows now"),
        button=gettext("Turn off two-factor authentication"),
    )

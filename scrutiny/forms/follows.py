"""The public's form to follow a review or a committee: one email address."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fluid, Layout
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class FollowForm(forms.Form):
    """The address to send a link to confirm, and then the emails."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(
            {"spellcheck": "false", "autocapitalize": "none", "autocomplete": "email"}
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.text("email", field_width=Fluid.ONE_HALF),
            Button("follow", gettext("Send me a link to confirm"), type="submit"),
        )

"""The reason asked for when a recommendation or a progress update is deleted."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from scrutiny.common.forms import form_helper


class DeletionForm(forms.Form):
    """Why a recommendation or update is being deleted: kept with it and in its history,
    and shown to democratic services on the deleted items page."""

    reason = forms.CharField(
        label=_("Why are you deleting it?"),
        help_text=_(
            "For example: entered twice by mistake. Democratic services see this if they are "
            "asked to restore it."
        ),
        max_length=1000,
        widget=forms.Textarea,
        error_messages={
            "required": _("Say why it is being deleted"),
            "max_length": _("The reason must be 1,000 characters or fewer"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page adds the warning button, whose words name what is deleted.
        self.helper = form_helper(Field.textarea("reason", rows=3), size=Size.MEDIUM)

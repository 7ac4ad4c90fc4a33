"""The forms of update requests: the entries sent through a request's link (``EntryForm``
without closing or proposals) and democratic services' comment when they return one."""

from __future__ import annotations

from crispy_forms_gds.layout import Field
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from recommendations.forms.updates import EntryForm
from scrutiny.common.forms import form_helper


def request_entry_forms(recommendations, data=None) -> list[EntryForm]:
    """One entry form per recommendation a request reaches; no closing status (only
    democratic services close one, at a meeting)."""
    return [
        EntryForm(data, recommendation=rec, may_close=False, proposals=False)
        for rec in recommendations
    ]


class ReturnForm(forms.Form):
    """Why democratic services send a submitted update back."""

    comment = forms.CharField(
        label=_("Comment for the person who sent it"),
        widget=forms.Textarea,
        error_messages={"required": _("Say why you are returning it")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.textarea("comment", rows=4), submit=gettext("Return with this comment")
        )

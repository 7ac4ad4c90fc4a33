"""Choosing the council whose figures the home page shows."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation

COUNCIL_SEARCH_LENGTH = 100


class CouncilChoiceForm(forms.Form):
    """The council a link or the chooser names (``?council=<id>``): any council."""

    council = forms.ModelChoiceField(
        label=_("Council"),
        queryset=Organisation.objects.councils(),
        error_messages={
            "required": _("Choose a council"),
            "invalid_choice": _(
                "Choose a council from the list: there is no council with that number"
            ),
        },
    )


class CouncilSearchForm(forms.Form):
    """Words to find a council by its name or short name."""

    q = forms.CharField(
        label=_("Search for a council"),
        required=False,
        max_length=COUNCIL_SEARCH_LENGTH,
        error_messages={
            "max_length": _(
                "Enter no more than %(limit_value)d characters to search for a council"
            ),
        },
    )

"""A council's switches for the daily chase's digest and reminders."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from scrutiny.common.forms import form_helper
from scrutiny.models import CouncilChasing

# More warning than this is no longer "near its deadline".
MAX_WARNING_DAYS = 60


class CouncilChasingForm(forms.ModelForm):
    """Each email the chase sends, on or off; the digest's day, the days of warning before
    an executive response is due, and the language of the emails."""

    response_warning_days = forms.IntegerField(
        label=_("Days of warning before an executive response is due"),
        min_value=1,
        max_value=MAX_WARNING_DAYS,
        error_messages={
            "required": _("Enter the days of warning, a whole number from 1 to 60"),
            "invalid": _("Enter the days of warning, a whole number from 1 to 60"),
            "min_value": _("Enter the days of warning, a whole number from 1 to 60"),
            "max_value": _("Enter the days of warning, a whole number from 1 to 60"),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )

    class Meta:
        model = CouncilChasing
        fields = [
            "weekly_digest",
            "digest_day",
            "update_overdue",
            "target_passed",
            "response_deadline",
            "response_warning_days",
            "language",
        ]
        labels = {
            "weekly_digest": _("Weekly digest to democratic services"),
            "digest_day": _("Day of the weekly digest"),
            "update_overdue": _("Progress updates overdue"),
            "target_passed": _("Target dates passed"),
            "response_deadline": _("Executive responses near their deadline or late"),
            "language": _("Language of the emails"),
        }
        widgets = {"digest_day": forms.RadioSelect, "language": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.checkbox("weekly_digest", small=True),
            Field.radios("digest_day", legend_size=Size.SMALL, small=True, inline=True),
            Field.checkbox("update_overdue", small=True),
            Field.checkbox("target_passed", small=True),
            Field.checkbox("response_deadline", small=True),
            Field.text("response_warning_days", field_width=3),
            Field.radios("language", legend_size=Size.SMALL, small=True, inline=True),
            submit=gettext("Save"),
        )

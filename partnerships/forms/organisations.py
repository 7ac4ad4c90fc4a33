"""A council's settings, in GOV.UK style."""

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation, ResponseClock
from scrutiny.common.forms import form_helper
from scrutiny.common.locking import VersionedModelForm, save_if_current
from scrutiny.services.councils import council_clock_set


class CouncilSettingsForm(VersionedModelForm):
    """A council's own settings: how long its executive has to respond to a report. Saving
    moves its reviews' response due dates with it (``council_clock_set``)."""

    class Meta:
        model = Organisation
        fields = ["response_clock"]
        labels = {"response_clock": _("How long the executive has to respond to a report")}
        help_texts = {
            "response_clock": _(
                "Counted from the day the committee agrees the report. Every review's "
                "response due date follows it, so a response already received may become "
                "late, or no longer late."
            )
        }
        widgets = {"response_clock": forms.RadioSelect}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.helper = form_helper(
            Field.radios("response_clock", legend_size=Size.MEDIUM),
            submit=gettext("Save settings"),
        )

    def save(self, commit: bool = True):
        council, clock = self.instance, ResponseClock(self.cleaned_data["response_clock"])

        def write():
            council_clock_set(council=council, clock=clock, actor=self.actor)
            return council

        return save_if_current(council, self.loaded_version, write)

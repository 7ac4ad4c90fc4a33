"""A council's settings, in GOV.UK style."""

from crispy_forms_gds.layout import Field, Fluid, Size
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


class OrganisationCreateForm(forms.Form):
    """A new body: its name, short name, kind (a council only for administrators),
    description and website."""

    name = forms.CharField(
        label=_("Name"), max_length=200, error_messages={"required": _("Enter its name")}
    )
    short_name = forms.CharField(
        label=_("Short name (optional)"),
        max_length=60,
        required=False,
        help_text=_("How minutes usually write it, for example LSCDG."),
    )
    kind = forms.ChoiceField(label=_("Kind"), widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("Description (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        error_messages={"invalid": _("Enter a web address, like https://www.example.org.uk")},
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = Organisation.Kind.choices
        if not actor.is_superuser:
            kinds = [(k, label) for k, label in kinds if k != Organisation.Kind.COUNCIL]
        self.fields["kind"].choices = kinds
        self.fields["kind"].error_messages["required"] = _("Choose what kind of body it is")
        self.helper = form_helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("short_name", field_width=Fluid.ONE_THIRD),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.textarea("description"),
            Field.text("website", field_width=Fluid.TWO_THIRDS),
            submit=gettext("Add the organisation"),
        )


class AliasesForm(forms.Form):
    """The other names minutes give a body, one a line."""

    aliases = forms.CharField(
        label=_("Other names, one a line"),
        help_text=_("Abbreviations and older names, as minutes and trackers write them."),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, organisation, **kwargs):
        initial = {"aliases": "\n".join(a.name for a in organisation.aliases.all())}
        super().__init__(*args, initial=initial, **kwargs)
        self.helper = form_helper(Field.textarea("aliases"), submit=gettext("Save the names"))

    def clean_aliases(self) -> str:
        text = self.cleaned_data["aliases"]
        if any(len(line.strip()) > 200 for line in text.splitlines()):
            raise forms.ValidationError(gettext("Each name must be 200 characters or fewer"))
        return text

    def names(self) -> list[str]:
        return self.cleaned_data["aliases"].splitlines()

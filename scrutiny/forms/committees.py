"""The committee form."""

from __future__ import annotations

from crispy_forms_gds.layout import (
    Field,
    Fluid,
    Size,
)
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation
from scrutiny.common.forms import form_helper
from scrutiny.common.locking import VersionedModelForm
from scrutiny.models import (
    Committee,
)


class CommitteeForm(VersionedModelForm):
    """A committee of the user's own council (administrators may choose any council)."""

    class Meta:
        model = Committee
        fields = ["council", "name", "kind", "chair", "vice_chair", "remit", "update_request_days"]
        labels = {
            "council": _("Council"),
            "name": _("Name"),
            "kind": _("Kind"),
            "chair": _("Chair (optional)"),
            "vice_chair": _("Vice Chair (optional)"),
            "remit": _("Remit"),
            "update_request_days": _("Days before each meeting to ask for progress updates"),
        }
        widgets = {"kind": forms.RadioSelect}
        error_messages = {"name": {"required": _("Enter the committee's name")}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        councils = Organisation.objects.councils()
        if not user.is_superuser:
            councils = councils.filter(pk=user.organisation_id)
        self.fields["council"].queryset = councils
        self.fields["council"].empty_label = (
            None if councils.count() == 1 else gettext("Choose a council")
        )
        self.fields["council"].error_messages["required"] = gettext("Choose the council")
        self.helper = form_helper(
            Field.select("council"),
            Field.text("name"),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("chair", field_width=Fluid.TWO_THIRDS),
            Field.text("vice_chair", field_width=Fluid.TWO_THIRDS),
            Field.textarea("remit", rows=5),
            Field.text("update_request_days", field_width=3),
            submit=gettext("Save committee"),
        )

"""Inviting someone, changing their account, and setting a password from an invitation."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Fluid, Size
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.models import Language, Organisation, Role, User
from partnerships.permissions import organisations_managed_by, roles_for
from scrutiny.common.forms import form_helper

EMAIL_FORMAT = _("Enter an email address in the correct format, like name@example.com")


def _person_fields(form: forms.Form) -> None:
    form.fields["first_name"] = forms.CharField(
        label=_("First name"),
        max_length=150,
        error_messages={"required": _("Enter their first name")},
    )
    form.fields["last_name"] = forms.CharField(
        label=_("Last name"),
        max_length=150,
        error_messages={"required": _("Enter their last name")},
    )
    form.fields["job_title"] = forms.CharField(
        label=_("Job title (optional)"), max_length=200, required=False
    )
    form.fields["language"] = forms.ChoiceField(
        label=_("Language of their emails"),
        choices=Language.choices,
        initial=Language.ENGLISH,
        widget=forms.RadioSelect,
    )


def _roles_field(choices: list[Role]) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Roles"),
        choices=[(role.value, role.label) for role in choices],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one role")},
    )


class UserInviteForm(forms.Form):
    """Who to invite: their name, email address, organisation (among those the inviter
    manages), roles and the language of their emails."""

    def __init__(self, *args, actor: User, organisation: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        _person_fields(self)
        self.fields["email"] = forms.EmailField(
            label=_("Email address"),
            max_length=150,
            error_messages={"required": _("Enter their email address"), "invalid": EMAIL_FORMAT},
        )
        self.fields["email"].widget.attrs.update({"spellcheck": "false", "autocapitalize": "none"})
        managed = organisations_managed_by(actor).order_by("kind", "name")
        self.fields["organisation"] = forms.ModelChoiceField(
            label=_("Organisation"),
            queryset=managed,
            initial=organisation or actor.organisation,
            error_messages={"required": _("Choose their organisation")},
        )
        self.fields["roles"] = _roles_field(list(Role))
        if organisation is not None and not organisation.is_council:
            self.fields["roles"].initial = [Role.PARTNER.value]
        self.helper = form_helper(
            Field.text("first_name", field_width=Fluid.ONE_HALF),
            Field.text("last_name", field_width=Fluid.ONE_HALF),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.text("job_title", field_width=Fluid.TWO_THIRDS),
            Field.select("organisation"),
            Field.checkboxes("roles", legend_size=Size.SMALL),
            Field.radios("language", legend_size=Size.SMALL, inline=True),
            submit=gettext("Send the invitation"),
        )

    def clean(self):
        cleaned = super().clean()
        organisation, roles = cleaned.get("organisation"), cleaned.get("roles")
        if organisation is not None and roles:
            allowed = {role.value for role in roles_for(organisation)}
            if not set(roles) <= allowed:
                self.add_error(
                    "roles",
                    gettext(
                        "A person of a council can be a councillor, an officer or democratic "
                        "services; a person of any other body, a partner representative"
                    ),
                )
        return cleaned


class UserEditForm(forms.Form):
    """Someone's name, job title, language and roles (those their organisation allows)."""

    def __init__(self, *args, user: User, **kwargs):
        initial = {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "job_title": user.job_title,
            "language": user.language,
            "roles": sorted(g.name for g in user.groups.all()),
        }
        super().__init__(*args, initial=initial, **kwargs)
        _person_fields(self)
        choices = roles_for(user.organisation) if user.organisation else [Role.PARTNER]
        self.fields["roles"] = _roles_field(choices)
        self.helper = form_helper(
            Field.text("first_name", field_width=Fluid.ONE_HALF),
            Field.text("last_name", field_width=Fluid.ONE_HALF),
            Field.text("job_title", field_width=Fluid.TWO_THIRDS),
            Field.checkboxes("roles", legend_size=Size.SMALL),
            Field.radios("language", legend_size=Size.SMALL, inline=True),
            submit=gettext("Save changes"),
        )


class AccountSettingsForm(forms.Form):
    """A person's own name and the language of their emails: nothing else of their
    account can be changed here."""

    def __init__(self, *args, user: User, **kwargs):
        initial = {k: getattr(user, k) for k in ("first_name", "last_name", "language")}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["first_name"] = forms.CharField(
            label=_("First name"),
            max_length=150,
            error_messages={"required": _("Enter your first name")},
        )
        self.fields["last_name"] = forms.CharField(
            label=_("Last name"),
            max_length=150,
            error_messages={"required": _("Enter your last name")},
        )
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of your emails"),
            choices=Language.choices,
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose the language of your emails")},
        )
        self.helper = form_helper(
            Field.text("first_name", field_width=Fluid.ONE_HALF),
            Field.text("last_name", field_width=Fluid.ONE_HALF),
            Field.radios("language", legend_size=Size.SMALL, inline=True),
            submit=gettext("Save changes"),
        )

"""Partnerships' forms, split by feature."""

from partnerships.forms.accounts import AccountSettingsForm, UserEditForm, UserInviteForm
from partnerships.forms.organisations import (
    AliasesForm,
    CouncilSettingsForm,
    OrganisationCreateForm,
)
from partnerships.forms.passwords import (
    ChangePasswordForm,
    ResetPasswordForm,
    SetNewPasswordForm,
    SignInForm,
)
from partnerships.forms.two_factor import (
    CodeForm,
    remove_code_form,
    set_up_code_form,
    sign_in_code_form,
)

__all__ = [
    "AccountSettingsForm",
    "AliasesForm",
    "OrganisationCreateForm",
    "ChangePasswordForm",
    "CodeForm",
    "CouncilSettingsForm",
    "ResetPasswordForm",
    "SetNewPasswordForm",
    "SignInForm",
    "UserEditForm",
    "UserInviteForm",
    "remove_code_form",
    "set_up_code_form",
    "sign_in_code_form",
]

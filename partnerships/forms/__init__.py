"""Partnerships' forms, split by feature."""

from partnerships.forms.accounts import UserEditForm, UserInviteForm
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

__all__ = [
    "AliasesForm",
    "OrganisationCreateForm",
    "ChangePasswordForm",
    "CouncilSettingsForm",
    "ResetPasswordForm",
    "SetNewPasswordForm",
    "SignInForm",
    "UserEditForm",
    "UserInviteForm",
]

"""Your account: every signed-in person sees who they are to the app (name, email address,
organisation, roles) and changes their own name and the language of their emails (writes in
``partnerships.services.accounts``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from partnerships.forms import AccountSettingsForm
from partnerships.services import accounts


@require_safe
@login_required
def account_detail(request):
    """The reader's own account, with links to change it, their password and two-factor."""
    return render(request, "partnerships/account_detail.html", {"person": request.user})


@login_required
def account_edit(request):
    """The reader changes their own name and the language of their emails."""
    form = AccountSettingsForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.user_settings_update(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Changes saved"))
            return redirect("partnerships:account-detail")
    return render(request, "partnerships/account_form.html", {"form": form})

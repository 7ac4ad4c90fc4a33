"""Accounts in the app: democratic services list, invite, change, deactivate and
reactivate their council's people (administrators everyone's), and an invited person sets
their password from the emailed link (writes in ``partnerships.services.accounts``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from partnerships import selectors
from partnerships.forms import SetNewPasswordForm, UserEditForm, UserInviteForm
from partnerships.models import Role, User
from partnerships.permissions import (
    can_deactivate_user,
    can_manage_user,
    can_manage_users,
    can_reset_two_factor,
    organisations_managed_by,
)
from partnerships.services import accounts, two_factor
from scrutiny.common.pages import refuse
from scrutiny.common.security import security_log

# The states an account can be in, to filter the list by.
STATES = {"active": _("Active"), "invited": _("Invited"), "inactive": _("Deactivated")}


def _refused(user):
    refuse(user, gettext("Only democratic services can manage accounts."))


def _managed(request, pk: int) -> User:
    """The account ``pk`` if the reader manages it (else 404 or refused)."""
    user = get_object_or_404(User.objects.select_related("organisation"), pk=pk)
    if not can_manage_user(request.user, user):
        _refused(request.user)
    return user


def _site_url(request) -> str:
    return request.build_absolute_uri("/")


@require_safe
@login_required
def user_list(request):
    """The accounts the reader manages, filtered by role and state, searched by name."""
    if not can_manage_users(request.user):
        _refused(request.user)
    asked = request.GET
    role = asked.get("role", "") if asked.get("role") in Role.values else ""
    state = asked.get("state", "") if asked.get("state") in STATES else ""
    search = asked.get("q", "").strip()[:200]
    users = selectors.users_managed_by(request.user, role=role, state=state, search=search)
    page = Paginator(users, selectors.USERS_PAGE_SIZE).get_page(asked.get("page"))
    context = {
        "page": page,
        "roles": Role.choices,
        "states": STATES.items(),
        "role": role,
        "state": state,
        "search": search,
        "filtered": bool(role or state or search),
    }
    return render(request, "partnerships/user_list.html", context)


@login_required
def user_create(request):
    """Invite someone by email, into an organisation the reader manages."""
    if not can_manage_users(request.user):
        _refused(request.user)
    form = UserInviteForm(
        request.POST or None, actor=request.user, organisation=_asked_for(request)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                accounts.user_invite(
                    actor=request.user,
                    site_url=_site_url(request),
                    roles=[Role(value) for value in data["roles"]],
                    **{k: data[k] for k in ("email", "first_name", "last_name", "job_title")},
                    organisation=data["organisation"],
                    language=data["language"],
                )
        except accounts.AlreadyHasAccount as found:
            form.add_error("email", _already(found.user))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The same words whether or not the address had an account elsewhere.
            messages.success(request, gettext("Invitation sent to %(email)s") % data)
            return redirect("partnerships:user-list")
    context = {"form": form, "inviting": True, "days": settings.INVITATION_TIMEOUT_DAYS}
    return render(request, "partnerships/user_form.html", context)


def _asked_for(request):
    """The organisation ``?organisation=`` names (an organisation page's "Add a
    representative"), if the reader manages it."""
    pk = request.GET.get("organisation", "")
    if not pk.isdigit():
        return None
    return organisations_managed_by(request.user).filter(pk=pk).first()


def _already(user: User) -> str:
    return gettext("%(email)s already has an account: %(name)s, %(organisation)s") % {
        "email": user.email,
        "name": user.display_name,
        "organisation": user.organisation or "",
    }


@require_safe
@login_required
def user_detail(request, pk: int):
    """One account: who they are, their roles, whether they can sign in, and its history."""
    person = _managed(request, pk)
    context = {
        "person": person,
        "history": selectors.user_history(person),
        "can_deactivate": can_deactivate_user(request.user, person),
    }
    # The same rule as deactivating (manages them, not oneself): asked once.
    context["can_reset_two_factor"] = context["can_deactivate"]
    return render(request, "partnerships/user_detail.html", context)


@login_required
def user_edit(request, pk: int):
    """Change someone's name, job title, language and roles."""
    person = _managed(request, pk)
    form = UserEditForm(request.POST or None, user=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            accounts.user_update(
                actor=request.user,
                user=person,
                roles=[Role(value) for value in data["roles"]],
                **{k: data[k] for k in ("first_name", "last_name", "job_title", "language")},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Changes saved"))
            return redirect("partnerships:user-detail", pk=person.pk)
    context = {"form": form, "person": person, "inviting": False}
    return render(request, "partnerships/user_form.html", context)


@login_required
def user_deactivate(request, pk: int):
    """Stop someone signing in, once asked."""
    return _confirmed(request, pk, accounts.user_deactivate, deactivating=True)


@login_required
def user_reactivate(request, pk: int):
    """Let someone sign in again, once asked."""
    return _confirmed(request, pk, accounts.user_reactivate, deactivating=False)


def _confirmed(request, pk: int, change, *, deactivating: bool):
    person = _managed(request, pk)
    if deactivating and not can_deactivate_user(request.user, person):
        refuse(request.user, gettext("You cannot deactivate your own account."))
    error = None
    if request.method == "POST":
        try:
            change(actor=request.user, user=person)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            done = gettext("%(name)s can no longer sign in") if deactivating else None
            done = done or gettext("%(name)s can sign in again")
            messages.success(request, done % {"name": person.display_name})
            return redirect("partnerships:user-detail", pk=person.pk)
    context = {"person": person, "deactivating": deactivating, "error": error}
    return render(request, "partnerships/user_confirm.html", context)


@login_required
def user_two_factor_reset(request, pk: int):
    """Reset someone's two-factor sign-in (they lost their phone), once asked."""
    person = _managed(request, pk)
    if not can_reset_two_factor(request.user, person):
        refuse(request.user, gettext("You cannot reset your own two-factor authentication here."))
    if request.method == "POST":
        two_factor.two_factor_reset(actor=request.user, user=person)
        security_log("two_factor_reset", request, user=person.get_username(), outcome="success")
        messages.success(
            request,
            gettext("%(name)s’s two-factor authentication is reset")
            % {"name": person.display_name},
        )
        return redirect("partnerships:user-detail", pk=person.pk)
    return render(request, "partnerships/user_two_factor_reset.html", {"person": person})


@require_http_methods(["POST"])
@login_required
def user_invitation_resend(request, pk: int):
    """Email an invited person a new link (a button on their page)."""
    person = _managed(request, pk)
    try:
        with transaction.atomic():
            accounts.invitation_send(user=person, actor=request.user, site_url=_site_url(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("Invitation sent to %(email)s") % {"email": person.email})
    return redirect("partnerships:user-detail", pk=person.pk)


class InvitationAccept(auth_views.PasswordResetConfirmView):
    """The page behind an invitation's link: Django's reset-link page with the invitation's
    token (it works once, for INVITATION_TIMEOUT_DAYS); the password set, the person is
    signed in (``accounts.user_sign_in``) and welcomed on the home page."""

    form_class = SetNewPasswordForm
    token_generator = accounts.invitation_tokens
    template_name = "partnerships/invitation_accept.html"
    reset_url_token = "set-password"
    success_url = reverse_lazy("scrutiny:home")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        # A deactivated account's link no longer works; nor does one already accepted.
        return user if user is not None and user.is_active and user.is_invited else None

    def form_valid(self, form):
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        accounts.invitation_accept(
            request=self.request, user=form.user, password=form.cleaned_data["new_password1"]
        )
        security_log(
            "invitation_accepted", self.request, user=form.user.get_username(), outcome="success"
        )
        messages.success(self.request, gettext("Your password is set and you are signed in"))
        return redirect(reverse("scrutiny:home"))

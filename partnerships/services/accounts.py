"""Accounts run by democratic services: invite someone by email, set their roles, deactivate
and reactivate them; an invited person sets their own password from the emailed link and
is signed in.

Nothing here tells anyone outside a council whether an address has an account: inviting an
address that has one sends its owner a note instead, unless the inviter manages that account.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation, Role, User
from partnerships.permissions import can_manage_user, roles_for
from scrutiny.services.mail import mail_render, mail_send


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Django's reset token under its own salt, for INVITATION_TIMEOUT_DAYS: it works once,
    since setting the password (and signing in) changes what it was made from."""

    key_salt = "partnerships.services.accounts.InvitationTokenGenerator"

    def check_token(self, user, token) -> bool:
        # Django's check, with the invitation's time limit in place of the reset link's.
        if not (user and token):
            return False
        try:
            made_b36, _hash = token.split("-")
            made = base36_to_int(made_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, made, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        limit = datetime.timedelta(days=settings.INVITATION_TIMEOUT_DAYS).total_seconds()
        return self._num_seconds(self._now()) - made <= limit


invitation_tokens = InvitationTokenGenerator()

# The backend a person signed in without typing their password is recorded under.
SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


class AlreadyHasAccount(Exception):
    """The address invited belongs to an account the inviter manages: they are told so."""

    def __init__(self, user: User):
        super().__init__(user.email)
        self.user = user


def user_sign_in(*, request, user: User) -> None:
    """Sign ``user`` in on ``request``: the one place a person is signed in other than by
    the sign-in page's own form (after setting a password from an invitation), so that a
    later step (a second factor) has one place to go."""
    login(request, user, backend=SIGN_IN_BACKEND)


def _roles_set(user: User, roles: list[Role]) -> None:
    allowed = roles_for(user.organisation)
    wrong = [role for role in roles if role not in allowed]
    if wrong or not roles:
        raise ValidationError({"roles": _("Choose a role a person of this organisation can have.")})
    user.groups.set([Group.objects.get_or_create(name=role.value)[0] for role in roles])


def _keeps_democratic_services(user: User, *, losing: bool) -> None:
    """A council always keeps one active democratic services account (else nobody could
    manage it): ``user`` may not stop being one if they are its last."""
    if not losing or not user.is_democratic_services or user.organisation_id is None:
        return
    others = (
        User.objects.filter(
            organisation_id=user.organisation_id,
            is_active=True,
            groups__name=Role.DEMOCRATIC_SERVICES.value,
        )
        .exclude(pk=user.pk)
        .exists()
    )
    if not others:
        raise ValidationError(
            _(
                "This is the council's last democratic services account: give someone else "
                "that role first."
            )
        )


def invitation_link(*, user: User, site_url: str) -> str:
    """The invitation's link, in the invitee's language, on the site at ``site_url``."""
    # The site's English has no prefix in its addresses (its language code is "en-gb").
    language = "cy" if user.language == "cy" else settings.LANGUAGE_CODE
    with translation.override(language):
        path = reverse(
            "partnerships:invitation-accept",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": invitation_tokens.make_token(user),
            },
        )
    return site_url.rstrip("/") + path


def invitation_send(*, user: User, actor: User, site_url: str) -> None:
    """Email ``user`` (invited, yet to set a password) a new invitation link, in their
    language; an earlier link keeps working until it expires or one of them is used."""
    if not user.is_invited or not user.is_active:
        raise ValidationError(_("This person has already set a password."))
    mail = mail_render(
        template="partnerships/email/invitation",
        context={
            "user": user,
            "inviter": actor,
            "link": invitation_link(user=user, site_url=site_url),
            "days": settings.INVITATION_TIMEOUT_DAYS,
        },
        language=user.language,
    )
    mail_send(to=user.email, mail=mail, kind="invitation", council_id=_council_id(user))


def invitation_send_asked(*, user: User, site_url: str) -> None:
    """Email ``user`` (invited, active, yet to set a password), who asked the reset-password
    page for a link, a new invitation link in their language.

    Sent at once like Django's own reset email rather than through the outbox: writing to
    the outbox would make asking for an invited address take more queries (and time) than
    for an unknown one, telling the asker which addresses have an account."""
    mail = mail_render(
        template="partnerships/email/invitation_asked",
        context={
            "user": user,
            "link": invitation_link(user=user, site_url=site_url),
            "days": settings.INVITATION_TIMEOUT_DAYS,
        },
        language=user.language,
    )
    message = EmailMultiAlternatives(mail.subject, mail.text, None, [user.email])
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    message.send()


def _council_id(user: User) -> int | None:
    organisation = user.organisation
    return organisation.pk if organisation is not None and organisation.is_council else None


@transaction.atomic
def user_invite(
    *,
    actor: User,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation,
    roles: list[Role],
    language: str,
    site_url: str,
    job_title: str = "",
) -> User | None:
    """Create an account for ``email`` in ``organisation`` with ``roles`` and email its
    owner an invitation to set a password. An address that already has an account raises
    AlreadyHasAccount when ``actor`` manages that account; otherwise its owner is emailed a
    note that they already have one, and None is returned (the inviter learns nothing)."""
    email = User.objects.normalize_email(email).strip()
    existing = User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()
    if existing is not None:
        if can_manage_user(actor, existing):
            raise AlreadyHasAccount(existing)
        mail = mail_render(
            template="partnerships/email/already_have_account",
            context={"user": existing, "link": site_url.rstrip("/") + reverse("password_reset")},
            language=existing.language,
        )
        mail_send(to=existing.email, mail=mail, kind="invitation")
        return None
    user = User(
        username=email.lower(),
        email=email,
        first_name=first_name,
        last_name=last_name,
        job_title=job_title,
        organisation=organisation,
        language=language,
    )
    user.set_unusable_password()
    user._history_user = actor
    user.full_clean()
    user.save()
    _roles_set(user, roles)
    invitation_send(user=user, actor=actor, site_url=site_url)
    return user


@transaction.atomic
def user_update(
    *,
    actor: User,
    user: User,
    first_name: str,
    last_name: str,
    job_title: str,
    language: str,
    roles: list[Role],
) -> User:
    """Change someone's name, job title, language and roles. A council's last democratic
    services account keeps that role."""
    user = User.objects.select_for_update().get(pk=user.pk)
    _keeps_democratic_services(user, losing=Role.DEMOCRATIC_SERVICES not in roles)
    user.first_name, user.last_name, user.job_title = first_name, last_name, job_title
    user.language = language
    user._history_user = actor
    user.full_clean()
    user.save()
    _roles_set(user, roles)
    return user


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> User:
    """Stop ``user`` signing in (their sessions end at their next request, their records
    stay). Nobody deactivates themselves, nor a council's last democratic services account."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    _keeps_democratic_services(user, losing=True)
    user.is_active = False
    user._history_user = actor
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_reactivate(*, actor: User, user: User) -> User:
    """Let ``user`` sign in again, with the roles they had."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = True
    user._history_user = actor
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def invitation_accept(*, request, user: User, password: str) -> User:
    """Set the password ``user`` chose from their invitation and sign them in."""
    user.set_password(password)
    user._history_user = user
    user.save()
    user_sign_in(request=request, user=user)
    return user


@transaction.atomic
def user_settings_update(*, user: User, first_name: str, last_name: str, language: str) -> User:
    """A person changes their own name and the language of the emails they get; nothing
    else of their account (their roles, organisation and address are for democratic
    services). Recorded in the account's history as changed by themselves."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.first_name, user.last_name, user.language = first_name, last_name, language
    user._history_user = user
    user.full_clean()
    user.save()
    return user

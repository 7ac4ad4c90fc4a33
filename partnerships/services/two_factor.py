"""Two-factor sign-in: who must have it, and setting up, checking and removing a person's
authenticator app and recovery codes (django-otp's TOTP and static devices)."""

from __future__ import annotations

import secrets
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.models import User
from partnerships.permissions import can_reset_two_factor
from scrutiny.common.sessions import sessions_end_for
from scrutiny.services.mail import mail_render, mail_send

# The session keys: what a signed-in session still owes ("code" or "set-up", set when it
# signs in and read by partnerships.middleware), and the secret of an app being set up.
OWED_SESSION_KEY = "two_factor_owed"
NEW_KEY_SESSION_KEY = "two_factor_new_key"

RECOVERY_CODE_COUNT = 10
# Recovery codes are 10 letters and digits, without ones easily misread (0/O, 1/l/I).
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_LENGTH = 10


def two_factor_required(user: User) -> bool:
    """Democratic services and administrators (and any staff, who can open the Django
    admin) must use two-factor sign-in when TWO_FACTOR_REQUIRED is on; for everyone else it
    is their choice."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or user.is_democratic_services


def authenticator_of(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(user: User) -> bool:
    """True if signing in as ``user`` needs a code after the password."""
    return authenticator_of(user) is not None


def two_factor_owed(user: User, *, code_given: bool) -> str | None:
    """What a session that has just signed in as ``user`` still owes: "code" if the user
    has an authenticator app and the sign-in did not give its code, "set-up" if they must
    have one and have none, None if nothing."""
    if has_two_factor(user):
        return None if code_given else "code"
    return "set-up" if two_factor_required(user) else None


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def new_authenticator_key() -> str:
    """A new secret for an authenticator app, as hex (django-otp's TOTPDevice.key)."""
    return secrets.token_hex(20)


def authenticator_for_key(user: User, key: str) -> TOTPDevice:
    """An unsaved device for ``key``: its config_url and base32 secret for the set-up page."""
    return TOTPDevice(user=user, key=key, name="Authenticator app", confirmed=True)


@transaction.atomic
def authenticator_confirm(*, user: User, key: str, code: str) -> TOTPDevice | None:
    """Save the authenticator app whose secret is ``key`` as the user's (replacing any
    other) if ``code`` is its current code; None, and nothing saved, if it is not."""
    device = authenticator_for_key(user, key)
    code = _normalised(code)
    if not code.isdigit():
        return None
    # Checked here rather than by device.verify_token, which saves the device to count a
    # failure: a wrong code must keep nothing.
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(int(code), device.tolerance):
        return None
    device.last_t = totp.t()  # the code just typed cannot sign in again
    device.full_clean(exclude=["user"])
    TOTPDevice.objects.filter(user=user).delete()
    device.save()
    return device


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """New single-use recovery codes for the user, in place of any they had; the codes are
    returned to be shown once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice(user=user, name="Recovery codes", confirmed=True)
    device.full_clean(exclude=["user"])
    device.save()
    codes = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _normalised(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def two_factor_code_check(*, user: User, code: str) -> Device | None:
    """The device that accepts ``code``: the authenticator app's current 6-digit code, or
    one of the recovery codes, which is used up. None if neither accepts it."""
    code = _normalised(code)
    for device in devices_for_user(user, for_verify=True):
        if device.verify_token(code):
            return device
    return None


@transaction.atomic
def two_factor_remove(*, user: User) -> None:
    """Remove the user's authenticator app and recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def two_factor_reset(*, actor: User, user: User) -> None:
    """For someone who lost their phone: remove ``user``'s authenticator app and recovery
    codes, end their sessions and email them (in their language) that it was done, so they
    set it up again at their next sign-in when it is required. Done by whoever manages the
    account, never by the person themselves (they have their own page for that)."""
    if not can_reset_two_factor(actor, user):
        raise ValidationError(_("You cannot reset your own two-factor authentication here."))
    two_factor_remove(user=user)
    # A session signed in with the lost phone must not outlive it.
    sessions_end_for(user.pk)
    if not user.email:
        return  # an account made without an address (in the admin) has nowhere to be told
    mail = mail_render(
        template="partnerships/email/two_factor_reset",
        context={"user": user, "actor": actor},
        language=user.language,
    )
    organisation = user.organisation
    council_id = organisation.pk if organisation is not None and organisation.is_council else None
    mail_send(to=user.email, mail=mail, kind="two_factor_reset", council_id=council_id)

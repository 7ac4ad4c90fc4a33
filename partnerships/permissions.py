"""Who may manage accounts and organisations.

Every ``can_*`` function takes any user, signed in or not: an anonymous visitor may manage
nothing. Democratic services manage the accounts of their own council and of its partner
bodies (``Organisation.partners``); administrators every account.
"""

from __future__ import annotations

from partnerships.models import Organisation, Role, User


def managed_council(user) -> Organisation | None:
    """The council whose accounts ``user`` manages as its democratic services, if any."""
    if not user.is_authenticated or not user.is_democratic_services:
        return None
    organisation = user.organisation
    return organisation if organisation is not None and organisation.is_council else None


def can_manage_users(user, council: Organisation | None = None) -> bool:
    """Democratic services manage their council's users (``council`` None: any council's
    they manage); administrators every council's."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    own = managed_council(user)
    return own is not None and (council is None or council.pk == own.pk)


def organisations_managed_by(user):
    """The organisations whose people ``user`` may invite and manage: every one for an
    administrator; their council and its partner bodies for democratic services; none
    otherwise."""
    if user.is_authenticated and user.is_superuser:
        return Organisation.objects.all()
    own = managed_council(user)
    if own is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk=own.pk) | Organisation.objects.filter(
        pk__in=own.partners().values("pk")
    )


def can_manage_user(user, target: User) -> bool:
    """Whether ``user`` may see and change the account ``target``: administrators any;
    democratic services those of their council and its partner bodies (never an
    administrator's)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if target.is_superuser or target.organisation_id is None:
        return False
    return organisations_managed_by(user).filter(pk=target.organisation_id).exists()


def can_deactivate_user(user, target: User) -> bool:
    """Anyone who manages ``target`` may deactivate them, but not themselves."""
    return can_manage_user(user, target) and target.pk != user.pk


def can_reset_two_factor(user, target: User) -> bool:
    """Anyone who manages ``target`` may reset their two-factor sign-in (a lost phone), but
    not their own (their own page turns it off, with a code)."""
    return can_deactivate_user(user, target)


def can_add_organisation(user) -> bool:
    """Democratic services (a partner body of their council) and administrators."""
    return can_manage_users(user)


def can_manage_organisation(user, organisation: Organisation) -> bool:
    """Its aliases and representatives: administrators; democratic services of a council
    the body is a partner of (or of the council itself)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return organisations_managed_by(user).filter(pk=organisation.pk).exists()


def roles_for(organisation: Organisation) -> list[Role]:
    """The roles a person of ``organisation`` may have: a council's own people are
    councillors, officers or democratic services; anyone else's partner representatives."""
    if organisation.is_council:
        return [Role.COUNCILLOR, Role.OFFICER, Role.DEMOCRATIC_SERVICES]
    return [Role.PARTNER]

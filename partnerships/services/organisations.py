"""Partner bodies added in the app, and the other names minutes give them (aliases)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation, OrganisationAlias, User
from partnerships.permissions import managed_council


@transaction.atomic
def organisation_create(
    *,
    actor: User,
    name: str,
    short_name: str,
    kind: str,
    description: str = "",
    website: str = "",
) -> Organisation:
    """Add a body. Democratic services add their council's partner bodies (never a
    council): the body works with their council, whose democratic services manage its
    representatives. Administrators add any kind."""
    council = managed_council(actor)
    if not actor.is_superuser and kind == Organisation.Kind.COUNCIL:
        raise ValidationError({"kind": _("Only an administrator can add a council.")})
    organisation = Organisation(
        name=name.strip(),
        short_name=short_name.strip(),
        kind=kind,
        description=description,
        website=website,
    )
    organisation._history_user = actor
    organisation.full_clean()
    organisation.save()
    if council is not None:
        organisation.works_with.add(council)
    return organisation


@transaction.atomic
def organisation_aliases_set(
    *, actor: User, organisation: Organisation, names: list[str]
) -> list[OrganisationAlias]:
    """Make ``names`` (each once, whatever its case) the body's aliases: new ones added,
    those no longer named removed. An alias another body has already is refused."""
    wanted: dict[str, str] = {}
    for name in (n.strip() for n in names):
        if name and name.lower() not in wanted:
            wanted[name.lower()] = name
    kept = []
    for alias in organisation.aliases.all():
        if alias.name.lower() in wanted and wanted[alias.name.lower()] == alias.name:
            kept.append(alias)
            del wanted[alias.name.lower()]
        else:
            alias._history_user = actor
            alias.delete()
    for name in wanted.values():
        alias = OrganisationAlias(organisation=organisation, name=name)
        alias._history_user = actor
        try:
            alias.full_clean()
        except ValidationError as error:
            raise ValidationError(
                _("“%(name)s” is already another organisation’s alias."), params={"name": name}
            ) from error
        alias.save()
        kept.append(alias)
    return kept

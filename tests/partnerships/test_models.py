"""Organisations, aliases and roles."""

import pytest
from django.db import IntegrityError, transaction

from partnerships.models import Organisation, Role
from tests.factories import AliasFactory, CouncilFactory, PartnershipFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_an_organisation_is_found_by_name_short_name_or_any_alias_in_any_case():
    lscdg = PartnershipFactory(
        name="Leicester/shire Social Care Development Group", short_name="LSCDG"
    )
    AliasFactory(organisation=lscdg, name="LSDG")
    for name in ["LSDG", "lsdg", "LSCDG", "Leicester/shire Social Care Development Group"]:
        assert list(Organisation.objects.matching(name)) == [lscdg]


def test_an_alias_names_one_organisation_whatever_its_case():
    AliasFactory(name="LSDG")
    with pytest.raises(IntegrityError), transaction.atomic():
        AliasFactory(name="lsdg")


def test_only_partnerships_have_a_host_and_legal_basis():
    cardiff = CouncilFactory(name="Cardiff Council")
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilFactory(host=cardiff)
    unit = PartnershipFactory(host=cardiff, legal_basis="Partnership Agreement")
    assert unit.host == cardiff


def test_roles_come_from_groups_and_inactive_users_have_none():
    council = CouncilFactory()
    user = user_with_role(Role.DEMOCRATIC_SERVICES, organisation=council)
    assert user.is_democratic_services and user.manages_council(council.pk)
    assert not user.manages_council(CouncilFactory().pk)
    user.is_active = False
    user.save()
    fresh = type(user).objects.get(pk=user.pk)
    assert not fresh.is_democratic_services
    assert not fresh.manages_council(council.pk)

"""Which council the home page shows: the councils to choose from, and the ones a reader
works with (their own, and those a partnership shares with them)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q

from partnerships.models import Organisation

COUNCILS_PER_PAGE = 50


def council_page(words: str, number) -> Page:
    """Page ``number`` of the councils whose name or short name contains ``words`` (all,
    when empty), by name: a count and one page, however many councils there are."""
    councils = Organisation.objects.councils().only("pk", "name", "short_name")
    if words:
        councils = councils.filter(Q(name__icontains=words) | Q(short_name__icontains=words))
    return Paginator(councils.order_by("name", "pk"), COUNCILS_PER_PAGE).get_page(number)


def partnership_councils(user):
    """The councils a signed-in user's organisation works with through a partnership: for a
    partnership, its host and member councils; for a council (or other body), the other
    councils of the partnerships it hosts or belongs to. None for anonymous readers."""
    org = user.organisation_id if user.is_authenticated else None
    if org is None:
        return None
    partnerships = Organisation.objects.filter(
        Q(pk=org) | Q(members=org) | Q(host=org), kind=Organisation.Kind.PARTNERSHIP
    ).values("pk")
    return (
        Organisation.objects.councils()
        .filter(Q(partnerships__in=partnerships) | Q(hosted_partnerships__in=partnerships))
        .exclude(pk=org)
        .distinct()
        .order_by("name")
        .only("pk", "name", "short_name")
    )


def first_councils() -> list:
    """The site's first two councils: one when it has only one, none when it has none."""
    return list(Organisation.objects.councils().order_by("pk")[:2])


def councils_to_show():
    """Councils, each with ``others``: whether the site has any other council (to offer
    "change council"), read with the council itself."""
    others = Organisation.objects.councils().exclude(pk=OuterRef("pk"))
    return Organisation.objects.councils().annotate(others=Exists(others))

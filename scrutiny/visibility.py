"""Who may see what: filters shared by every app's ``visible_to`` QuerySet methods.

Anonymous visitors and partner representatives see what is public: published reviews and
items that are not exempt. A council's own councillors, officers and democratic services
also see its exempt items and draft reviews: one rule (``User.sees_exempt_of``, the
councils of ``exempt_councils_of``) for both, so a council's user with no role sees
neither. Administrators see everything. Deleted
(soft-deleted) records are left out of what anyone reads; an action agreed at an exempt
item is as private as the item.
"""

from django.db.models import Q


def sees_exempt_of(user, council_id: int | None) -> bool:
    """Whether ``user`` (signed in or not) may see the council's exempt items; the rule is
    ``User.sees_exempt_of``, and anonymous visitors never may."""
    return user.is_authenticated and user.sees_exempt_of(council_id)


def exempt_councils_of(user) -> set[int] | None:
    """The councils whose exempt items ``user`` (signed in or not) may see; None: every
    council's. Anonymous visitors see none."""
    return user.exempt_council_ids() if user.is_authenticated else set()


def exempt_filter(user, council_path: str, exempt_path: str) -> Q:
    """Hide exempt rows from users who may not see them.

    ``council_path`` leads from the row to its council's id, ``exempt_path`` to the exempt
    flag; a null flag (a row with no agenda item) counts as public.
    """
    allowed = exempt_councils_of(user)
    if allowed is None:
        return Q()
    public = Q(**{exempt_path: False}) | Q(**{f"{exempt_path}__isnull": True})
    if allowed:
        return public | Q(**{f"{council_path}__in": allowed})
    return public


def published_filter(user, prefix: str = "") -> Q:
    """Hide draft (unpublished) reviews, reached through ``prefix`` ("review__" from a
    recommendation), from everyone but those who see their council's exempt items (the
    same rule: ``exempt_councils_of``)."""
    allowed = exempt_councils_of(user)
    if allowed is None:
        return Q()
    q = Q(**{f"{prefix}published": True})
    if allowed:
        q |= Q(**{f"{prefix}committee__council_id__in": allowed})
    return q


def live_filter(prefix: str = "") -> Q:
    """Leave out soft-deleted rows, reached through ``prefix`` ("recommendation__" from an
    entry). (``SoftDeletable``'s own manager, in scrutiny.common, applies the same rule.)"""
    return Q(**{f"{prefix}deleted_at__isnull": True})


def hide_exempt_items(items, user, council_id: int | None) -> bool:
    """Mark each of a council's agenda items ``hidden`` when it is exempt and ``user`` may
    not see the council's exempt items; return whether they may."""
    sees_exempt = sees_exempt_of(user, council_id)
    for item in items:
        item.hidden = item.exempt and not sees_exempt
    return sees_exempt


def agreed_in_private(action) -> bool:
    """Whether an agreed action was agreed at an exempt item (and so is exempt itself)."""
    return bool(action.item_id and action.item.exempt)

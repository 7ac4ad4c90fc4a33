"""Who may do what with committees, meetings, reviews, decisions and packs.

Every ``can_*`` function takes any user, signed in or not: an anonymous visitor may read
public business and may change nothing. Views pass these flags to templates rather than
templates asking the user object themselves. A page refused goes through
``scrutiny.common.pages.refuse``.
"""

from scrutiny.visibility import sees_exempt_of


def can_manage_council(user, council_id: int | None) -> bool:
    """Democratic services of the council (and administrators) change its business."""
    return user.is_authenticated and user.manages_council(council_id)


def can_add_committee(user) -> bool:
    """Democratic services of a council add its committees; administrators any council's."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or (
        user.is_democratic_services
        and user.organisation is not None
        and user.organisation.is_council
    )


def can_add_reviews(user) -> bool:
    """Democratic services add reviews and decisions for their own council; admins for any."""
    return user.is_authenticated and (
        user.is_superuser or (user.is_democratic_services and user.organisation_id is not None)
    )


def can_have_full_pack(user, council_id: int | None) -> bool:
    """The full pack, exempt items and all, is for those who may see the council's exempt
    items."""
    return sees_exempt_of(user, council_id)


def can_see_deleted(user) -> bool:
    """Democratic services (their own council's) and administrators see deleted
    recommendations and updates, and may restore them."""
    return user.is_authenticated and (user.is_superuser or user.is_democratic_services)


def can_see_outbox(user) -> bool:
    """The outbox page (what email was sent, queued or failed) is for democratic services,
    who see their council's messages, and administrators, who see all."""
    return user.is_authenticated and (
        user.is_superuser or (user.is_democratic_services and user.organisation_id is not None)
    )


def can_resend_mail(user, council_id: int | None) -> bool:
    """A failed email is sent again by democratic services of its council, or an
    administrator (the only ones who see a message with no council)."""
    return user.is_authenticated and user.manages_council(council_id)


def can_edit_chasing(user, council_id: int | None) -> bool:
    """Which reminders and digests the daily chase sends for a council is chosen by its
    democratic services (on /chasing/), or an administrator (for any council)."""
    return user.is_authenticated and user.is_active and user.manages_council(council_id)

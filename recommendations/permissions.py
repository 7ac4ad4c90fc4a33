"""Who may change a recommendation or report progress on it.

- Democratic services manage every recommendation of their own council (and admins all).
- Officers edit executive responses and log updates for their own council's
  recommendations, and log updates on any recommendation their organisation carries.
- Partner representatives log updates only on recommendations their body carries.
- Councillors and the public read only.
- Only democratic services may record a closing status (achieved, not achieved,
  superseded), because only a meeting agrees that a recommendation is done.
- Whoever may log an update may propose closure for the committee's sign-off; only
  democratic services record the committee signing it off or declining it; the proposer
  or democratic services withdraw it.
- Democratic services (and admins) delete and restore their council's recommendations and
  the updates on them; whoever recorded an update may delete it too, but only democratic
  services restore.
- Whoever recorded an update may correct it for ``UPDATE_CORRECTION_DAYS`` after recording
  it; those who manage it may correct it at any time.

Every ``can_*`` function takes any user, signed in or not, and says no to an anonymous
visitor. Views pass the answers to templates as flags; services ask them again before they
write; a page refused goes through ``scrutiny.common.pages.refuse``.
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext

from partnerships.models import Role
from recommendations.models import Recommendation, UpdateEntry


def _council_id(recommendation) -> int:
    return recommendation.review.committee.council_id


def can_manage_review(user, review) -> bool:
    """Democratic services of the review's council (and admins) add its recommendations
    and record a closing status on them."""
    return user.is_authenticated and user.manages_council(review.committee.council_id)


def can_manage(user, recommendation) -> bool:
    return can_manage_review(user, recommendation.review)


def can_edit_response(user, recommendation) -> bool:
    if not user.is_authenticated:
        return False
    if can_manage(user, recommendation):
        return True
    return user.is_officer and user.organisation_id == _council_id(recommendation)


def can_edit_review_responses(user, review) -> bool:
    """Whoever may record the executive response to each of the review's recommendations
    (``can_edit_response``): its council's democratic services and officers, and admins."""
    if not user.is_authenticated:
        return False
    if can_manage_review(user, review):
        return True
    return user.is_officer and user.organisation_id == review.committee.council_id


def loggable_filter(user) -> Q | None:
    """A filter on recommendations this user may log updates on; None means none at all."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Q()
    org = user.organisation_id
    if org is None:
        return None
    q = Q(pk__in=[])
    if user.is_democratic_services or user.is_officer:
        q |= Q(review__committee__council_id=org)
    if user.is_officer or user.is_partner:
        q |= Q(responsible_bodies__id=org)
    return q


def can_log_update(user, recommendation) -> bool:
    q = loggable_filter(user)
    if q is None:
        return False
    return Recommendation.objects.filter(q, pk=recommendation.pk).exists()


def can_log_any_update(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser
        or bool(user.role_names & {Role.OFFICER, Role.PARTNER, Role.DEMOCRATIC_SERVICES})
    )


def can_close(user, recommendation) -> bool:
    return can_manage(user, recommendation)


def can_propose_closure(user, recommendation) -> bool:
    """Whoever may log progress on it (officers, partner representatives of a body that
    carries it, democratic services) may propose that the committee close it."""
    return can_log_update(user, recommendation)


def can_sign_off(user, recommendation) -> bool:
    """Only the council's democratic services (and admins), recording what the committee
    agreed at a meeting, sign a proposal off or decline it."""
    return can_manage(user, recommendation)


def can_withdraw_proposal(user, proposal) -> bool:
    """The person who proposed it, and the council's democratic services (and admins)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return proposal.proposed_by_id == user.pk or can_manage(user, proposal.recommendation)


def can_restore_for_every_council(user) -> bool:
    """Administrators see and restore what was deleted at every council; democratic
    services only at their own (``scrutiny.permissions.can_see_deleted``)."""
    return user.is_authenticated and user.is_superuser


def can_see_history(user) -> bool:
    """Anyone signed in reads the history of a recommendation they may see (the page is a
    404 for the others)."""
    return user.is_authenticated


def can_manage_update(user, update) -> bool:
    """Democratic services who manage every recommendation the update covers (deleted ones
    included), and admins."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    councils = set(
        UpdateEntry.all_objects.filter(update=update).values_list(
            "recommendation__review__committee__council_id", flat=True
        )
    )
    return bool(councils) and all(user.manages_council(c) for c in councils)


def can_delete_update(user, update) -> bool:
    """Those who manage the update, and the person who recorded it."""
    if not user.is_authenticated or not user.is_active:
        return False
    return update.recorded_by_id == user.pk or can_manage_update(user, update)


def can_restore_update(user, update) -> bool:
    return can_manage_update(user, update)


def can_edit_status_words(user, council) -> bool:
    """The council's democratic services (and admins) name its statuses its own way; only
    a council names them."""
    return user.is_authenticated and council.is_council and user.manages_council(council.pk)


def correction_deadline(update) -> datetime.datetime:
    """Until when the person who recorded ``update`` may correct it."""
    return update.created_at + datetime.timedelta(days=settings.UPDATE_CORRECTION_DAYS)


def correction_refusal(user, update) -> str | None:
    """Why ``user`` may not correct ``update`` (words for the 403 page), or None if they may.

    Those who manage the update (``can_manage_update``: democratic services of every
    council it covers, and admins) may at any time; whoever recorded it may within
    ``UPDATE_CORRECTION_DAYS`` of recording it, while they may still log updates on every
    recommendation it covers; nobody else, and never an anonymous visitor.
    """
    if not user.is_authenticated or not user.is_active:
        return gettext("You cannot correct this update.")
    if can_manage_update(user, update):
        return None
    if update.recorded_by_id != user.pk:
        return gettext(
            "Only the person who recorded this update, or democratic services, can correct it."
        )
    if timezone.now() > correction_deadline(update):
        return gettext(
            "Updates can be corrected by the person who recorded them for %(days)s days. "
            "This one was recorded on %(date)s: ask democratic services to correct it."
        ) % {
            "days": settings.UPDATE_CORRECTION_DAYS,
            "date": formats.date_format(timezone.localtime(update.created_at).date()),
        }
    q = loggable_filter(user)
    entries = UpdateEntry.all_objects.filter(update=update)
    ids = set(entries.values_list("recommendation_id", flat=True))
    if q is None or Recommendation.objects.filter(q, pk__in=ids).distinct().count() != len(ids):
        return gettext("You can no longer log updates on every recommendation this update covers.")
    return None


def can_correct_update(user, update) -> bool:
    """Whoever recorded the update, within ``UPDATE_CORRECTION_DAYS`` of recording it (and
    while they may log on every recommendation it covers); those who manage it
    (``can_manage_update``) at any time. ``correction_refusal`` says why not."""
    return correction_refusal(user, update) is None


def can_import_trackers(user, council=None) -> bool:
    """Democratic services (and admins) bring their council's tracker in from a
    spreadsheet; with ``council``, that council's."""
    if not user.is_authenticated or not user.is_active:
        return False
    if council is None:
        return user.is_superuser or (
            user.is_democratic_services and user.organisation_id is not None
        )
    return user.manages_council(council.pk)


def can_check_submissions(user, council_id: int | None = None) -> bool:
    """Democratic services (and admins) check the updates sent through update requests;
    with ``council_id``, that council's."""
    if not user.is_authenticated or not user.is_active:
        return False
    if council_id is None:
        return user.is_superuser or (
            user.is_democratic_services and user.organisation_id is not None
        )
    return user.manages_council(council_id)

"""What changed, for a follower, in the recommendations of what they follow."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from recommendations.models import (
    ClosureProposal,
    ProgressUpdate,
    ProposalState,
    Recommendation,
    Status,
    UpdateEntry,
)
from scrutiny.models import Follow
from scrutiny.selectors.trackers import tracked_recommendations


def follower_of(follow: Follow):
    """Who the follower reads as: their account while it is active, else the public."""
    user = follow.user
    return user if user is not None and user.is_active else AnonymousUser()


def follows_to_chase():
    """Confirmed follows, with what each follows."""
    return Follow.objects.confirmed().select_related(
        "user", "review__committee__council", "committee__council"
    )


def follow_changes(follow: Follow, *, today: datetime.date) -> list:
    """The recommendations of what ``follow`` follows that changed since it was last sent
    (or confirmed): a progress update (with any new status) recorded since, a closure
    signed off since, or the recommendation edited since (its executive response); only
    what the follower may see (the public: published reviews, nothing given or decided at
    an exempt item). Each with ``status_label``."""
    user = follower_of(follow)
    since = follow.last_sent_at or follow.confirmed_at
    recs = Recommendation.objects.visible_to(user)
    if follow.review_id:
        recs = recs.filter(review_id=follow.review_id)
    else:
        recs = recs.filter(review__committee_id=follow.committee_id)
    updated = UpdateEntry.objects.filter(
        recommendation__in=recs,
        update__in=ProgressUpdate.objects.visible_to(user),
        update__created_at__gt=since,
    ).values("recommendation_id")
    signed_off = (
        ClosureProposal.objects.visible_to(user)
        .filter(recommendation__in=recs, state=ProposalState.SIGNED_OFF, decided_at__gt=since)
        .values("recommendation_id")
    )
    # Any edit of the recommendation itself, an executive response first of all, is kept
    # in its history.
    edited = Recommendation.history.filter(id__in=recs.values("pk"), history_date__gt=since).values(
        "id"
    )
    changed = tracked_recommendations(as_at=today, user=user).filter(
        Q(pk__in=updated) | Q(pk__in=signed_off) | Q(pk__in=edited)
    )
    rows = list(changed)
    for rec in rows:
        rec.status_label = Status(rec.status).label
    return rows

"""Recommendations as a tracker shows them as at a date: the reads the meeting page, the
meeting pack and a review's tracker share."""

import datetime

from django.db.models import OuterRef, Subquery

from recommendations.models import ProgressUpdate, Recommendation, UpdateEntry


def with_latest_update(queryset, *, as_at: datetime.date, user):
    """Annotate each recommendation with what its latest update as at ``as_at`` said of it:
    ``latest_update_text`` (and ``latest_update_text_cy``, its Welsh version, so that
    ``localised(rec, "latest_update_text")`` works), and ``latest_update_exempt`` (it was
    given at an exempt item).
    Updates at exempt items count only for a ``user`` who may see them, and "latest" is
    ordered as ``with_status`` orders it, so the text belongs to ``last_update_on``."""
    entries = UpdateEntry.objects.filter(
        recommendation=OuterRef("pk"),
        update__given_on__lte=as_at,
        update__in=ProgressUpdate.objects.visible_to(user),
    ).order_by("-update__given_on", "-update__created_at", "-pk")
    return queryset.annotate(
        latest_update_text=Subquery(entries.values("text")[:1]),
        latest_update_text_cy=Subquery(entries.values("text_cy")[:1]),
        latest_update_exempt=Subquery(entries.values("update__item__exempt")[:1]),
    )


def tracked_recommendations(*, as_at: datetime.date, user, since: datetime.date | None = None):
    """Recommendations as a tracker shows them as at ``as_at``: status, latest update (its
    text too), any closure waiting for sign-off, and the bodies that carry them; with
    ``since``, also their status then (``previous_`` names). Ordered naturally by reference."""
    queryset = Recommendation.objects.with_status(as_at=as_at, user=user)
    if since is not None:
        queryset = queryset.with_status(as_at=since, user=user, prefix="previous_")
    return (
        with_latest_update(queryset, as_at=as_at, user=user)
        .with_proposal(user=user, as_at=as_at)
        .select_related("agreed_by", "review__committee__council")
        .prefetch_related("responsible_bodies")
        .order_by("sort_key")
    )


def tracked_among(chosen, *, user, as_at: datetime.date, limit: int) -> list:
    """The first ``limit`` recommendations of ``chosen`` (what a page lists: its own
    selection, filters and order) as ``tracked_recommendations`` reads them, in ``chosen``'s
    order: a file of the page's list. Four queries however many there are (their keys,
    the rows, their bodies, and none more)."""
    pks = list(chosen.values_list("pk", flat=True)[:limit])
    rows = tracked_recommendations(as_at=as_at, user=user).filter(pk__in=pks)
    by_pk = {rec.pk: rec for rec in rows}
    return [by_pk[pk] for pk in pks if pk in by_pk]

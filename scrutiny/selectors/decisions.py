"""Reads for the executive decision pages."""

from django.db.models import Prefetch

from scrutiny.models import DecisionPoint, ExecutiveDecision


def points_prefetch() -> Prefetch:
    """A decision's resolutions and reasons, in order."""
    return Prefetch("points", queryset=DecisionPoint.objects.order_by("kind", "number"))


def decisions_for_list(user):
    """Decisions ``user`` may see, newest first."""
    return (
        ExecutiveDecision.objects.visible_to(user)
        .select_related("decided_by__council", "referred_to", "referred_to_item__meeting")
        .order_by("-decided_on", "minute_number")
    )


def split_points(decision: ExecutiveDecision) -> ExecutiveDecision:
    """Give the decision ``resolutions`` and ``reasons`` from its (prefetched) points."""
    points = list(decision.points.all())
    decision.resolutions = [p for p in points if p.kind == DecisionPoint.Kind.RESOLUTION]
    decision.reasons = [p for p in points if p.kind == DecisionPoint.Kind.REASON]
    return decision

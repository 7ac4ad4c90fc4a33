"""The scrutiny process: committees, meetings and agenda items, reviews, executive decisions
referred to scrutiny, and the actions a meeting agrees. Split by feature; every model is
re-exported here, so ``from scrutiny.models import X`` and Django's model discovery keep
working."""

from scrutiny.models.actions import AgreedAction, AgreedActionQuerySet
from scrutiny.models.committees import (
    AgendaItem,
    AgendaItemQuerySet,
    Committee,
    Meeting,
    MeetingQuerySet,
    long_date,
    taking_review,
)
from scrutiny.models.decisions import (
    DecisionPoint,
    ExecutiveDecision,
    ExecutiveDecisionQuerySet,
    decision_points_errors,
)
from scrutiny.models.follows import Follow, FollowQuerySet
from scrutiny.models.outbox import CouncilChasing, Outbox, OutboxQuerySet, Reminded
from scrutiny.models.reviews import Review, ReviewQuerySet

__all__ = [
    "AgendaItem",
    "AgendaItemQuerySet",
    "AgreedAction",
    "AgreedActionQuerySet",
    "Committee",
    "CouncilChasing",
    "DecisionPoint",
    "ExecutiveDecision",
    "ExecutiveDecisionQuerySet",
    "Follow",
    "FollowQuerySet",
    "Meeting",
    "MeetingQuerySet",
    "Outbox",
    "OutboxQuerySet",
    "Reminded",
    "Review",
    "ReviewQuerySet",
    "decision_points_errors",
    "long_date",
    "taking_review",
]

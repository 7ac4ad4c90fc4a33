"""Recommendations, the executive response to each, and the dated progress updates on them,
split by feature: ``recommendations`` (the status and response choices, recommendations and
their status as at any date), ``updates`` (progress updates and their entries),
``signoff`` (closure proposed for the committee's sign-off) and ``timeline`` (each
recommendation's status kept as a timeline of periods). Every public name is re-exported
here, so ``from recommendations.models import X`` keeps working.
"""

from recommendations.models.imports import (
    ImportProgress,
    ImportRun,
    ImportState,
    SavedImportMapping,
    UndatedTargets,
)
from recommendations.models.recommendations import (
    STALE_MONTHS,
    Audience,
    Recommendation,
    RecommendationQuerySet,
    Response,
    Status,
)
from recommendations.models.requests import (
    SubmissionState,
    SubmittedEntry,
    SubmittedUpdate,
    SubmittedUpdateQuerySet,
)
from recommendations.models.signoff import (
    DECLINE_NEEDS_REASON,
    PROPOSAL_NEEDS_EVIDENCE,
    ClosureProposal,
    ClosureProposalQuerySet,
    ProposalState,
)
from recommendations.models.status_words import (
    RAG_NEAR_DAYS,
    Rag,
    StatusWord,
    StatusWords,
    rag_rating,
)
from recommendations.models.timeline import StatusPeriod, timeline_periods
from recommendations.models.updates import (
    CLOSING_NEEDS_OUTCOME,
    ENTRY_NEEDS,
    PAUSED_NEEDS_REASON,
    SLIPPED_NEEDS_DATE,
    SLIPPED_NEEDS_REASON,
    LiveEntryManager,
    ProgressUpdate,
    ProgressUpdateQuerySet,
    UpdateEntry,
    UpdateKind,
    entry_missing,
)

__all__ = [
    "SubmissionState",
    "SubmittedEntry",
    "SubmittedUpdate",
    "SubmittedUpdateQuerySet",
    "Audience",
    "ClosureProposal",
    "ClosureProposalQuerySet",
    "DECLINE_NEEDS_REASON",
    "PROPOSAL_NEEDS_EVIDENCE",
    "ProposalState",
    "CLOSING_NEEDS_OUTCOME",
    "ENTRY_NEEDS",
    "ImportProgress",
    "ImportRun",
    "SavedImportMapping",
    "ImportState",
    "UndatedTargets",
    "PAUSED_NEEDS_REASON",
    "SLIPPED_NEEDS_DATE",
    "SLIPPED_NEEDS_REASON",
    "STALE_MONTHS",
    "LiveEntryManager",
    "ProgressUpdate",
    "ProgressUpdateQuerySet",
    "RAG_NEAR_DAYS",
    "Rag",
    "Recommendation",
    "RecommendationQuerySet",
    "Response",
    "Status",
    "StatusPeriod",
    "StatusWord",
    "StatusWords",
    "UpdateEntry",
    "UpdateKind",
    "entry_missing",
    "rag_rating",
    "timeline_periods",
]

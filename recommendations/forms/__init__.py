"""Forms for recommendations, executive responses and progress updates, by feature.

Every page shows its errors in one GOV.UK error summary whose links lead to the field at
fault (``scrutiny.common.forms.error_links``), and every form keeps what was typed when it
is sent back.
"""

from recommendations.forms.audit import DeletionForm
from recommendations.forms.recommendations import RecommendationForm, ResponseForm
from recommendations.forms.updates import (
    AgendaItemChoiceField,
    EntryForm,
    UpdateForm,
    UpdateSubmission,
)

__all__ = [
    "AgendaItemChoiceField",
    "DeletionForm",
    "EntryForm",
    "RecommendationForm",
    "ResponseForm",
    "UpdateForm",
    "UpdateSubmission",
]

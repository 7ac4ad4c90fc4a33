"""Forms for recommendations, executive responses and progress updates, by feature.

Every page shows its errors in one GOV.UK error summary whose links lead to the field at
fault (``scrutiny.common.forms.error_links``), and every form keeps what was typed when it
is sent back.

The GOV.UK form kit's names (``DATE_ERRORS_SHORT``, ``DateField``, ``error_links``,
``form_helper``) stay importable here: old import path, kept for code not yet moved
(scrutiny.forms, scrutiny.views); they live in ``scrutiny.common.forms``.
"""

from recommendations.forms.audit import DeletionForm
from recommendations.forms.recommendations import RecommendationForm, ResponseForm
from recommendations.forms.updates import (
    AgendaItemChoiceField,
    EntryForm,
    UpdateForm,
    UpdateSubmission,
)
from scrutiny.common.forms import DATE_ERRORS_SHORT, DateField, error_links, form_helper

__all__ = [
    "DATE_ERRORS_SHORT",
    "AgendaItemChoiceField",
    "DateField",
    "DeletionForm",
    "EntryForm",
    "RecommendationForm",
    "ResponseForm",
    "UpdateForm",
    "UpdateSubmission",
    "error_links",
    "form_helper",
]

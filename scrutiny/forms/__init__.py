"""Forms democratic services use to run committees, split by feature. Every public name is
re-exported here so ``from scrutiny.forms import X`` keeps working."""

from scrutiny.forms.committees import CommitteeForm
from scrutiny.forms.decisions import (
    BaseDecisionPointFormSet,
    DecisionForm,
    DecisionPointForm,
    DecisionPointFormSet,
    decision_point_initial,
)
from scrutiny.forms.due import AddFromDueForm
from scrutiny.forms.meetings import AgendaItemForm, AgreedActionForm, MeetingForm
from scrutiny.forms.record import ItemRecordForms, MeetingRecordForm
from scrutiny.forms.record_rows import (
    RecordActionForm,
    RecordDeliveredForm,
    RecordEntryForm,
    RecordUpdateForm,
)
from scrutiny.forms.reviews import STATUS_FILTER_CHOICES, ReviewFilterForm, ReviewForm

__all__ = [
    "AddFromDueForm",
    "AgendaItemForm",
    "AgreedActionForm",
    "BaseDecisionPointFormSet",
    "CommitteeForm",
    "DecisionForm",
    "DecisionPointForm",
    "DecisionPointFormSet",
    "ItemRecordForms",
    "MeetingForm",
    "MeetingRecordForm",
    "RecordActionForm",
    "RecordDeliveredForm",
    "RecordEntryForm",
    "RecordUpdateForm",
    "ReviewFilterForm",
    "ReviewForm",
    "STATUS_FILTER_CHOICES",
    "decision_point_initial",
]

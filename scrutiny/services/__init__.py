"""Writes of the scrutiny process that check rules or touch several models, each all or
nothing, split by feature. Every public name is re-exported here."""

from scrutiny.services.decisions import PointInput, decision_save
from scrutiny.services.due import agenda_items_add_from_due
from scrutiny.services.record import (
    NOTHING_TO_RECORD,
    ActionRecord,
    ItemRecord,
    RecordResult,
    UpdateRecord,
    meeting_record,
)
from scrutiny.services.signoff import SignOffRecord, proposals_decide

__all__ = [
    "ActionRecord",
    "ItemRecord",
    "NOTHING_TO_RECORD",
    "PointInput",
    "RecordResult",
    "SignOffRecord",
    "UpdateRecord",
    "agenda_items_add_from_due",
    "decision_save",
    "meeting_record",
    "proposals_decide",
]

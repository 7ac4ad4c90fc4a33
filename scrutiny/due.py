"""Moved to ``scrutiny.selectors.due``; these names stay here for modules that still import
them from the old path (scrutiny.services)."""

from scrutiny.selectors.due import (  # noqa: F401
    action_item_description,
    action_item_title,
    due_list,
    progress_item_title,
)

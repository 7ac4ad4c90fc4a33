"""Moved to ``scrutiny.selectors.search``; these names stay here for the tests that still
import them from the old path."""

from scrutiny.selectors.search import (  # noqa: F401
    ACTION,
    DECISION,
    ENTRY,
    KINDS,
    PER_KIND,
    PER_PAGE,
    POINT,
    RECOMMENDATION,
    REVIEW,
    UPDATE,
    Query,
    matching,
)

"""Moved: the reads to ``scrutiny.selectors.packs``, the files to ``scrutiny.exports``.
This name stays here for the tests that still import it from the old path."""

from scrutiny.selectors.packs import meeting_pack  # noqa: F401

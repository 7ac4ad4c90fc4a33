"""The old path of ``CheckRule`` and ``UniqueRule``, now in ``scrutiny.common.rules``:
migrations name them here, so they stay importable from here."""

from scrutiny.common.rules import CheckRule, UniqueRule

__all__ = ["CheckRule", "UniqueRule"]

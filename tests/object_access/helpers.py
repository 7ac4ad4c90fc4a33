"""Plain helpers shared by the object-level access tests."""

from __future__ import annotations


def date_boxes(name: str, day: int, month: int, year: int) -> dict[str, str]:
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}

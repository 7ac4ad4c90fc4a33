"""What the generated world is made of: its sizes, dates, words and small helpers."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, fields

from partnerships.models import User

BATCH = 2_000
PASSWORD = "generated-world"  # every generated account's password (a benchmark, not a site)
START = datetime.date(2014, 1, 6)
HISTORY_END = datetime.date(2026, 11, 30)  # updates, reports and deliveries up to here
END = datetime.date(2027, 7, 31)  # meetings are planned up to here
STANDARD_ITEMS = ["Apologies for absence", "Declarations of interest", "Minutes"]
THEMES = [
    "Care workforce",
    "Adult social care",
    "Children's services",
    "Housing",
    "Climate and nature",
    "Town centres",
    "Education attainment",
    "Public health",
    "Waste and recycling",
    "Transport",
    "Workforce wellbeing",
    "Digital services",
    "Leisure and culture",
    "Community safety",
]
COMMITTEES = [
    "Adult Social Care Scrutiny Commission",
    "Children and Young People Scrutiny Committee",
    "Housing Scrutiny Committee",
    "Environment and Place Scrutiny Committee",
    "Health and Wellbeing Scrutiny Commission",
    "Economy and Skills Scrutiny Committee",
    "Corporate Resources Scrutiny Committee",
    "Community Safety Scrutiny Committee",
]
WORDS = (
    "The council and its partners will work with providers to improve recruitment, "
    "retention and training, and report progress to the committee."
)
WORKFORCE = "The workforce plan sets out how staff are recruited, trained and kept."


@dataclass(frozen=True)
class Size:
    """How much to generate, in all (councils share it equally)."""

    councils: int
    partners: int
    recommendations: int
    reviews: int
    meetings: int
    entries: int

    def scaled(self, factor: float) -> Size:
        return Size(**{f.name: max(1, round(getattr(self, f.name) * factor)) for f in fields(self)})


LARGE = Size(
    councils=1, partners=30, recommendations=10_000, reviews=700, meetings=2_000, entries=50_000
)
NATIONAL = Size(
    councils=400,
    partners=400,
    recommendations=235_000,
    reviews=16_450,
    meetings=47_000,
    entries=1_150_000,
)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def share(total: int, parts: int, index: int) -> int:
    """Part ``index`` of ``total`` split into ``parts`` nearly equal whole parts."""
    return total // parts + (1 if index < total % parts else 0)


def place(index: int) -> str:
    first = ["North", "South", "East", "West", "Upper", "Lower", "Great", "Little", "Old", "New"]
    second = ["bridge", "ford", "ham", "ton", "field", "wick", "by", "mouth", "stow", "well"]
    name = first[index % 10] + second[index // 10 % 10]
    return name if index < 100 else f"{name} {index // 100 + 1}"


def in_batches(model, rows: list) -> list:
    for start in range(0, len(rows), BATCH):
        model.objects.bulk_create(rows[start : start + BATCH])
    return rows


def deleted_fields(rng: random.Random, day: datetime.date, by: User | None) -> dict:
    when = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    return {"deleted_at": when, "deleted_by": by, "deletion_reason": "Entered twice by mistake."}

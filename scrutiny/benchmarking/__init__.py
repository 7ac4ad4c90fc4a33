"""A generated world for measuring pages at scale: councils with committees, meetings and
their agenda items, reviews, recommendations, progress updates at meetings, agreed actions,
executive decisions, partner bodies and people in every role.

Written with ``bulk_create`` in batches, council by council, so memory stays bounded; no
history rows are written (``bulk_create`` sends no signals). The same seed gives the same
world. Every row keeps the models' constraints and ``clean()`` rules: names and titles are
numbered so they never clash in any case, agreed actions fall due and are delivered on or
after their meeting, decisions are referred to a later meeting of the committee named.
"""

from __future__ import annotations

import random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from partnerships.models import Organisation, Role, User
from recommendations.services import timeline_rebuild
from scrutiny.benchmarking.base import (
    LARGE,
    NATIONAL,
    PASSWORD,
    THEMES,
    Size,
    in_batches,
    place,
)
from scrutiny.benchmarking.council import CouncilWorld

__all__ = ["LARGE", "NATIONAL", "PASSWORD", "Generator", "Size", "generate"]


class Generator:
    """Generates a world of ``size`` with ``rng``; ``counts`` says what was written."""

    def __init__(self, size: Size, seed: int = 1):
        self.size = size
        self.rng = random.Random(seed)
        self.counts: dict[str, int] = {}
        self.password = make_password(PASSWORD, salt="generatedworld")

    def count(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def run(self, progress=lambda message: None) -> dict[str, int]:
        councils = self.organisations()
        self.accounts(councils)
        for index, council in enumerate(councils):
            with transaction.atomic():
                CouncilWorld(self, council, index).build()
            if (index + 1) % 20 == 0 or index + 1 == len(councils):
                progress(f"{index + 1} of {len(councils)} councils")
        # Bulk inserts bypass the services: every timeline, from the entries, once the
        # planner knows the tables' sizes (without statistics it scans the entries once
        # per batch: 390 s instead of 10 for the large council).
        analyze()
        self.count("status periods", timeline_rebuild())
        return self.counts

    def organisations(self) -> list[Organisation]:
        size = self.size
        councils = in_batches(
            Organisation,
            [
                Organisation(name=f"{place(i)} City Council", short_name=f"{place(i)[:3].upper()}C")
                for i in range(size.councils)
            ],
        )
        kinds = [Organisation.Kind.PARTNERSHIP, Organisation.Kind.NHS, Organisation.Kind.NATIONAL]
        partners = []
        for i in range(size.partners):
            kind = kinds[i % 3]
            partnership = kind == Organisation.Kind.PARTNERSHIP
            partners.append(
                Organisation(
                    name=f"{THEMES[i % len(THEMES)]} {kind.label} {i + 1}",
                    short_name=f"P{i + 1}",
                    kind=kind,
                    host=councils[i % len(councils)] if partnership else None,
                    legal_basis="A partnership agreement." if partnership else "",
                    established_year=2000 + i % 20,
                )
            )
        in_batches(Organisation, partners)
        through = Organisation.members.through
        through.objects.bulk_create(
            through(from_organisation=p, to_organisation=councils[(i + k) % len(councils)])
            for i, p in enumerate(partners)
            if p.kind == Organisation.Kind.PARTNERSHIP
            for k in range(min(3, len(councils)))
        )
        self.partners = partners
        self.count("organisations", len(councils) + len(partners))
        return councils

    def accounts(self, councils: list[Organisation]) -> None:
        """Per council a councillor, an officer and democratic services; a representative
        per partner body; one administrator. The first council's and the first partner's
        are plain ("democratic", "partner"); others carry their number ("c2-democratic")."""
        groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
        users, roles = [], []
        people = [
            ("councillor", Role.COUNCILLOR),
            ("officer", Role.OFFICER),
            ("democratic", Role.DEMOCRATIC_SERVICES),
        ]
        for i, council in enumerate(councils):
            for name, role in people:
                users.append(self.user(name if i == 0 else f"c{i + 1}-{name}", council))
                roles.append(role)
        for i, partner in enumerate(self.partners):
            users.append(self.user("partner" if i == 0 else f"p{i + 1}-partner", partner))
            roles.append(Role.PARTNER)
        admin = self.user("admin", None)
        admin.is_staff = admin.is_superuser = True
        users.append(admin)
        in_batches(User, users)
        through = User.groups.through
        through.objects.bulk_create(
            through(user=user, group=groups[role]) for user, role in zip(users, roles, strict=False)
        )
        self.democratic = {u.organisation_id: u for u in users if u.username.endswith("democratic")}
        self.count("users", len(users))

    def user(self, username: str, organisation: Organisation | None) -> User:
        return User(
            username=username,
            password=self.password,
            first_name=username.split("-")[-1].title(),
            last_name="Generated",
            organisation=organisation,
            job_title="Generated account",
        )


def analyze() -> None:
    """Gather PostgreSQL's planner statistics now, as autovacuum would in a while."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def generate(size: Size, seed: int = 1, progress=lambda message: None) -> dict[str, int]:
    """Fill the database with a world of ``size``; what was written, by kind."""
    started = timezone.now()
    counts = Generator(size, seed).run(progress)
    counts["seconds"] = round((timezone.now() - started).total_seconds(), 1)
    return counts

"""The reads behind the daily chase: which councils send what, to whom, and what a weekly
digest lists (the home page's own selectors, as the recipient sees them)."""

from __future__ import annotations

import datetime

from partnerships.models import Organisation, Role, User
from recommendations.models import Recommendation
from scrutiny.models import CouncilChasing
from scrutiny.selectors.home import HOME_LIST_LIMIT, council_summary


def councils_chasing() -> list[tuple[Organisation, CouncilChasing]]:
    """Every council with its switches (the defaults where it has not set them)."""
    councils = Organisation.objects.councils().select_related("chasing").order_by("name")
    found = []
    for council in councils:
        try:
            chasing = council.chasing
        except CouncilChasing.DoesNotExist:
            chasing = CouncilChasing(council=council)
        found.append((council, chasing))
    return found


def democratic_services_of(council: Organisation) -> list[User]:
    """The council's active democratic services accounts that have an email address."""
    return list(
        User.objects.filter(
            organisation=council, is_active=True, groups__name=Role.DEMOCRATIC_SERVICES.value
        )
        .exclude(email="")
        .order_by("pk")
        .distinct()
    )


def weekly_digest(user: User, council: Organisation, today: datetime.date) -> dict:
    """What is outstanding at ``council`` as ``user`` sees it: recommendations past their
    target date or gone quiet, executive responses overdue, agreed actions overdue, and
    closures waiting for the committee's sign-off; the first few of each and how many."""
    summary = council_summary(user, today, council.pk)
    sign_off = (
        Recommendation.objects.visible_to(user)
        .filter(review__committee__council_id=council.pk)
        .proposed_for_sign_off(user)
        .select_related("review")
        .order_by("review__title", "sort_key")
    )
    sign_off_rows = list(sign_off[: HOME_LIST_LIMIT + 1])
    digest = {
        "council": council,
        "overdue": list(summary["overdue"]),
        "overdue_count": summary["overdue_count"],
        "stale": list(summary["stale"]),
        "stale_count": summary["stale_count"],
        "responses_overdue": summary["responses_overdue"],
        "responses_overdue_count": summary["responses_overdue_count"],
        "actions_overdue": summary["actions_overdue"],
        "actions_overdue_count": summary["actions_overdue_count"],
        "sign_off": sign_off_rows[:HOME_LIST_LIMIT],
        "sign_off_count": (
            sign_off.count() if len(sign_off_rows) > HOME_LIST_LIMIT else len(sign_off_rows)
        ),
    }
    digest["anything"] = any(
        digest[name]
        for name in (
            "overdue_count",
            "stale_count",
            "responses_overdue_count",
            "actions_overdue_count",
            "sign_off_count",
        )
    )
    return digest

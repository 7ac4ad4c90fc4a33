"""The home page's reads: the summary anyone sees, and what a signed-in user follows."""

import datetime

from django.db.models import F
from django.db.models.functions import Coalesce

from recommendations.models import Recommendation
from recommendations.permissions import loggable_filter
from scrutiny.models import AgreedAction, Committee, Meeting, Review
from scrutiny.selectors.common import hide_unseen_reviews, status_rows
from scrutiny.selectors.due import updates_owed

HOME_LIST_LIMIT = 10


def your_committees(user):
    """A council's people follow their council's committees; a partner representative
    follows the committees its body reports to through the recommendations it carries."""
    if not user.is_authenticated or not user.organisation_id:
        return None
    if user.is_partner:
        carried = Recommendation.objects.visible_to(user).carried_by(user.organisation_id)
        return Committee.objects.filter(pk__in=carried.values("review__committee_id"))
    return Committee.objects.filter(council_id=user.organisation_id)


def actions_overdue(user, today: datetime.date) -> dict:
    """The agreed actions ``user`` may see that slipped past the meeting or date they were
    due at, longest overdue first, and how many there are."""
    overdue = AgreedAction.objects.visible_to(user).overdue(today)
    shown = list(
        overdue.with_flags(today)
        .select_related(
            "meeting__committee__council", "item", "review", "falls_to_organisation", "due_meeting"
        )
        .order_by(Coalesce("due_meeting__date", "due_on"), "id")[:HOME_LIST_LIMIT]
    )
    hide_unseen_reviews(shown, user)
    return {"actions_overdue": shown, "actions_overdue_count": overdue.count()}


def recommendation_summary(recommendations, today: datetime.date) -> dict:
    """Recommendations by status, and those overdue or gone quiet (the first few of each,
    and how many)."""
    by_status = recommendations.status_counts(today)
    counts = {status: row["n"] for status, row in by_status.items()}
    overdue = recommendations.overdue(today).select_related("review__committee")
    stale = recommendations.stale(today).select_related("review__committee")
    rows = status_rows(counts)
    return {
        "status_rows": rows,
        "status_summary": ", ".join(
            f"{row['count']} {row['label'].lower()}" for row in rows if row["count"]
        ),
        "total_recommendations": sum(counts.values()),
        "overdue": overdue.order_by("current_target_date", "review__title", "sort_key")[
            :HOME_LIST_LIMIT
        ],
        "overdue_count": sum(row["overdue"] for row in by_status.values()),
        # Never updated first: the quietest of all.
        "stale": stale.order_by(
            F("last_update_on").asc(nulls_first=True), "review__title", "sort_key"
        )[:HOME_LIST_LIMIT],
        "stale_count": sum(row["stale"] for row in by_status.values()),
    }


def followed(user, meetings) -> dict:
    """The committees a signed-in user follows and their upcoming meetings."""
    committees = your_committees(user)
    if committees is None:
        return {}
    return {
        "your_committees": committees.select_related("council"),
        "your_meetings": meetings.filter(committee__in=committees).select_related("committee")[
            :HOME_LIST_LIMIT
        ],
    }


def updates_to_give(user, recommendations, today: datetime.date) -> dict:
    """For officers and partner representatives: the open recommendations they may update,
    and the updates they owe."""
    if not (user.is_authenticated and (user.is_officer or user.is_partner)):
        return {}
    allowed = loggable_filter(user)
    if allowed is None:
        return {}
    loggable = (
        recommendations.filter(pk__in=Recommendation.objects.filter(allowed).values("pk"))
        .open()
        .select_related("review__committee")
        .order_by("review__title", "sort_key")
    )
    owed = updates_owed(user, today)
    return {
        "loggable": loggable[: HOME_LIST_LIMIT * 2],
        "loggable_count": loggable.count(),
        "owed": owed[: HOME_LIST_LIMIT * 2],
        "owed_count": len(owed),
    }


def home_summary(user, today: datetime.date) -> dict:
    """Everything the home page shows ``user``, limited to what they may see."""
    recommendations = Recommendation.objects.visible_to(user).with_status(user=user)
    meetings = Meeting.objects.upcoming(today).exclude(cancelled=True)
    responses_overdue = (
        Review.objects.visible_to(user)
        .response_overdue(today)
        .select_related("committee__council")
        .order_by("response_due_on", "title")
    )
    return {
        **recommendation_summary(recommendations, today),
        "responses_overdue": responses_overdue,
        "upcoming_meetings": meetings.select_related("committee__council")[:HOME_LIST_LIMIT],
        "limit": HOME_LIST_LIMIT,
        **actions_overdue(user, today),
        **followed(user, meetings),
        **updates_to_give(user, recommendations, today),
    }

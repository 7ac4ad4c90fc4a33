"""The home page's reads: one council's summary (what anyone may see of it), and what a
signed-in user follows. Each list is cut and counted in the database, and the summary is
bounded by the one council's size, not the site's (issue 17)."""

import datetime

from django.db.models import Count, F, Window
from django.db.models.functions import Coalesce

from recommendations.models import Recommendation, StatusWords
from scrutiny.models import AgreedAction, Committee, Meeting, Review
from scrutiny.selectors.common import hide_unseen_reviews, status_rows
from scrutiny.selectors.owed import loggable, updates_owed

HOME_LIST_LIMIT = 10
# Responses received late are listed for this long after they came.
LATE_RESPONSES_SHOWN_FOR = datetime.timedelta(days=365)


def first_and_count(queryset, limit: int) -> tuple[list, int]:
    """The first ``limit`` rows of ``queryset`` and how many it has, in one query: the rows
    are chosen (and their statuses read) once, not again for a count."""
    rows = list(queryset.annotate(total_rows=Window(Count("pk")))[:limit])
    return rows, (rows[0].total_rows if rows else 0)


def your_committees(user):
    """A council's people follow their council's committees; a partner representative
    follows the committees its body reports to through the recommendations it carries."""
    if not user.is_authenticated or not user.organisation_id:
        return None
    if user.is_partner:
        carried = Recommendation.objects.visible_to(user).carried_by(user.organisation_id)
        return Committee.objects.filter(pk__in=carried.values("review__committee_id"))
    return Committee.objects.filter(council_id=user.organisation_id)


def actions_overdue(user, today: datetime.date, council_id: int | None = None) -> dict:
    """The agreed actions ``user`` may see (of the council, where one is given) that slipped
    past the meeting or date they were due at, longest overdue first, and how many."""
    overdue = AgreedAction.objects.visible_to(user).overdue(today)
    if council_id is not None:
        overdue = overdue.filter(meeting__committee__council_id=council_id)
    shown, count = first_and_count(
        overdue.with_flags(today)
        .select_related(
            "meeting__committee__council", "item", "review", "falls_to_organisation", "due_meeting"
        )
        .order_by(Coalesce("due_meeting__date", "due_on"), "id"),
        HOME_LIST_LIMIT,
    )
    hide_unseen_reviews(shown, user)
    return {"actions_overdue": shown, "actions_overdue_count": count}


def recommendation_summary(
    recommendations, today: datetime.date, council_id: int | None = None
) -> dict:
    """Recommendations by status, in the words of ``council_id`` where it named them (with
    ours beside: "3 on hold (slipped)"), and those overdue or gone quiet (the first few of
    each, and how many). ``status_words`` is the page's one read of the councils' words."""
    by_status = recommendations.status_counts(today)
    counts = {status: row["n"] for status, row in by_status.items()}
    overdue = recommendations.overdue(today).select_related("review__committee")
    stale = recommendations.stale(today).select_related("review__committee")
    rows = status_rows(counts)
    words = StatusWords()
    return {
        "status_words": words,
        "status_rows": rows,
        "status_summary": ", ".join(
            f"{row['count']} {words.label_with_ours(row['value'], council_id).lower()}"
            for row in rows
            if row["count"]
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


def updates_to_give(user, today: datetime.date) -> dict:
    """For officers and partner representatives: the open recommendations they may update,
    and the updates they owe (whichever council the page shows)."""
    if not (user.is_authenticated and (user.is_officer or user.is_partner)):
        return {}
    scope = loggable(user)
    if scope is None:
        return {}
    recommendations, council_id = scope
    loggable_rows = (
        recommendations.visible_to(user)
        .with_status(user=user, council_id=council_id)
        .open()
        .select_related("review__committee")
        .order_by("review__title", "sort_key")
    )
    loggable_list, loggable_count = first_and_count(loggable_rows, HOME_LIST_LIMIT * 2)
    owed, owed_count = first_and_count(updates_owed(user, today, scope), HOME_LIST_LIMIT * 2)
    return {
        "loggable": loggable_list,
        "loggable_count": loggable_count,
        "owed": owed,
        "owed_count": owed_count,
    }


def council_summary(user, today: datetime.date, council_id: int | None) -> dict:
    """What anyone may see of the council's recommendations, reviews, actions and meetings
    (of every council where ``council_id`` is None: a site with none). The reader's
    audience for the one council is known, so one timeline is read, not a choice per row."""
    recommendations = Recommendation.objects.visible_to(user)
    meetings = Meeting.objects.upcoming(today).exclude(cancelled=True)
    reviews = Review.objects.visible_to(user)
    if council_id is not None:
        recommendations = recommendations.filter(review__committee__council_id=council_id)
        meetings = meetings.filter(committee__council_id=council_id)
        reviews = reviews.filter(committee__council_id=council_id)
    recommendations = recommendations.with_status(user=user, council_id=council_id)
    reviews = reviews.select_related("committee__council")
    overdue, overdue_count = first_and_count(
        reviews.response_overdue(today).order_by("response_due_on", "title"), HOME_LIST_LIMIT
    )
    late, late_count = first_and_count(
        reviews.responded_late()
        .filter(response_received_on__gt=today - LATE_RESPONSES_SHOWN_FOR)
        .order_by("-response_received_on", "title"),
        HOME_LIST_LIMIT,
    )
    return {
        **recommendation_summary(recommendations, today, council_id),
        "responses_overdue": overdue,
        "responses_overdue_count": overdue_count,
        # Received late in the last year, latest first: each says how late.
        "responses_late": late,
        "responses_late_count": late_count,
        "upcoming_meetings": meetings.select_related("committee__council")[:HOME_LIST_LIMIT],
        **actions_overdue(user, today, council_id),
    }


def home_summary(user, today: datetime.date, council=None, summary: bool = True) -> dict:
    """Everything the home page shows ``user``: the summary of ``council`` (an
    ``Organisation``; None: of everything, on a site with no council; none at all without
    ``summary``, while the reader is yet to choose a council), and what the user follows
    and owes; limited to what they may see."""
    meetings = Meeting.objects.upcoming(today).exclude(cancelled=True)
    return {
        "council": council,
        "choose_council": not summary,
        **(council_summary(user, today, council.pk if council else None) if summary else {}),
        "limit": HOME_LIST_LIMIT,
        **followed(user, meetings),
        **updates_to_give(user, today),
    }

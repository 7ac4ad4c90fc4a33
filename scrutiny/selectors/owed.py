"""The progress updates an officer or partner representative owes: chosen, dated, ordered and
cut in the database, so that the home page reads a fixed number of rows however many are
owed (issue 17: every one was read into Python to find its next meeting)."""

from __future__ import annotations

import datetime
import re

from django.db.models import DateField, F, Func, Min, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from recommendations.models import Recommendation
from recommendations.permissions import loggable_filter
from scrutiny.models import Meeting


class NextUpdateDue(Func):
    """``Recommendation.next_update_due`` in SQL: ``date`` plus ``months`` calendar months, a
    month end rolling into the next month's first day (31 August + 6 months is 1 March, not
    28 February)."""

    arity = 2
    output_field = DateField()

    def _render(self, compiler, template: str):
        """``template`` with ``{d}`` (the date) and ``{m}`` (the months) compiled in, each
        as often as it appears, with their parameters in the order they come."""
        expressions = self.get_source_expressions()
        compiled = dict(zip("dm", map(compiler.compile, expressions), strict=True))
        sql = template.format(**{key: f"({part[0]})" for key, part in compiled.items()})
        params = [p for key in re.findall(r"\{([dm])\}", template) for p in compiled[key][1]]
        return sql, params

    def as_postgresql(self, compiler, connection, **extra):
        # date + interval is a timestamp; its day differs from the start's when the month
        # was shorter (PostgreSQL, like relativedelta, stops at the month's last day).
        added = "({d} + make_interval(months => {m}::integer))"
        template = (
            f"CASE WHEN EXTRACT(DAY FROM {added}) = EXTRACT(DAY FROM {{d}}) THEN {added}::date"
            f" ELSE (date_trunc('month', {added}) + interval '1 month')::date END"
        )
        return self._render(compiler, template)

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite carries the days over instead (31 August + 6 months is 3 March): when the
        # day changed, the first of the month it landed in.
        added = "date({d}, '+' || {m} || ' months')"
        template = (
            f"CASE WHEN strftime('%%d', {added}) = strftime('%%d', {{d}}) THEN {added}"
            f" ELSE date({added}, 'start of month') END"
        )
        return self._render(compiler, template)


def loggable(user):
    """(the recommendations ``user`` may log updates on, the one council they are all of, or
    None): for a council's officers and democratic services who carry nothing of another
    council (nearly always), their council's recommendations, so that one timeline is read
    and no join of bodies is OR-ed into the filter; else ``loggable_filter``'s. None when
    they may log on none."""
    allowed = loggable_filter(user)
    if allowed is None:
        return None
    org = user.organisation_id
    if org and not user.is_superuser and (user.is_officer or user.is_democratic_services):
        own = Recommendation.objects.filter(review__committee__council_id=org)
        elsewhere = Recommendation.objects.carried_by(org).exclude(
            review__committee__council_id=org
        )
        if not elsewhere.exists():
            return own, org
    return Recommendation.objects.filter(
        pk__in=Recommendation.objects.filter(allowed).values("pk")
    ), None


def _next_meetings(recommendations, today: datetime.date) -> dict[int, datetime.date]:
    """The date of each committee's next meeting (not cancelled), for the committees of
    ``recommendations``: one row per committee, the recommendations read once (a
    semi-join), not joined to every meeting."""
    return dict(
        Meeting.objects.upcoming(today)
        .exclude(cancelled=True)
        .filter(committee_id__in=recommendations.values("review__committee_id"))
        .order_by()
        .values("committee_id")
        .annotate(first=Min("date"))
        .values_list("committee_id", "first")
    )


def updates_owed(user, today: datetime.date | None = None, scope=None):
    """Open recommendations ``user`` may log updates on (``loggable_filter``: for a partner
    representative, only what their body carries) whose next update is due by their
    committee's next meeting, or by today where none is planned; soonest due first (then by
    review and reference). Each has ``next_due`` (``next_update_due``) and
    ``due_meeting_date`` (the date of that next meeting, or None).

    A queryset: slice it and count it in the database, after one query for the committees'
    next meetings (and one in ``loggable``, unless its ``scope`` is given)."""
    today = today or timezone.localdate()
    scope = scope or loggable(user)
    if scope is None:
        return Recommendation.objects.none()
    recommendations, council_id = scope
    # Statuses as at the latest of the next meetings (as the due list at that meeting would
    # read them); then each is due by its own committee's next meeting.
    by = max([today, *_next_meetings(recommendations, today).values()])
    next_meeting = (
        Meeting.objects.upcoming(today)
        .exclude(cancelled=True)
        .filter(committee_id=OuterRef("review__committee_id"))
        .order_by("date")
        .values("date")[:1]
    )
    return (
        recommendations.visible_to(user)
        .with_status(as_at=by, user=user, council_id=council_id)
        .update_due(by)
        .annotate(
            due_meeting_date=Subquery(next_meeting, output_field=DateField()),
            next_due=NextUpdateDue(F("last_heard"), F("review__update_interval_months")),
        )
        .filter(
            next_due__lte=Coalesce(F("due_meeting_date"), Value(today), output_field=DateField())
        )
        .select_related("review__committee")
        .order_by("next_due", "review__title", "review_id", "sort_key")
    )

import copy
import datetime
import re
from collections import Counter, defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from partnerships.access import sees_exempt_of
from partnerships.bilingual import localised
from partnerships.locking import Difference, EditConflict, conflict_response
from partnerships.models import Organisation
from recommendations.forms import error_links
from recommendations.models import ProgressUpdate, Recommendation, Status
from recommendations.permissions import can_log_any_update, loggable_filter
from recommendations.views import save_form_page
from scrutiny.due import due_list, updates_owed, work_programme
from scrutiny.forms import (
    AddFromDueForm,
    AgendaItemForm,
    AgreedActionForm,
    CommitteeForm,
    DecisionForm,
    DecisionPointFormSet,
    MeetingForm,
    MeetingRecordForm,
    RecordChoices,
    ReviewFilterForm,
    ReviewForm,
    decision_point_initial,
)
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Review,
)
from scrutiny.packs import html_to_pdf, meeting_pack, review_tracker, tracker_xlsx
from scrutiny.services import (
    PointInput,
    agenda_items_add_from_due,
    decision_save,
    meeting_record,
)


@require_GET
@cache_control(max_age=3600, public=True)
def theme_css(request):
    """The council's brand colour as a CSS custom property (validated in settings), so the
    built GOV.UK Frontend CSS needs no rebuild per council and no inline styles."""
    css = f":root {{ --govuk-brand-colour: {settings.COUNCIL_COLOUR}; }}\n"
    return HttpResponse(css, content_type="text/css")


# ---------------------------------------------------------------------------------------
# Home, committees, meetings, agenda items and agreed actions.
# (Reviews and executive decisions have their own block below or elsewhere in this file.)
# ---------------------------------------------------------------------------------------

HOME_LIST_LIMIT = 10


def _status_rows(counts: dict[str, int]) -> list[dict]:
    """Every status in the tracker's order, with how many recommendations have it."""
    return [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Status.choices
    ]


def _count_statuses(reviews: list[Review], user) -> None:
    """Give each review ``status_rows`` (the statuses its recommendations stand at now, with
    how many, in the tracker's order) and ``total``, in one query for them all."""
    rows = (
        Recommendation.objects.filter(review__in=[r.pk for r in reviews])
        .with_status(user=user)
        .order_by()
        .values("review_id", "status")
        .annotate(n=Count("pk"))
        .values_list("review_id", "status", "n")
    )
    counts: dict[int, dict[str, int]] = {}
    for review_id, status, n in rows:
        counts.setdefault(review_id, {})[status] = n
    for review in reviews:
        review_counts = counts.get(review.pk, {})
        review.status_rows = [r for r in _status_rows(review_counts) if r["count"]]
        review.total = sum(review_counts.values())


def _hide_unseen_reviews(actions: list[AgreedAction], user) -> None:
    """Drop the link to a draft review the user may not see, keeping the action itself."""
    review_ids = {a.review_id for a in actions if a.review_id}
    if not review_ids:
        return
    seen = set(
        Review.objects.visible_to(user).filter(pk__in=review_ids).values_list("pk", flat=True)
    )
    for action in actions:
        if action.review_id and action.review_id not in seen:
            action.review = None


def _mark_overdue(actions: list[AgreedAction], overdue_ids: set[int]) -> list[AgreedAction]:
    for action in actions:
        action.overdue = action.pk in overdue_ids
    return actions


def _your_committees(user):
    """A council's people follow their council's committees; a partner representative
    follows the committees its body reports to through the recommendations it carries."""
    if not user.is_authenticated or not user.organisation_id:
        return None
    if user.is_partner:
        carried = Recommendation.objects.visible_to(user).carried_by(user.organisation_id)
        return Committee.objects.filter(pk__in=carried.values("review__committee_id"))
    return Committee.objects.filter(council_id=user.organisation_id)


@require_safe
def home(request):
    """The summary anyone can see (recommendations by status, what is overdue or has gone
    quiet, upcoming meetings), and for a signed-in user their committees and what they can
    update. Everything is limited to what the user may see."""
    user = request.user
    today = timezone.localdate()
    recommendations = Recommendation.objects.visible_to(user).with_status(user=user)
    counts = dict(
        recommendations.order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    overdue = recommendations.overdue(today).select_related("review__committee")
    stale = recommendations.stale(today).select_related("review__committee")
    responses_overdue = (
        Review.objects.visible_to(user)
        .response_overdue(today)
        .select_related("committee__council")
        .order_by("response_due_on", "title")
    )
    meetings = Meeting.objects.upcoming(today).exclude(cancelled=True)
    status_rows = _status_rows(counts)
    context = {
        "status_rows": status_rows,
        "status_summary": ", ".join(
            f"{row['count']} {row['label'].lower()}" for row in status_rows if row["count"]
        ),
        "total_recommendations": sum(counts.values()),
        "overdue": overdue.order_by("current_target_date", "review__title", "number")[
            :HOME_LIST_LIMIT
        ],
        "overdue_count": overdue.count(),
        # Never updated first: the quietest of all.
        "stale": stale.order_by(
            F("last_update_on").asc(nulls_first=True), "review__title", "number"
        )[:HOME_LIST_LIMIT],
        "stale_count": stale.count(),
        "responses_overdue": responses_overdue,
        "upcoming_meetings": meetings.select_related("committee__council")[:HOME_LIST_LIMIT],
        "limit": HOME_LIST_LIMIT,
        **_actions_overdue(user, today),
    }
    committees = _your_committees(user)
    if committees is not None:
        context["your_committees"] = committees.select_related("council")
        context["your_meetings"] = meetings.filter(committee__in=committees).select_related(
            "committee"
        )[:HOME_LIST_LIMIT]
    if user.is_authenticated and (user.is_officer or user.is_partner):
        allowed = loggable_filter(user)
        if allowed is not None:
            loggable = (
                recommendations.filter(pk__in=Recommendation.objects.filter(allowed).values("pk"))
                .open()
                .select_related("review__committee")
                .order_by("review__title", "number")
            )
            context["loggable"] = loggable[: HOME_LIST_LIMIT * 2]
            context["loggable_count"] = loggable.count()
            owed = updates_owed(user, today)
            context["owed"] = owed[: HOME_LIST_LIMIT * 2]
            context["owed_count"] = len(owed)
    return render(request, "scrutiny/home.html", context)


@require_safe
def committee_list(request):
    """Every committee, grouped by council, with its next meeting."""
    today = timezone.localdate()
    # Meta.ordering does not apply to a query that aggregates: order explicitly.
    committees = (
        Committee.objects.select_related("council")
        .annotate(
            next_meeting=Min(
                "meetings__date", filter=Q(meetings__date__gte=today, meetings__cancelled=False)
            )
        )
        .order_by("council__name", "name")
    )
    return render(
        request,
        "scrutiny/committee_list.html",
        {"committees": committees, "can_create": _may_create_committee(request.user)},
    )


@require_safe
def committee_detail(request, pk: int):
    """A committee's page is public; its draft reviews and exempt business are not."""
    user = request.user
    today = timezone.localdate()
    committee = get_object_or_404(Committee.objects.select_related("council"), pk=pk)
    meetings = list(committee.meetings.order_by("date", "start_time"))
    reviews = list(
        Review.objects.visible_to(user)
        .filter(committee=committee)
        .order_by("-report_agreed_on", "title")
    )
    _count_statuses(reviews, user)
    # The committee's chart adds up its reviews' counts: no query of its own.
    committee_counts = Counter()
    for review in reviews:
        committee_counts.update({row["value"]: row["count"] for row in review.status_rows})
    actions = AgreedAction.objects.visible_to(user).filter(meeting__committee=committee)
    outstanding = list(
        actions.outstanding()
        .select_related("meeting", "item", "review", "falls_to_organisation", "due_meeting")
        .order_by("meeting__date", "id")
    )
    _hide_unseen_reviews(outstanding, user)
    overdue_ids = set(actions.overdue(today).values_list("pk", flat=True))
    decisions = (
        ExecutiveDecision.objects.visible_to(user)
        .filter(referred_to=committee)
        .select_related("decided_by", "referred_to_item__meeting")
    )
    return render(
        request,
        "scrutiny/committee_detail.html",
        {
            "committee": committee,
            "upcoming": [m for m in meetings if m.date >= today],
            "past": [m for m in reversed(meetings) if m.date < today],
            "reviews": reviews,
            "status_rows": [r for r in _status_rows(committee_counts) if r["count"]],
            "status_total": sum(committee_counts.values()),
            "decisions": decisions,
            "outstanding": _mark_overdue(outstanding, overdue_ids),
            "overdue_count": len(overdue_ids & {a.pk for a in outstanding}),
            "can_manage": user.is_authenticated and user.manages_council(committee.council_id),
        },
    )


# The earliest date a database can hold: "as at" this, every recommendation was not started.
BEFORE_EVERYTHING = datetime.date(1, 1, 1)


@require_safe
def meeting_detail(request, pk: int):
    """A meeting as it happened: its agenda (exempt items shown only to those allowed, to
    others only as "exempt item"), what was reported at each item, each tracked review's
    recommendations as they stood at the meeting with the change since the committee's
    previous meeting, decisions referred to it, and what it agreed, followed to delivery."""
    user = request.user
    meeting = get_object_or_404(Meeting.objects.select_related("committee__council"), pk=pk)
    council_id = meeting.committee.council_id
    sees_exempt = sees_exempt_of(user, council_id)
    previous = meeting.previous()
    since = previous.date if previous else BEFORE_EVERYTHING

    # A public item may report on a draft review: the item shows, the review's title not.
    items = list(
        meeting.items.select_related("review")
        .annotate(
            review_seen=Exists(Review.objects.visible_to(user).filter(pk=OuterRef("review_id")))
        )
        .order_by("number")
    )
    updates = ProgressUpdate.objects.given_at(meeting, user)
    decisions = (
        ExecutiveDecision.objects.visible_to(user)
        .filter(referred_to_item__meeting=meeting)
        .select_related("decided_by")
    )
    by_item: dict[int, dict[str, list]] = {i.pk: {"updates": [], "decisions": []} for i in items}
    for update in updates:
        by_item[update.item_id]["updates"].append(update)
    for decision in decisions:
        by_item[decision.referred_to_item_id]["decisions"].append(decision)
    for item in items:
        item.hidden = item.exempt and not sees_exempt
        item.given_updates = by_item[item.pk]["updates"]
        item.referred_decisions = by_item[item.pk]["decisions"]
        if item.hidden or not item.review_seen:
            item.review = None

    visible_items = AgendaItem.objects.visible_to(user).filter(meeting=meeting)
    reported = Recommendation.objects.filter(
        entries__update__in=ProgressUpdate.objects.visible_to(user).filter(item__meeting=meeting)
    )
    tracked = (
        Recommendation.objects.with_status(as_at=meeting.date, user=user)
        .with_status(as_at=since, user=user, prefix="previous_")
        .prefetch_related("responsible_bodies")
        .order_by("number")
    )
    reviews = (
        Review.objects.visible_to(user)
        .filter(
            Q(pk__in=visible_items.filter(review__isnull=False).values("review_id"))
            | Q(pk__in=reported.values("review_id"))
        )
        .prefetch_related(Prefetch("recommendations", queryset=tracked, to_attr="tracked"))
        .order_by("title")
    )

    actions = AgreedAction.objects.visible_to(user).select_related(
        "meeting", "item", "review", "falls_to_organisation", "due_meeting", "delivered_meeting"
    )
    agreed = list(actions.filter(meeting=meeting).order_by("item__number", "id"))
    due_here = list(actions.filter(due_meeting=meeting).order_by("meeting__date", "id"))
    delivered_here = list(actions.filter(delivered_meeting=meeting).order_by("meeting__date", "id"))
    shown = agreed + due_here + delivered_here
    _hide_unseen_reviews(shown, user)
    overdue_ids = set(
        AgreedAction.objects.overdue()
        .filter(pk__in={a.pk for a in shown})
        .values_list("pk", flat=True)
    )
    _mark_overdue(shown, overdue_ids)

    return render(
        request,
        "scrutiny/meeting_detail.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "previous": previous,
            "items": items,
            "reviews": reviews,
            "agreed": agreed,
            "due_here": due_here,
            "delivered_here": delivered_here,
            "can_manage": user.is_authenticated and user.manages_council(council_id),
            "sees_exempt": sees_exempt,
        },
    )


def _may_create_committee(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or (
        user.is_democratic_services
        and user.organisation is not None
        and user.organisation.is_council
    )


def _require_manager(user, council_id: int) -> None:
    """Only democratic services of the council (and administrators) change its business."""
    if not user.manages_council(council_id):
        raise PermissionDenied(gettext("Only the council's democratic services can change this."))


def _bound(request) -> dict | None:
    return request.POST if request.method == "POST" else None


@login_required
def committee_create(request):
    if not _may_create_committee(request.user):
        raise PermissionDenied(gettext("Only democratic services can add committees."))
    form = CommitteeForm(_bound(request), user=request.user)
    return save_form_page(
        request,
        form,
        "scrutiny/committee_form.html",
        {"committee": None},
        lambda obj: gettext("%(committee)s added") % {"committee": obj},
    )


@login_required
def committee_edit(request, pk: int):
    committee = get_object_or_404(Committee.objects.select_related("council"), pk=pk)
    _require_manager(request.user, committee.council_id)
    form = CommitteeForm(_bound(request), instance=committee, user=request.user)
    return save_form_page(
        request,
        form,
        "scrutiny/committee_form.html",
        {"committee": committee},
        lambda obj: gettext("%(committee)s saved") % {"committee": obj},
    )


def _meeting_for_change(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("committee__council"), pk=pk)


@login_required
def meeting_create(request, pk: int):
    committee = get_object_or_404(Committee.objects.select_related("council"), pk=pk)
    _require_manager(request.user, committee.council_id)
    form = MeetingForm(_bound(request), instance=Meeting(committee=committee), committee=committee)
    return save_form_page(
        request,
        form,
        "scrutiny/meeting_form.html",
        {"committee": committee, "meeting": None},
        lambda obj: gettext("Meeting added: %(meeting)s") % {"meeting": obj},
    )


@login_required
def meeting_edit(request, pk: int):
    meeting = _meeting_for_change(pk)
    _require_manager(request.user, meeting.committee.council_id)
    form = MeetingForm(_bound(request), instance=meeting, committee=meeting.committee)
    return save_form_page(
        request,
        form,
        "scrutiny/meeting_form.html",
        {"committee": meeting.committee, "meeting": meeting},
        lambda obj: gettext("Meeting saved: %(meeting)s") % {"meeting": obj},
    )


def _meeting_part_page(request, form_class, part, *, name: str, message, **form_kwargs):
    """Add or edit ``part``, an agenda item or agreed action of its meeting, on the page
    scrutiny/<model>_form.html; only the council's democratic services (and admins) may."""
    meeting = part.meeting
    _require_manager(request.user, meeting.committee.council_id)
    form = form_class(_bound(request), instance=part, meeting=meeting, **form_kwargs)
    return save_form_page(
        request,
        form,
        f"scrutiny/{part._meta.model_name}_form.html",
        {"meeting": meeting, name: part if part.pk else None},
        message,
    )


@login_required
def item_create(request, pk: int):
    meeting = _meeting_for_change(pk)
    next_number = (meeting.items.aggregate(n=Max("number"))["n"] or 0) + 1
    return _meeting_part_page(
        request,
        AgendaItemForm,
        AgendaItem(meeting=meeting),
        name="item",
        message=lambda obj: gettext("%(item)s added to the agenda") % {"item": obj},
        initial={"number": next_number},
    )


@login_required
def item_edit(request, pk: int):
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__committee__council"), pk=pk
    )
    return _meeting_part_page(
        request,
        AgendaItemForm,
        item,
        name="item",
        message=lambda obj: gettext("%(item)s saved") % {"item": obj},
    )


@login_required
def action_create(request, pk: int):
    meeting = _meeting_for_change(pk)
    return _meeting_part_page(
        request,
        AgreedActionForm,
        AgreedAction(meeting=meeting),
        name="action",
        message=lambda obj: gettext("Agreed action added"),
    )


@login_required
def action_edit(request, pk: int):
    action = get_object_or_404(
        AgreedAction.objects.select_related("meeting__committee__council"), pk=pk
    )
    return _meeting_part_page(
        request,
        AgreedActionForm,
        action,
        name="action",
        message=lambda obj: gettext("Agreed action saved"),
    )


# --- end of home, committee, meeting, item and action views ---------------------------


# ---------------------------------------------------------------------------------------
# Scrutiny reviews, and executive decisions referred to scrutiny.
# ---------------------------------------------------------------------------------------


def _may_add_reviews(user) -> bool:
    """Democratic services add reviews and decisions for their own council; admins for any."""
    return user.is_authenticated and (
        user.is_superuser or (user.is_democratic_services and user.organisation_id is not None)
    )


@require_safe
def review_list(request):
    """Every review the user may see (drafts only to their own council's people), grouped by
    committee and filterable by council, committee, status and late executive response,
    with its dates and how many recommendations stand at each status."""
    user = request.user
    today = timezone.localdate()
    visible = Review.objects.visible_to(user)
    filters = ReviewFilterForm(request.GET or None, reviews=visible)
    reviews = list(
        filters.apply(visible)
        .select_related("committee__council", "response_meeting")
        .order_by(
            "committee__council__name",
            "committee__name",
            F("report_agreed_on").desc(nulls_first=True),
            "title",
        )
    )
    _count_statuses(reviews, user)
    for review in reviews:
        review.overdue = review.response_overdue(today)
    return render(
        request,
        "scrutiny/review_list.html",
        {
            "reviews": reviews,
            "filters": filters,
            "filtered": filters.is_bound and filters.is_valid() and filters.has_changed(),
            "can_create": _may_add_reviews(user),
        },
    )


@require_safe
def review_detail(request, pk: int):
    """A review with its tracker (each recommendation's status now, numbered 1, 2 ... 10),
    where it was discussed and what meetings agreed about it. Draft reviews are 404 for
    anyone outside their council; updates given at exempt items count only for those who
    may see them."""
    user = request.user
    review = get_object_or_404(
        Review.objects.visible_to(user).select_related(
            "committee__council", "response_meeting__committee"
        ),
        pk=pk,
    )
    council_id = review.committee.council_id
    recommendations = list(
        review.recommendations.with_status(user=user)
        .prefetch_related("responsible_bodies")
        .order_by("number")
    )
    counts = Counter(rec.status for rec in recommendations)
    items = (
        review.agenda_items.visible_to(user)
        .select_related("meeting__committee")
        .order_by("meeting__date", "number")
    )
    actions = list(
        AgreedAction.objects.visible_to(user)
        .filter(Q(review=review) | Q(item__review=review))
        .distinct()
        .select_related(
            "meeting", "item", "review", "due_meeting", "delivered_meeting", "falls_to_organisation"
        )
        .order_by("meeting__date", "id")
    )
    today = timezone.localdate()
    for action in actions:
        action.overdue = action.is_overdue(today)
    # When the committee next wants progress on each open recommendation.
    next_updates = [rec for rec in recommendations if rec.status not in Status.closing()]
    for rec in next_updates:
        rec.next_due = rec.next_update_due()
        rec.update_is_due = rec.next_due is not None and rec.next_due <= today
    allowed = loggable_filter(user)
    can_log = (
        can_log_any_update(user)
        and allowed is not None
        and bool(recommendations)
        and review.recommendations.filter(allowed).exists()
    )
    return render(
        request,
        "scrutiny/review_detail.html",
        {
            "review": review,
            "recommendations": recommendations,
            "status_rows": [r for r in _status_rows(counts) if r["count"]],
            "response_overdue": review.response_overdue(today),
            "items": items,
            "actions": actions,
            "next_updates": next_updates,
            "can_manage": user.is_authenticated and user.manages_council(council_id),
            "can_log": can_log,
        },
    )


def _review_form_page(request, form: ReviewForm, review: Review | None):
    return save_form_page(
        request,
        form,
        "scrutiny/review_form.html",
        {"review": review},
        lambda obj: (
            (gettext("Review saved: %(review)s") if review else gettext("Review added: %(review)s"))
            % {"review": localised(obj, "title")}
        ),
    )


@login_required
def review_create(request):
    if not _may_add_reviews(request.user):
        raise PermissionDenied(gettext("Only democratic services can add reviews."))
    form = ReviewForm(_bound(request), user=request.user)
    return _review_form_page(request, form, None)


@login_required
def review_edit(request, pk: int):
    review = get_object_or_404(
        Review.objects.visible_to(request.user).select_related("committee__council"), pk=pk
    )
    _require_manager(request.user, review.committee.council_id)
    # The form changes its instance as it validates; the page's headings keep the saved one.
    form = ReviewForm(_bound(request), instance=copy.copy(review), user=request.user)
    return _review_form_page(request, form, review)


@require_safe
def decision_list(request):
    """Executive decisions referred to scrutiny, newest first; those considered at an exempt
    item only for the people who may see it."""
    user = request.user
    decisions = (
        ExecutiveDecision.objects.visible_to(user)
        .select_related("decided_by__council", "referred_to", "referred_to_item__meeting")
        .order_by("-decided_on", "minute_number")
    )
    return render(
        request,
        "scrutiny/decision_list.html",
        {"decisions": decisions, "can_create": _may_add_reviews(user)},
    )


def _points_prefetch():
    return Prefetch("points", queryset=DecisionPoint.objects.order_by("kind", "number"))


@require_safe
def decision_detail(request, pk: int):
    """A decision as the minutes record it: minute number, who decided and when, its numbered
    resolutions and reasons, and where it was referred. 404 when it was considered at an
    exempt item the user may not see."""
    user = request.user
    decision = get_object_or_404(
        ExecutiveDecision.objects.visible_to(user)
        .select_related(
            "decided_by__council", "referred_to__council", "referred_to_item__meeting__committee"
        )
        .prefetch_related(_points_prefetch()),
        pk=pk,
    )
    points = list(decision.points.all())
    return render(
        request,
        "scrutiny/decision_detail.html",
        {
            "decision": decision,
            "resolutions": [p for p in points if p.kind == DecisionPoint.Kind.RESOLUTION],
            "reasons": [p for p in points if p.kind == DecisionPoint.Kind.REASON],
            "can_manage": user.is_authenticated
            and user.manages_council(decision.decided_by.council_id),
        },
    )


def _points_text(points: list[tuple[int, str]]) -> str:
    return "\n".join(f"({number}) {text}" for number, text in points) or gettext("None")


def _point_differences(current: ExecutiveDecision, formsets) -> list[Difference]:
    """The resolutions and reasons, where the saved decision and the typed one differ."""
    found = []
    for label, formset in formsets:
        saved = sorted((p.number, p.text) for p in current.points.all() if p.kind == formset.kind)
        if saved != formset.points():
            found.append(Difference(label, _points_text(saved), _points_text(formset.points())))
    return found


def _decision_form_page(request, decision: ExecutiveDecision | None):
    """The decision with its resolutions and reasons as two sets of rows, saved together by
    ``decision_save``; every error, on the decision or any row, is listed in one summary and
    everything typed stays on the page. A decision someone else saved since the page was
    opened is never overwritten: the page comes back (409) comparing both versions."""
    data = _bound(request)
    form = DecisionForm(data, instance=copy.copy(decision), user=request.user)
    kinds = DecisionPoint.Kind
    resolutions = DecisionPointFormSet(
        data,
        prefix="resolutions",
        kind=kinds.RESOLUTION,
        initial=decision_point_initial(decision, kinds.RESOLUTION),
    )
    reasons = DecisionPointFormSet(
        data,
        prefix="reasons",
        kind=kinds.REASON,
        initial=decision_point_initial(decision, kinds.REASON),
    )
    formsets = [
        (gettext("Resolutions"), resolutions),
        (gettext("Reasons for the decision"), reasons),
    ]
    if data is not None:
        valid = [form.is_valid(), resolutions.is_valid(), reasons.is_valid()]
        if all(valid):
            try:
                saved = decision_save(
                    decision=form.save(commit=False),
                    resolutions=[PointInput(n, t) for n, t in resolutions.points()],
                    reasons=[PointInput(n, t) for n, t in reasons.points()],
                    saved_by=request.user,
                    version=form.loaded_version,
                )
            except EditConflict as conflict:
                return conflict_response(
                    request,
                    "scrutiny/decision_form.html",
                    {"decision": decision, "formsets": formsets, "error_links": []},
                    form,
                    conflict,
                    extra=_point_differences(conflict.current, formsets)
                    if conflict.current
                    else (),
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error.messages)
            else:
                messages.success(
                    request, gettext("Decision saved: %(decision)s") % {"decision": saved}
                )
                return redirect(saved)
    return render(
        request,
        "scrutiny/decision_form.html",
        {
            "form": form,
            "decision": decision,
            "formsets": formsets,
            "error_links": error_links(form, resolutions, reasons, whole_date_to_day_box=True),
        },
    )


@login_required
def decision_create(request):
    if not _may_add_reviews(request.user):
        raise PermissionDenied(gettext("Only democratic services can add decisions."))
    return _decision_form_page(request, None)


@login_required
def decision_edit(request, pk: int):
    decision = get_object_or_404(
        ExecutiveDecision.objects.visible_to(request.user)
        .select_related("decided_by__council")
        .prefetch_related(_points_prefetch()),
        pk=pk,
    )
    _require_manager(request.user, decision.decided_by.council_id)
    return _decision_form_page(request, decision)


# --- end of review and decision views -----------------------------------------------------


# ---------------------------------------------------------------------------------------
# The meeting cycle: what is due at a meeting, adding it to the agenda in one step, and a
# committee's work programme (reads in scrutiny.due; meeting-cycle helper).
# ---------------------------------------------------------------------------------------


def _actions_overdue(user, today: datetime.date) -> dict:
    """For the home page: the agreed actions ``user`` may see that slipped past the meeting
    or date they were due at, longest overdue first, and how many there are."""
    overdue = AgreedAction.objects.visible_to(user).overdue(today)
    shown = list(
        overdue.select_related(
            "meeting__committee__council", "item", "review", "falls_to_organisation", "due_meeting"
        ).order_by(Coalesce("due_meeting__date", "due_on"), "id")[:HOME_LIST_LIMIT]
    )
    _hide_unseen_reviews(shown, user)
    for action in shown:
        action.overdue = True
    return {"actions_overdue": shown, "actions_overdue_count": overdue.count()}


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_due(request, pk: int):
    """Everything that falls to a meeting: agreed actions and requested reports not yet
    delivered (flagged when they slipped past an earlier meeting) and recommendations whose
    next update is due, with who owes it. Public business: anyone may read it, exempt rows
    and draft reviews only those allowed. Democratic services of the council (and admins)
    add what they choose to the agenda in one step; anyone else posting is sent to sign in,
    or refused."""
    user = request.user
    meeting = get_object_or_404(Meeting.objects.select_related("committee__council"), pk=pk)
    council_id = meeting.committee.council_id
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        _require_manager(user, council_id)
    due = due_list(meeting, user)
    _hide_unseen_reviews(due.actions, user)
    can_manage = user.is_authenticated and user.manages_council(council_id)
    form = AddFromDueForm(_bound(request), due=due) if can_manage else None
    if form is not None and form.is_bound and form.is_valid():
        chosen = form.cleaned_data
        try:
            items = agenda_items_add_from_due(
                meeting=meeting,
                reviews=list(Review.objects.filter(pk__in=chosen.get("reviews", []))),
                # As the page showed them: the service refuses any changed since.
                actions=chosen.get("actions", []),
                user=user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            added = "; ".join(
                (
                    gettext("item %(number)s, %(title)s")
                    if item.added
                    else gettext("item %(number)s, %(title)s (now also takes an agreed action)")
                )
                % {"number": item.number, "title": item.title}
                for item in items
            )
            messages.success(request, gettext("Added to the agenda: %(items)s") % {"items": added})
            return redirect(meeting)
    return render(
        request,
        "scrutiny/meeting_due.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "due": due,
            "form": form,
            "error_links": error_links(form, non_field_anchor=form.first_anchor) if form else [],
        },
    )


@require_safe
def committee_work_programme(request, pk: int):
    """A committee's meetings still to come, each with its agenda so far and what first
    falls due at it, and what is not yet placed at a meeting. Public, like the committee's
    page; exempt items and actions, and draft reviews, only for those allowed."""
    user = request.user
    committee = get_object_or_404(Committee.objects.select_related("council"), pk=pk)
    programme = work_programme(committee, user)
    _hide_unseen_reviews(
        [a for row in programme.meetings for a in row.actions] + programme.unplaced_actions, user
    )
    sees_exempt = sees_exempt_of(user, committee.council_id)
    for row in programme.meetings:
        for item in row.items:
            item.hidden = item.exempt and not sees_exempt
    return render(
        request,
        "scrutiny/committee_work_programme.html",
        {
            "committee": committee,
            "programme": programme,
            "today": timezone.localdate(),
            "can_manage": user.is_authenticated and user.manages_council(committee.council_id),
        },
    )


# --- end of the meeting-cycle views --------------------------------------------------------


# ---------------------------------------------------------------------------------------
# Meeting packs and review trackers for print and appendices (reads in scrutiny.packs).
# ---------------------------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file_response(content: bytes, content_type: str, filename: str, *, private: bool):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        # Exempt information must not sit in shared caches.
        response["Cache-Control"] = "private, no-store"
    return response


def _pack_for(request, pk: int):
    """The public pack (anyone), or with ?full=1 the full pack, which only people who may
    see the council's exempt items get (others 403)."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee__council"), pk=pk)
    full = request.GET.get("full") == "1"
    if full and not sees_exempt_of(request.user, meeting.committee.council_id):
        raise PermissionDenied(
            gettext("Only the council's members and officers may have the full pack.")
        )
    return meeting_pack(meeting=meeting, user=request.user, full=full)


@require_safe
def meeting_pack_page(request, pk: int):
    """The meeting pack as a web page that prints as the pack (pack.css in print)."""
    pack = _pack_for(request, pk)
    page = reverse("scrutiny:meeting-pack", args=[pk])
    pdf = reverse("scrutiny:meeting-pack-pdf", args=[pk])
    if pack.full:
        links = [
            {"label": gettext("Download the full pack as a PDF"), "href": f"{pdf}?full=1"},
            {"label": gettext("View the public pack"), "href": page},
        ]
    else:
        links = [{"label": gettext("Download the public pack as a PDF"), "href": pdf}]
        if sees_exempt_of(request.user, pack.council.pk):
            links.append(
                {
                    "label": gettext("View the full pack, with exempt items"),
                    "href": f"{page}?full=1",
                }
            )
    response = render(request, "scrutiny/meeting_pack.html", {"pack": pack, "links": links})
    if pack.full:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def meeting_pack_pdf(request, pk: int):
    """The meeting pack as a tagged A4 PDF, named for the committee, date and kind of pack."""
    pack = _pack_for(request, pk)
    html = render_to_string("scrutiny/meeting_pack_pdf.html", {"pack": pack}, request=request)
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    return _file_response(pdf, "application/pdf", pack.filename("pdf"), private=pack.full)


def _tracker_for(request, pk: int):
    """A review's tracker as the user sees the review page (drafts 404 outside their council),
    as at today or ?as_at=YYYY-MM-DD; None when the date is not a real one."""
    review = get_object_or_404(
        Review.objects.visible_to(request.user).select_related("committee__council"), pk=pk
    )
    as_at = request.GET.get("as_at", "").strip()
    if not as_at:
        day = timezone.localdate()
    elif not re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_at):
        return None
    else:
        try:
            day = datetime.date.fromisoformat(as_at)
        except ValueError:
            return None
    return review_tracker(review=review, user=request.user, as_at=day)


def _bad_as_at() -> HttpResponse:
    return HttpResponse(
        gettext(
            "The as_at date must be a real date written as YYYY-MM-DD, for example 2021-05-25."
        ),
        status=400,
        content_type="text/plain; charset=utf-8",
    )


@require_safe
def review_tracker_pdf(request, pk: int):
    """A review's tracker on its own as a tagged A4 PDF, for appendices."""
    tracker = _tracker_for(request, pk)
    if tracker is None:
        return _bad_as_at()
    counts = Counter(rec.status for rec in tracker.recommendations)
    html = render_to_string(
        "scrutiny/review_tracker_pdf.html",
        {"tracker": tracker, "status_rows": [r for r in _status_rows(counts) if r["count"]]},
        request=request,
    )
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    return _file_response(pdf, "application/pdf", tracker.filename("pdf"), private=True)


@require_safe
def review_tracker_xlsx(request, pk: int):
    """A review's tracker on its own as a spreadsheet, for appendices."""
    tracker = _tracker_for(request, pk)
    if tracker is None:
        return _bad_as_at()
    return _file_response(tracker_xlsx(tracker), XLSX, tracker.filename("xlsx"), private=True)


# --- end of meeting pack and tracker file views --------------------------------------------


# ---------------------------------------------------------------------------------------
# Recording what happened at a meeting, item by item (meeting-record helper).
# ---------------------------------------------------------------------------------------


def _record_choices(meeting: Meeting, user) -> RecordChoices:
    """Everything the record screen offers, in the same few queries however many items,
    recommendations and actions there are. Each recommendation carries its status as it
    stood before the meeting; each item what is already recorded at it."""
    items = list(meeting.items.select_related("review").order_by("number"))
    review_ids = {item.review_id for item in items if item.review_id}
    before = meeting.date - datetime.timedelta(days=1)
    recommendations = defaultdict(list)
    for rec in (
        Recommendation.objects.filter(review_id__in=review_ids)
        .with_status(as_at=before, user=user)
        .order_by("review_id", "number")
    ):
        recommendations[rec.review_id].append(rec)
    organisations = list(Organisation.objects.order_by("name"))
    by_id = {o.pk: o for o in organisations}
    carried = (
        Recommendation.responsible_bodies.through.objects.filter(
            recommendation__review_id__in=review_ids, recommendation__deleted_at__isnull=True
        )
        .values_list("recommendation__review_id", "organisation_id")
        .distinct()
    )
    bodies = defaultdict(list)
    for review_id, organisation_id in sorted(carried, key=lambda r: by_id[r[1]].name):
        bodies[review_id].append(by_id[organisation_id])
    due_ids = set(AgreedAction.objects.due_at(meeting).values_list("pk", flat=True))
    outstanding = sorted(
        AgreedAction.objects.visible_to(user)
        .outstanding()
        .filter(meeting__committee_id=meeting.committee_id, meeting__date__lt=meeting.date)
        .select_related("meeting", "item", "due_meeting")
        .order_by("meeting__date", "id"),
        key=lambda action: action.pk not in due_ids,
    )
    later_meetings = list(
        Meeting.objects.filter(
            committee_id=meeting.committee_id, date__gt=meeting.date, cancelled=False
        ).order_by("date", "start_time")
    )
    recorded = defaultdict(list)
    for update in (
        ProgressUpdate.objects.filter(item__meeting=meeting)
        .with_live_entries()
        .select_related("organisation")
        # A join ignores the entries' manager: leave out those on deleted recommendations.
        .annotate(
            entry_count=Count("entries", filter=Q(entries__recommendation__deleted_at__isnull=True))
        )
        .order_by("created_at", "pk")
    ):
        recorded[update.item_id].append(update)
    agreed = defaultdict(list)
    for action in AgreedAction.objects.filter(meeting=meeting, item__isnull=False).order_by("id"):
        agreed[action.item_id].append(action)
    for item in items:
        item.meeting = meeting
        item.recorded_updates = recorded[item.pk]
        item.recorded_actions = agreed[item.pk]
    return RecordChoices(
        items=items,
        recommendations=recommendations,
        bodies=bodies,
        organisations=organisations,
        later_meetings=later_meetings,
        outstanding=outstanding,
        due_ids=due_ids,
    )


RECORD_ENTRY_TEXT = re.compile(r"^item-(\d+)-rec-(\d+)-text$")


def _refuse_unoffered(data, choices: RecordChoices) -> None:
    """Words sent about a recommendation the page did not offer at that item (one of
    another review, or another council's) are refused outright, never silently dropped."""
    offered = {
        (item.number, rec.pk)
        for item in choices.items
        for rec in choices.recommendations.get(item.review_id, [])
    }
    for key, value in data.items():
        match = RECORD_ENTRY_TEXT.match(key)
        if match and value.strip() and (int(match[1]), int(match[2])) not in offered:
            raise PermissionDenied(gettext("That recommendation is not one this item reports on."))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_record_page(request, pk: int):
    """Democratic services of the committee's council (and administrators) record, item by
    item, what happened at a meeting: the update given at each item on its review's
    recommendations, the actions the committee agreed, and which earlier actions each item
    delivered. Saved all or nothing (``scrutiny.services.meeting_record``); any error
    brings the page back with every typed value kept."""
    meeting = _meeting_for_change(pk)
    _require_manager(request.user, meeting.committee.council_id)
    choices = _record_choices(meeting, request.user)
    data = _bound(request)
    if data is not None:
        _refuse_unoffered(data, choices)
    record = MeetingRecordForm.for_meeting(data, meeting=meeting, choices=choices)
    can_record = not meeting.cancelled and meeting.date <= timezone.localdate()
    if data is not None and record.is_valid():
        try:
            result = meeting_record(meeting=meeting, user=request.user, items=record.item_records())
        except ValidationError as error:
            keyed = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            for key, words in keyed.items():
                for message in words:
                    # With no form on the page (a meeting to come), the error leads to the top.
                    anchor = key if key.startswith("item-") else None
                    record.add_error(message, anchor if can_record else "main-content")
        else:
            messages.success(request, result.summary())
            return redirect(meeting)
    return render(
        request,
        "scrutiny/meeting_record.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "record": record,
            # base.html marks the page title when ``form.errors`` is set.
            "form": record,
            "can_record": can_record,
        },
    )


# --- end of meeting record views ----------------------------------------------------------

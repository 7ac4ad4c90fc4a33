"""Pages for recommendations, executive responses and progress updates.

Rules enforced here, not only by hiding buttons: reading follows ``visible_to`` (a hidden
recommendation or update is a 404); changing follows ``recommendations.permissions``
(anonymous visitors are sent to sign in, a signed-in user without the right gets a 403).
"""

from __future__ import annotations

import re
from itertools import groupby
from operator import attrgetter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Max, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from partnerships.models import Organisation
from recommendations import permissions, services
from recommendations.filters import RecommendationFilter
from recommendations.forms import (
    RecommendationForm,
    ResponseForm,
    UpdateSubmission,
)
from recommendations.models import ProgressUpdate, Recommendation, Status, UpdateEntry
from scrutiny.common.pages import refuse, save_form_page
from scrutiny.models import AgendaItem, Review

PAGE_SIZE = 50


def _bodies() -> Prefetch:
    return Prefetch("responsible_bodies", queryset=Organisation.objects.order_by("name"))


def _recorded_on(numbers: list[int]) -> str:
    """The flash message after logging an update: "Update recorded on recommendations 1, 2
    and 4"."""
    words = [str(n) for n in numbers]
    listed = words[0]
    if len(words) > 1:
        listed = gettext("%(first)s and %(last)s") % {
            "first": ", ".join(words[:-1]),
            "last": words[-1],
        }
    return ngettext(
        "Update recorded on recommendation %(numbers)s",
        "Update recorded on recommendations %(numbers)s",
        len(words),
    ) % {"numbers": listed}


@require_GET
def recommendation_list(request):
    """Every recommendation the user may see, with its status now, grouped by review and
    narrowed by ``RecommendationFilter`` (the filters are in the URL). Invalid filters show
    their errors and no list, never a list narrowed by only some of them."""
    user = request.user
    recommendations = (
        Recommendation.objects.visible_to(user)
        .with_status(user=user)
        .select_related("review__committee__council")
        .prefetch_related(_bodies())
        .order_by(
            "review__committee__council__name",
            F("review__report_agreed_on").desc(nulls_last=True),
            "review__title",
            "review_id",
            "number",
        )
    )
    filters = RecommendationFilter(request.GET or None, recommendations, request=request)
    invalid = filters.is_bound and not filters.is_valid()
    recommendations = recommendations.none() if invalid else filters.qs
    page = Paginator(recommendations, PAGE_SIZE).get_page(request.GET.get("page"))
    groups = [
        {
            "review": review,
            "recommendations": list(recs),
            "row_id_prefix": f"review-{review.pk}-recommendation-",
        }
        for review, recs in groupby(page.object_list, key=attrgetter("review"))
    ]
    return render(
        request,
        "recommendations/recommendation_list.html",
        {
            "filters": filters.form,
            "filtered": filters.active,
            "filters_invalid": invalid,
            "page_obj": page,
            "groups": groups,
            "page_range": list(page.paginator.get_elided_page_range(page.number)),
        },
    )


@require_GET
def recommendation_detail(request, pk: int):
    """A recommendation, its response, its status now and every visible update behind it,
    newest first, with the report and the response received as dated events."""
    user = request.user
    visible = Recommendation.objects.visible_to(user).with_status(user=user)
    recommendation = get_object_or_404(
        visible.select_related(
            "review__committee__council", "review__response_meeting__committee"
        ).prefetch_related(_bodies()),
        pk=pk,
    )
    today = timezone.localdate()
    this_one = visible.filter(pk=pk)
    entries = list(
        UpdateEntry.objects.filter(
            recommendation=recommendation,
            update__in=ProgressUpdate.objects.visible_to(user),
        )
        .select_related("update__organisation", "update__item__meeting__committee")
        .order_by("-update__given_on", "-update__created_at", "-pk")
    )
    review = recommendation.review
    events = [{"date": e.update.given_on, "kind": "update", "entry": e} for e in entries]
    if review.response_received_on:
        events.append({"date": review.response_received_on, "kind": "response"})
    if review.report_agreed_on:
        events.append({"date": review.report_agreed_on, "kind": "report"})
    # Stable: on the same day, updates stay above the response, the response above the
    # report.
    events.sort(key=lambda event: event["date"], reverse=True)
    closed_meeting = next(
        (
            e.update.item.meeting
            for e in entries
            if e.update.item_id and e.update.item.meeting_id == recommendation.closed_meeting_id
        ),
        None,
    )
    return render(
        request,
        "recommendations/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "review": review,
            "events": events,
            "update_count": len(entries),
            "closed_meeting": closed_meeting,
            "is_closed": recommendation.status in Status.closing(),
            "closing_statuses": Status.closing(),
            "is_overdue": this_one.overdue(today).exists(),
            "is_stale": this_one.stale(today).exists(),
            "can_manage": permissions.can_manage(user, recommendation),
            "can_edit_response": permissions.can_edit_response(user, recommendation),
            "can_log_update": permissions.can_log_update(user, recommendation),
        },
    )


NUMBER_TAKEN = _("This review already has a recommendation with that number")


@require_http_methods(["GET", "POST"])
def recommendation_create(request, review_pk: int):
    """Democratic services of the review's council (and admins) add a recommendation."""
    if not request.user.is_authenticated:
        return refuse(request)
    review = get_object_or_404(
        Review.objects.visible_to(request.user).select_related("committee__council"),
        pk=review_pk,
    )
    if not request.user.manages_council(review.committee.council_id):
        return refuse(request)
    # Deleted recommendations keep their numbers: suggest the next one after them too.
    numbers = Recommendation.all_objects.filter(review=review)
    next_number = (numbers.aggregate(n=Max("number"))["n"] or 0) + 1
    form = RecommendationForm(request.POST or None, review=review, initial={"number": next_number})
    return save_form_page(
        request,
        form,
        "recommendations/recommendation_form.html",
        {"review": review},
        lambda obj: gettext("Recommendation %(number)s added") % {"number": obj.number},
        clash_field="number",
        clash_message=NUMBER_TAKEN,
    )


def _recommendation_for_change(request, pk: int) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.visible_to(request.user).select_related(
            "review__committee__council"
        ),
        pk=pk,
    )


@require_http_methods(["GET", "POST"])
def recommendation_edit(request, pk: int):
    """Democratic services of the council (and admins) change a recommendation."""
    if not request.user.is_authenticated:
        return refuse(request)
    recommendation = _recommendation_for_change(request, pk)
    if not permissions.can_manage(request.user, recommendation):
        return refuse(request)
    form = RecommendationForm(
        request.POST or None, instance=recommendation, review=recommendation.review
    )
    return save_form_page(
        request,
        form,
        "recommendations/recommendation_form.html",
        {"review": recommendation.review, "recommendation": recommendation},
        lambda obj: gettext("Recommendation %(number)s saved") % {"number": obj.number},
        clash_field="number",
        clash_message=NUMBER_TAKEN,
    )


@require_http_methods(["GET", "POST"])
def response_edit(request, pk: int):
    """Officers and democratic services of the council record the executive response."""
    if not request.user.is_authenticated:
        return refuse(request)
    recommendation = _recommendation_for_change(request, pk)
    if not permissions.can_edit_response(request.user, recommendation):
        return refuse(request)
    form = ResponseForm(request.POST or None, instance=recommendation)
    return save_form_page(
        request,
        form,
        "recommendations/response_form.html",
        {"recommendation": recommendation, "review": recommendation.review},
        lambda obj: (
            gettext("Executive response to recommendation %(number)s saved")
            % {"number": obj.number}
        ),
    )


def _ints(values: list[str]) -> set[int]:
    """The ids among ``values`` written as plain digits; others are ignored. Not
    ``str.isdigit``, which also passes "²" (that int() refuses), and never so long that
    SQLite cannot compare it with an id."""
    return {int(v) for v in values if re.fullmatch(r"[0-9]{1,18}", v)}


def _organisations_for(user, review):
    """Who an update may be given for: anyone, for those who manage the council; for an
    officer, their council, the review's council and the bodies that carry its
    recommendations; for a partner representative, their own body only."""
    if user.manages_council(review.committee.council_id):
        return Organisation.objects.order_by("name")
    own = Q(pk=user.organisation_id)
    if user.is_officer or user.is_democratic_services:
        own |= Q(pk=review.committee.council_id) | Q(recommendations__review=review)
    return Organisation.objects.filter(own).distinct().order_by("name")


ENTRY_TEXT = re.compile(r"^rec-(\d+)-text$")


def _refuse_others(data, allowed: set[int]) -> None:
    """A report on a recommendation the page did not offer (one a partner's body does not
    carry, or of another review) is refused outright rather than silently dropped."""
    for key, value in data.items():
        match = ENTRY_TEXT.match(key)
        if match and value.strip() and int(match[1]) not in allowed:
            raise PermissionDenied(gettext("You cannot log updates on that recommendation."))


@require_http_methods(["GET", "POST"])
def update_create(request, review_pk: int):
    """Log one progress update on the recommendations of a review the user may report on.

    ``?item=`` preselects the agenda item, ``?recommendation=`` the recommendations shown
    first (the others stay a click away).
    """
    user = request.user
    if not user.is_authenticated:
        return refuse(request)
    review = get_object_or_404(
        Review.objects.visible_to(user).select_related("committee__council"), pk=review_pk
    )
    allowed = permissions.loggable_filter(user)
    if allowed is None:
        raise PermissionDenied
    recommendations = list(
        Recommendation.objects.filter(
            pk__in=Recommendation.objects.filter(allowed, review=review).values("pk")
        )
        .select_related("review__committee")
        .order_by("number")
    )
    if not recommendations:
        raise PermissionDenied
    today = timezone.localdate()
    items = (
        AgendaItem.objects.visible_to(user)
        .filter(
            meeting__committee_id=review.committee_id,
            meeting__cancelled=False,
            meeting__date__lte=today,
        )
        .select_related("meeting")
        .order_by("-meeting__date", "number")
    )
    organisations = _organisations_for(user, review)
    initial = {
        "given_on": today,
        "kind": "written",
        "organisation": user.organisation_id,
        "given_by_role": user.job_title,
        "given_by_name": user.get_full_name(),
    }
    if item_ids := _ints(request.GET.getlist("item")):
        initial["item"] = items.filter(pk__in=item_ids).values_list("pk", flat=True).first()
    submission = UpdateSubmission(
        request.POST if request.method == "POST" else None,
        recommendations=recommendations,
        organisations=organisations,
        items=items,
        may_close=user.manages_council(review.committee.council_id),
        initial=initial,
        preselected=_ints(request.GET.getlist("recommendation")),
    )
    if request.method == "POST":
        _refuse_others(request.POST, {rec.pk for rec in recommendations})
    if request.method == "POST" and submission.is_valid():
        general = submission.form.cleaned_data
        try:
            update = services.update_create(
                recorded_by=user,
                given_on=general["given_on"],
                kind=general["kind"],
                organisation=general["organisation"],
                given_by_role=general["given_by_role"],
                given_by_name=general["given_by_name"],
                item=general["item"],
                summary=general["summary"],
                summary_cy=general["summary_cy"],
                entries=submission.entry_inputs(),
            )
        except ValidationError as error:
            for message in error.messages:
                submission.add_error(message)
        else:
            numbers = [e.recommendation.number for e in submission.entry_inputs()]
            messages.success(request, _recorded_on(numbers))
            return redirect(update)
    return render(
        request,
        "recommendations/update_form.html",
        {
            "review": review,
            "submission": submission,
            # base.html marks the page title when ``form.errors`` is set.
            "form": submission,
            "update_form": submission.form,
        },
    )


def visible_update(user, pk: int) -> tuple[ProgressUpdate, list[UpdateEntry]]:
    """The update with its entries on recommendations ``user`` may see, by review and
    number; a 404 when the update is hidden from them or covers nothing they may see."""
    update = get_object_or_404(
        ProgressUpdate.objects.visible_to(user).select_related(
            "organisation", "item__meeting__committee", "recorded_by"
        ),
        pk=pk,
    )
    entries = list(
        update.entries.filter(recommendation__in=Recommendation.objects.visible_to(user))
        .select_related("recommendation__review__committee")
        .order_by("recommendation__review_id", "recommendation__number")
    )
    if not entries:
        raise Http404(gettext("No recommendation of this update is visible to you."))
    return update, entries


@require_GET
def update_detail(request, pk: int):
    """An update's facts and what it said of each recommendation the user may see."""
    user = request.user
    update, entries = visible_update(user, pk)
    reviews = list({e.recommendation.review_id: e.recommendation.review for e in entries}.values())
    return render(
        request,
        "recommendations/update_detail.html",
        {
            "update": update,
            "entries": entries,
            "reviews": reviews,
            "closing_statuses": Status.closing(),
            "can_delete": permissions.can_delete_update(user, update),
        },
    )

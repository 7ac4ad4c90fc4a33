"""Pages for recommendations and their executive responses: the list, one recommendation,
adding and changing one, and recording the executive response.

Rules enforced here, not only by hiding buttons: reading follows ``visible_to`` (a hidden
recommendation is a 404); changing follows ``recommendations.permissions`` (anonymous
visitors are sent to sign in, a signed-in user without the right gets a 403).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from recommendations import permissions, selectors
from recommendations.filters import RecommendationFilter
from recommendations.forms.recommendations import RecommendationForm, ResponseForm
from recommendations.models import Status, StatusWords
from scrutiny.common.kept import posted_or_kept
from scrutiny.common.pages import refuse, save_form_page
from scrutiny.exports.recommendations import recommendation_sheet
from scrutiny.exports.tables import download
from scrutiny.selectors.trackers import tracked_among

PAGE_SIZE = 50


@require_GET
def recommendation_list(request):
    """Every recommendation the user may see, with its status now, grouped by review and
    narrowed by ``RecommendationFilter`` (the filters are in the URL). Invalid filters show
    their errors and no list, never a list narrowed by only some of them."""
    recommendations = selectors.recommendations_to_list(request.user)
    words = StatusWords()  # read once, for the status filter's choices and the list
    filters = RecommendationFilter(
        request.GET or None, recommendations, request=request, status_words=words
    )
    invalid = filters.is_bound and not filters.is_valid()
    recommendations = recommendations.none() if invalid else filters.qs
    page = selectors.list_page(recommendations, request.user, request.GET, PAGE_SIZE)
    groups = selectors.review_groups(page.object_list)
    return render(
        request,
        "recommendations/recommendation_list.html",
        {
            "filters": filters.form,
            "status_words": words,
            "filtered": filters.active,
            "filters_invalid": invalid,
            "page_obj": page,
            "groups": groups,
        },
    )


@require_GET
def recommendation_list_download(request, kind: str):
    """The recommendation list as a file (``kind`` "csv" or "xlsx"): every page of it, as
    its filters narrow it, up to ``EXPORT_MAX_ROWS``. Invalid filters go back to the list,
    which says what is wrong."""
    recommendations = selectors.recommendations_to_list(request.user)
    words = StatusWords()  # read once, for the status filter's choices and the file
    filters = RecommendationFilter(
        request.GET or None, recommendations, request=request, status_words=words
    )
    if filters.is_bound and not filters.is_valid():
        return redirect(
            f"{reverse('recommendations:recommendation-list')}?{request.GET.urlencode()}"
        )
    today = timezone.localdate()
    rows = tracked_among(filters.qs, user=request.user, as_at=today, limit=settings.EXPORT_MAX_ROWS)
    sheet = recommendation_sheet(gettext("Recommendations"), rows, today, words)
    return download(sheet, kind, f"recommendations-{today.isoformat()}")


@require_GET
def recommendation_detail(request, pk: int):
    """A recommendation, its response, its status now and every visible update behind it,
    newest first, with the report and the response received as dated events."""
    user = request.user
    recommendation = selectors.recommendation_for_page(user, pk)
    entries = selectors.visible_entries_on(recommendation, user)
    proposals = selectors.visible_proposals_on(recommendation, user)
    is_overdue, is_stale = selectors.overdue_and_stale(user, pk, timezone.localdate())
    return render(
        request,
        "recommendations/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "review": recommendation.review,
            "events": selectors.recommendation_events(recommendation, entries, proposals),
            "update_count": len(entries),
            "closed_meeting": selectors.closing_meeting(recommendation, entries, proposals),
            "can_withdraw": any(
                p.waiting and permissions.can_withdraw_proposal(user, p) for p in proposals
            ),
            "is_closed": recommendation.status in Status.closing(),
            "closing_statuses": Status.closing(),
            "is_overdue": is_overdue,
            "is_stale": is_stale,
            "can_manage": permissions.can_manage(user, recommendation),
            "can_edit_response": permissions.can_edit_response(user, recommendation),
            "can_log_update": permissions.can_log_update(user, recommendation),
            "can_see_history": permissions.can_see_history(user),
        },
    )


REFERENCE_TAKEN = _("This review already has a recommendation with that reference")


@require_http_methods(["GET", "POST"])
@login_required
def recommendation_create(request, review_pk: int):
    """Democratic services of the review's council (and admins) add a recommendation."""
    review = selectors.review_for_change(request.user, review_pk)
    if not permissions.can_manage_review(request.user, review):
        refuse(request.user)
    initial = {"reference": selectors.next_reference(review)}
    form = RecommendationForm(posted_or_kept(request), review=review, initial=initial)
    return save_form_page(
        request,
        form,
        "recommendations/recommendation_form.html",
        {"review": review},
        lambda obj: gettext("Recommendation %(number)s added") % {"number": obj.reference},
        clash_field="reference",
        clash_message=REFERENCE_TAKEN,
        another_url=request.path,
    )


@require_http_methods(["GET", "POST"])
@login_required
def recommendation_edit(request, pk: int):
    """Democratic services of the council (and admins) change a recommendation."""
    recommendation = selectors.recommendation_for_change(request.user, pk)
    if not permissions.can_manage(request.user, recommendation):
        refuse(request.user)
    form = RecommendationForm(
        posted_or_kept(request), instance=recommendation, review=recommendation.review
    )
    return save_form_page(
        request,
        form,
        "recommendations/recommendation_form.html",
        {"review": recommendation.review, "recommendation": recommendation},
        lambda obj: gettext("Recommendation %(number)s saved") % {"number": obj.reference},
        clash_field="reference",
        clash_message=REFERENCE_TAKEN,
    )


@require_http_methods(["GET", "POST"])
@login_required
def response_edit(request, pk: int):
    """Officers and democratic services of the council record the executive response."""
    recommendation = selectors.recommendation_for_change(request.user, pk)
    if not permissions.can_edit_response(request.user, recommendation):
        refuse(request.user)
    form = ResponseForm(posted_or_kept(request), instance=recommendation, actor=request.user)
    return save_form_page(
        request,
        form,
        "recommendations/response_form.html",
        {"recommendation": recommendation, "review": recommendation.review},
        lambda obj: (
            gettext("Executive response to recommendation %(number)s saved")
            % {"number": obj.reference}
        ),
    )

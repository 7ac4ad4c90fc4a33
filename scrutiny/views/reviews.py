"""Scrutiny reviews: the list, a review's page, and adding or changing one."""

import copy

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from recommendations.permissions import can_edit_review_responses
from scrutiny.common.bilingual import localised
from scrutiny.common.pages import refuse, save_form_page
from scrutiny.forms import ReviewFilterForm, ReviewForm
from scrutiny.models import Review
from scrutiny.permissions import can_add_reviews, can_manage_council
from scrutiny.selectors.reviews import review_page, review_rows
from scrutiny.views._common import bound_or_kept, require_manager


@require_safe
def review_list(request):
    """Every review the user may see (drafts only to their own council's people), grouped by
    committee and filterable by council, committee, status and late executive response,
    with its dates and how many recommendations stand at each status."""
    user = request.user
    visible = Review.objects.visible_to(user)
    filters = ReviewFilterForm(request.GET or None, reviews=visible)
    return render(
        request,
        "scrutiny/review_list.html",
        {
            "reviews": review_rows(filters.apply(visible), user, timezone.localdate()),
            "filters": filters,
            "filtered": filters.is_bound and filters.is_valid() and filters.has_changed(),
            "can_create": can_add_reviews(user),
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
    return render(
        request,
        "scrutiny/review_detail.html",
        {
            "review": review,
            **review_page(review, user, timezone.localdate()),
            "can_manage": can_manage_council(user, review.committee.council_id),
            "can_edit_responses": can_edit_review_responses(user, review),
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
    if not can_add_reviews(request.user):
        refuse(request.user, gettext("Only democratic services can add reviews."))
    form = ReviewForm(bound_or_kept(request), user=request.user)
    return _review_form_page(request, form, None)


@login_required
def review_edit(request, pk: int):
    review = get_object_or_404(
        Review.objects.visible_to(request.user).select_related("committee__council"), pk=pk
    )
    require_manager(request.user, review.committee.council_id)
    # The form changes its instance as it validates; the page's headings keep the saved one.
    form = ReviewForm(bound_or_kept(request), instance=copy.copy(review), user=request.user)
    return _review_form_page(request, form, review)

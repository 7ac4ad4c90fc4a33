"""Pages that enter many recommendations at once: a review's recommendations from its
report's pasted list, and the executive's responses to a whole review.

Both follow ``recommendations.permissions`` (anonymous visitors are sent to sign in, a
signed-in user without the right gets a 403) and save all or nothing: on any error every
row comes back as it was typed, each error on its row and in the page's error summary.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from recommendations import permissions, selectors
from recommendations.forms.bulk import PastedRows, PasteForm, ResponsesPage
from recommendations.services.bulk import (
    ResponsesConflict,
    RowErrors,
    recommendation_references_check,
    recommendations_create_many,
    responses_save_many,
)
from scrutiny.common.pages import refuse

PASTE = "recommendations/recommendations_paste.html"
ROWS = "recommendations/recommendations_rows.html"
RESPONSES = "recommendations/responses_form.html"
CLASHED = _(
    "Someone else added a recommendation with one of these references at the same time. "
    "Nothing was saved: check the references and save again."
)


def _added(saved) -> str:
    """ "3 recommendations added: 1, 2 and 3a" """
    references = [r.reference for r in saved]
    listed = references[0]
    if len(references) > 1:
        listed = gettext("%(first)s and %(last)s") % {
            "first": ", ".join(references[:-1]),
            "last": references[-1],
        }
    return ngettext(
        "%(count)s recommendation added: %(references)s",
        "%(count)s recommendations added: %(references)s",
        len(references),
    ) % {"count": len(references), "references": listed}


def _save_rows(request, review):
    """Save the corrected rows, all or nothing; or show them again with their errors."""
    rows = PastedRows(request.POST, prefix="rows")
    valid = rows.is_valid()
    found, kept = rows.rows()
    try:
        if not valid:  # the clashes too, to say everything at once
            recommendation_references_check(review=review, rows=found)
        else:
            saved = recommendations_create_many(review=review, actor=request.user, rows=found)
    except RowErrors as error:
        rows.add_row_errors(error, kept)
    except IntegrityError:
        rows.add_general_error(CLASHED)
    else:
        if valid:
            messages.success(request, _added(saved))
            return redirect(review.get_absolute_url() + "#tracker")
    # base.html marks the title of a page with errors by ``form.errors``.
    return render(request, ROWS, {"review": review, "rows": rows, "form": rows})


@require_http_methods(["GET", "POST"])
@login_required
def recommendations_paste(request, review_pk: int):
    """Democratic services (those who add a review's recommendations) paste the report's
    numbered list, check the references and texts found in it, correct them and save."""
    review = selectors.review_for_change(request.user, review_pk)
    if not permissions.can_manage_review(request.user, review):
        refuse(request.user)
    if request.method == "POST" and "rows-TOTAL_FORMS" in request.POST:
        return _save_rows(request, review)
    form = PasteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rows = PastedRows(initial=form.initial_rows(), prefix="rows")
        return render(request, ROWS, {"review": review, "rows": rows})
    return render(request, PASTE, {"review": review, "form": form})


def _save_responses(request, review, page: ResponsesPage):
    """Save the page's responses; None, with the errors or the conflict on the page, when
    nothing could be saved."""
    try:
        saved = responses_save_many(
            review=review, actor=request.user, rows=page.rows(), received_on=page.received_on
        )
    except RowErrors as error:
        page.add_row_errors(error)
    except ResponsesConflict as conflict:
        page.show_conflict(conflict.rows, conflict.current, request.user)
    else:
        if saved:
            message = ngettext(
                "Executive response saved for %(count)s recommendation",
                "Executive responses saved for %(count)s recommendations",
                len(saved),
            ) % {"count": len(saved)}
            messages.success(request, message)
        else:
            messages.info(request, gettext("No response was changed"))
        return redirect(review.get_absolute_url() + "#tracker")
    return None


@require_http_methods(["GET", "POST"])
@login_required
def responses_edit(request, review_pk: int):
    """Officers and democratic services of the council record the executive's response to
    each of a review's recommendations on one page, the date received asked once."""
    review = selectors.review_for_change(request.user, review_pk)
    if not permissions.can_edit_review_responses(request.user, review):
        refuse(request.user)
    recommendations = selectors.recommendations_for_responses(review)
    page = ResponsesPage(request.POST or None, review=review, recommendations=recommendations)
    valid = request.method == "POST" and page.is_valid()
    if valid and (saved := _save_responses(request, review, page)):
        return saved
    context = {"review": review, "page": page, "form": page}
    return render(request, RESPONSES, context, status=409 if page.conflict else 200)

"""Pages for progress updates: logging one on a review's recommendations, and reading one.

Reading follows ``visible_to`` (a hidden update is a 404); logging follows
``recommendations.permissions`` (anonymous visitors are sent to sign in, a signed-in user
who may not log on the review's recommendations gets a 403).
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from recommendations import permissions, selectors, services
from recommendations.forms.updates import UpdateSubmission
from recommendations.models import Status
from recommendations.services.corrections import last_correction
from scrutiny.common.kept import posted_or_kept
from scrutiny.common.once import AlreadySent, already_sent_response, form_token, posted_token
from scrutiny.common.pages import refuse


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


def _ints(values: list[str]) -> set[int]:
    """The ids among ``values`` written as plain digits; others are ignored. Not
    ``str.isdigit``, which also passes "²" (that int() refuses), and never so long that
    SQLite cannot compare it with an id."""
    return {int(v) for v in values if re.fullmatch(r"[0-9]{1,18}", v)}


ENTRY_TEXT = re.compile(r"^rec-(\d+)-text$")


def _refuse_others(user, data, allowed: set[int]) -> None:
    """A report on a recommendation the page did not offer (one a partner's body does not
    carry, or of another review) is refused outright rather than silently dropped."""
    for key, value in data.items():
        match = ENTRY_TEXT.match(key)
        if match and value.strip() and int(match[1]) not in allowed:
            refuse(user, gettext("You cannot log updates on that recommendation."))


def _initial(user, items, item_ids: set[int], today) -> dict:
    """The update form's first values: given today, in writing, for the user's own body, by
    them; at the agenda item ``?item=`` chose, if the user may give one there."""
    initial = {
        "given_on": today,
        "kind": "written",
        "organisation": user.organisation_id,
        "given_by_role": user.job_title,
        "given_by_name": user.get_full_name(),
    }
    if item_ids:
        initial["item"] = items.filter(pk__in=item_ids).values_list("pk", flat=True).first()
    return initial


def _save_update(request, submission):
    """Record the valid ``submission`` and go to the update; None, with the refusals added
    to the submission, when the service turns it down."""
    general = submission.form.cleaned_data
    try:
        update = services.update_create(
            actor=request.user,
            given_on=general["given_on"],
            kind=general["kind"],
            organisation=general["organisation"],
            given_by_role=general["given_by_role"],
            given_by_name=general["given_by_name"],
            item=general["item"],
            summary=general["summary"],
            summary_cy=general["summary_cy"],
            entries=submission.entry_inputs(),
            form_token=posted_token(request.POST),
        )
    except AlreadySent as sent:
        first = submission.entry_inputs()[0].recommendation
        return already_sent_response(request, sent, first.get_absolute_url())
    except ValidationError as error:
        for message in error.messages:
            submission.add_error(message)
        return None
    numbers = [e.recommendation.reference for e in submission.entry_inputs()]
    messages.success(request, _recorded_on(numbers))
    if "another" in request.POST:  # "Save and add another": the empty form again
        return redirect(request.get_full_path())
    return redirect(update)


@require_http_methods(["GET", "POST"])
@login_required
def update_create(request, review_pk: int):
    """Log one progress update on the recommendations of a review the user may report on.

    ``?item=`` preselects the agenda item, ``?recommendation=`` the recommendations shown
    first (the others stay a click away).
    """
    user = request.user
    review = selectors.review_for_change(user, review_pk)
    allowed = permissions.loggable_filter(user)
    if allowed is None:
        refuse(user)
    recommendations = selectors.loggable_recommendations(review, allowed)
    if not recommendations:
        refuse(user)
    today = timezone.localdate()
    items = selectors.items_for_update(user, review, today)
    organisations = selectors.organisations_for(user, review)
    initial = _initial(user, items, _ints(request.GET.getlist("item")), today)
    submission = UpdateSubmission(
        posted_or_kept(request),
        recommendations=recommendations,
        organisations=organisations,
        items=items,
        may_close=permissions.can_manage_review(user, review),
        initial=initial,
        preselected=_ints(request.GET.getlist("recommendation")),
    )
    if request.method == "POST":
        _refuse_others(user, request.POST, {rec.pk for rec in recommendations})
    valid = request.method == "POST" and submission.is_valid()
    if valid and (saved := _save_update(request, submission)):
        return saved
    # base.html marks the page title when ``form.errors`` is set.
    context = {"review": review, "submission": submission, "form": submission}
    context["form_token"] = form_token(submission.form.data if submission.form.is_bound else None)
    context["update_form"] = submission.form
    return render(request, "recommendations/update_form.html", context)


@require_GET
def update_detail(request, pk: int):
    """An update's facts and what it said of each recommendation the user may see."""
    user = request.user
    update, entries = selectors.visible_update(user, pk)
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
            "can_correct": permissions.can_correct_update(user, update),
            "corrected": last_correction(update),
        },
    )

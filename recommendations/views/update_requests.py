"""Pages of update requests: the form a request's signed link opens (no sign-in: the link
names the person and the meeting, and reaches only that request's recommendations; a
tampered or expired link is a 404), and democratic services' list of what was sent, where
they accept or return each (another council's submission is a 403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from recommendations.forms.requests import ReturnForm, request_entry_forms
from recommendations.models import SubmittedUpdate
from recommendations.permissions import can_check_submissions
from recommendations.services.update_requests import (
    submission_accept,
    submission_create,
    submission_return,
)
from scrutiny.common.forms import error_links
from scrutiny.common.pages import refuse
from scrutiny.selectors.update_requests import requested_recommendations
from scrutiny.services.update_requests import request_open


@require_http_methods(["GET", "HEAD", "POST"])
def update_request_respond(request, token: str):
    """The person gives an update per recommendation and may propose a status; what they
    send waits for democratic services."""
    opened = request_open(token=token)
    if opened is None:
        raise Http404(gettext("This link has expired or is not valid."))
    person, meeting = opened
    recommendations = list(requested_recommendations(person, meeting))
    entries = request_entry_forms(recommendations, request.POST or None)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        reported = [e for e in entries if e.reported]
        if all(e.is_valid() for e in reported) and reported:
            submission_create(
                person=person, meeting=meeting, entries=[e.entry_input() for e in reported]
            )
            messages.success(request, gettext("Thank you. Democratic services will check it."))
            return redirect(request.path)
        errors = error_links(*reported)
        if not reported and entries:
            anchor = f"id_{entries[0].add_prefix('text')}"
            errors = [(anchor, gettext("Say what was reported on at least one recommendation."))]
    context = {"person": person, "meeting": meeting, "entries": entries, "errors": errors}
    return render(request, "recommendations/update_request_respond.html", context)


@require_GET
@login_required
def update_request_list(request):
    """The submissions waiting to be checked at the councils the user manages."""
    if not can_check_submissions(request.user):
        refuse(request.user, gettext("Only democratic services check submitted updates."))
    submissions = SubmittedUpdate.objects.pending_for(request.user)
    return render(request, "recommendations/update_request_list.html", {"submissions": submissions})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def update_request_detail(request, pk: int):
    """One submission; POST ``accept`` publishes it, ``return`` sends it back with a
    comment."""
    submission = get_object_or_404(
        SubmittedUpdate.objects.select_related("person", "meeting__committee"), pk=pk
    )
    if not can_check_submissions(request.user, submission.meeting.committee.council_id):
        refuse(request.user, gettext("You cannot check this council's submitted updates."))
    form = ReturnForm(request.POST if "comment" in request.POST else None)
    errors: list[str] = []
    if request.method == "POST" and submission.state == "pending":
        try:
            if "accept" in request.POST:
                submission_accept(submission=submission, actor=request.user)
                messages.success(request, gettext("Accepted: the update is published."))
                return redirect("recommendations:update-request-list")
            if form.is_valid():
                submission_return(
                    submission=submission,
                    actor=request.user,
                    comment=form.cleaned_data["comment"],
                )
                messages.success(request, gettext("Returned with your comment."))
                return redirect("recommendations:update-request-list")
        except ValidationError as error:
            errors = error.messages
    entries = submission.entries.select_related("recommendation__review")
    context = {"submission": submission, "entries": entries, "form": form, "errors": errors}
    return render(request, "recommendations/update_request_detail.html", context)

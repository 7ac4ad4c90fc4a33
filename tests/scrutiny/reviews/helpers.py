"""What the review page tests share: the pages' addresses and ``review_post``, the form
democratic services fill in to add a review (other test modules use it too)."""

from django.urls import reverse

from scrutiny.models import Review

LIST_URL = "/reviews/"
CREATE_URL = "/reviews/new/"


def detail_url(review):
    return reverse("scrutiny:review-detail", args=[review.pk])


def edit_url(review):
    return reverse("scrutiny:review-edit", args=[review.pk])


def review_post(committee, /, **overrides) -> dict:
    """What democratic services type to add a review: all valid unless overridden."""
    data = {
        "committee": committee.pk,
        "title": "Residential care home quality",
        "report_title": "Quality in residential care",
        "lead_member": "Councillor Lead",
        "status": Review.Status.REPORT_AGREED,
        "published": "on",
        "summary": "How the council assures the quality of care homes.",
        "started_on_0": "1",
        "started_on_1": "6",
        "started_on_2": "2020",
        "report_agreed_on_0": "1",
        "report_agreed_on_1": "10",
        "report_agreed_on_2": "2020",
        "response_received_on_0": "",
        "response_received_on_1": "",
        "response_received_on_2": "",
        "response_meeting": "",
        "update_interval_months": "6",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}

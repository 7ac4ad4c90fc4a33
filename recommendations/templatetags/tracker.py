"""Status and response tags: always the words, with colour only as a second cue."""

from functools import lru_cache

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from recommendations.models import Response, Status

register = template.Library()

STATUS_COLOURS = {
    Status.NOT_STARTED: "govuk-tag--grey",
    Status.ON_TRACK: "govuk-tag--blue",
    Status.SLIPPED: "govuk-tag--orange",
    Status.PAUSED: "govuk-tag--yellow",
    Status.ACHIEVED: "govuk-tag--green",
    Status.NOT_ACHIEVED: "govuk-tag--red",
    Status.SUPERSEDED: "govuk-tag--purple",
}

RESPONSE_COLOURS = {
    Response.AWAITING: "govuk-tag--grey",
    Response.ACCEPTED: "govuk-tag--green",
    Response.PARTLY_ACCEPTED: "govuk-tag--yellow",
    Response.NOT_ACCEPTED: "govuk-tag--red",
    Response.NOTED: "govuk-tag--blue",
}


@register.simple_tag
def status_tag(status: str):
    """<strong class="govuk-tag ...">On track</strong> for a status value."""
    return _status_tag(status, get_language())


@lru_cache(maxsize=64)
def _status_tag(status: str, language: str | None):
    # Per status and language: a tracker draws one per row (issue 17: page rendering).
    label = Status(status).label if status in Status.values else status
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', STATUS_COLOURS.get(status, ""), label
    )


@register.simple_tag
def response_tag(response: str):
    return _response_tag(response, get_language())


@lru_cache(maxsize=64)
def _response_tag(response: str, language: str | None):
    label = Response(response).label if response in Response.values else response
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', RESPONSE_COLOURS.get(response, ""), label
    )


@register.filter
def status_label(status: str) -> str:
    return Status(status).label if status in Status.values else status


@register.filter
def is_closed(status: str) -> bool:
    """Whether ``status`` closes a recommendation (achieved, not achieved, superseded)."""
    return status in Status.closing()

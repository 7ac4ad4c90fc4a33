"""Status, response and RAG tags: always the words, with colour only as a second cue.

A status is shown in its council's words where the council has named it
(``recommendations.models.StatusWords``): pass the council's id (``rec.council_id``, which
``with_status`` adds). Every council's words are read once per render, in one query, the
first time a tag needs them, or taken from ``status_words`` in the context when the page's
selector already read them.
"""

import datetime
from functools import lru_cache

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language

from recommendations.models import Response, Status, StatusWords, rag_rating

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

RAG_COLOURS = {
    "red": "govuk-tag--red",
    "amber": "govuk-tag--orange",
    "green": "govuk-tag--green",
    "none": "govuk-tag--grey",
}


def status_words(context) -> StatusWords:
    """The render's status words: the page's own, else one ``StatusWords`` kept for the
    whole render, read when first needed. Kept in the render context's lowest layer: each
    included template pushes a layer of its own, and ``include ... only`` shares the
    render context too."""
    words = context.get("status_words")
    if words is not None:
        return words
    return context.render_context.dicts[0].setdefault("status_words", StatusWords())


@register.simple_tag(takes_context=True)
def status_tag(context, status: str, council_id: int | None = None):
    """<strong class="govuk-tag ...">On track</strong> for a status value, in the words of
    the council ``council_id`` where it named the status; the colour stays ours."""
    label = status_words(context).label(status, council_id)
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', STATUS_COLOURS.get(status, ""), label
    )


@register.simple_tag(takes_context=True)
def status_word(context, status: str, council_id: int | None = None) -> str:
    """The status's words alone, as ``status_tag`` says them (for sentences)."""
    return status_words(context).label(status, council_id)


@register.simple_tag(takes_context=True)
def status_word_with_ours(context, status: str, council_id: int | None = None) -> str:
    """The council's word with ours after it where they differ ("On hold (Slipped)"), for
    rows that are our fixed statuses (charts, counts, filters)."""
    return status_words(context).label_with_ours(status, council_id)


@register.simple_tag
def rag_tag(rec, as_at: datetime.date | None = None):
    """The recommendation's RAG rating as a tag that says it in words ("Red: overdue");
    needs ``with_status`` (as at ``as_at``, default today)."""
    rag = rag_rating(
        rec.status, rec.current_target_date, as_at or timezone.localdate(), rec.response
    )
    return format_html(
        '<strong class="govuk-tag {} app-rag">{}</strong>', RAG_COLOURS[rag.colour], rag.words
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
    """Our own word for a status (no council's): for what is not one council's."""
    return Status(status).label if status in Status.values else status


@register.filter
def is_closed(status: str) -> bool:
    """Whether ``status`` closes a recommendation (achieved, not achieved, superseded)."""
    return status in Status.closing()

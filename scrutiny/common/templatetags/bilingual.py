"""``{% localised obj "field" %}``: a person-written field in the reader's language.

Shows ``field_cy`` when Welsh is chosen and there is one; otherwise the English, inside an
element with ``lang="en"`` when the page is Welsh, so screen readers speak it as English.
``{% localised obj "field" lines=True %}`` keeps the writer's paragraphs and line breaks.
``{% localised_text obj "field" %}`` gives the text alone, for a title or attribute.
``{% welsh_fallback_note obj "field" ... %}`` says, once, that something is English only.
"""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from scrutiny.common.bilingual import localised as _localised

register = template.Library()


@register.simple_tag
def localised(obj, field: str, lines: bool = False):
    text = _localised(obj, field)
    html = linebreaks_filter(text, autoescape=True) if lines else conditional_escape(text)
    if not text.fell_back:
        return mark_safe(html)  # escaped above  # nosec B308 B703
    tag = "div" if lines else "span"
    return format_html('<{} lang="en">{}</{}>', tag, mark_safe(html), tag)  # nosec B308 B703


@register.simple_tag
def localised_text(obj, field: str):
    """The text alone (escaped on output like any variable), for attributes and titles."""
    return _localised(obj, field)


@register.simple_tag
def welsh_fallback_note(obj, *fields: str):
    """A note when the page is Welsh and any of ``fields`` has no Welsh version."""
    if not any(_localised(obj, f).fell_back for f in fields):
        return ""
    return format_html(
        '<p class="govuk-body-s app-fallback-note">{}</p>',
        gettext("There is no Welsh version of this text yet, so it is shown in English."),
    )

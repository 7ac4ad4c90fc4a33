"""``form|error_links``: the (anchor, message) pairs of a form's errors, for
templates/includes/_error_summary.html."""

from django import template

from scrutiny.common import forms

register = template.Library()


@register.filter
def error_links(form) -> list[tuple[str, str]]:
    return forms.error_links(form)

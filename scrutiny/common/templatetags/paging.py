"""``{% page_query param number anchor %}``: the current query string with ``param`` (or
"page" when it is empty) set to ``number`` (Django's ``{% querystring %}``, for a parameter
named by a variable), followed by ``#anchor`` when one is given."""

from __future__ import annotations

from django import template
from django.template.defaulttags import querystring

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, param: str, number, anchor: str = "") -> str:
    query = querystring(context, **{param or "page": number})
    return f"{query}#{anchor}" if anchor else query

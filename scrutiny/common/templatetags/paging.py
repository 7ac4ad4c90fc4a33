"""``{% page_query param number anchor %}``: the current query string with ``param`` (or
"page" when it is empty) set to ``number`` (Django's ``{% querystring %}``, for a parameter
named by a variable), followed by ``#anchor`` when one is given. ``{% page_link page
"previous" param anchor %}`` (or "next"): the same for the page before or after ``page``; a
page that is not numbered (a keyset page) names its own parameters (``page.link_query``)."""

from __future__ import annotations

from django import template
from django.template.defaulttags import querystring

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, param: str, number, anchor: str = "") -> str:
    query = querystring(context, **{param or "page": number})
    return f"{query}#{anchor}" if anchor else query


@register.simple_tag(takes_context=True)
def page_link(context, page, direction: str, param: str = "", anchor: str = "") -> str:
    if hasattr(page, "link_query"):
        query = querystring(context, **page.link_query(direction))
        return f"{query}#{anchor}" if anchor else query
    number = page.previous_page_number() if direction == "previous" else page.next_page_number()
    return page_query(context, param, number, anchor)

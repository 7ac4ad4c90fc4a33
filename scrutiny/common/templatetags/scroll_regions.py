"""``{% table_region_id as region %}``: an id for a wide table's scrolling region, unique in
the page, so that the region (role=region, tabindex=0: reachable and named for keyboard and
screen reader users) can take its name from the table's caption (aria-labelledby)."""

import itertools

from django import template

register = template.Library()

# Pages drawn without a request (the PDF packs) still get ids unique among themselves.
_without_request = itertools.count(1)


@register.simple_tag(takes_context=True)
def table_region_id(context) -> str:
    request = context.get("request")
    if request is None:
        return f"table-{next(_without_request)}"
    request.table_regions = getattr(request, "table_regions", 0) + 1
    return f"table-{request.table_regions}"

"""Links to download a page's list as CSV and XLSX, with the page's own query (its
filters, its search), so that the file holds what the page lists; the page's paging
parameters are left out: the file holds every page."""

from django import template
from django.urls import reverse

register = template.Library()

# Where a page is in its list, not what the list holds.
PAGING = ("page", "after", "before", "actions_page", "updates_page")


@register.inclusion_tag("includes/_downloads.html", takes_context=True)
def download_links(context, csv_name: str, xlsx_name: str, *args, what: str = ""):
    """The "Download as CSV" and "Download as spreadsheet (XLSX)" links of the URLs named
    ``csv_name`` and ``xlsx_name`` (with ``args``), keeping the request's query but its
    paging. ``what`` ("recommendations" or "actions") says what the files hold, for a page with
    several lists."""
    query = context["request"].GET.copy()
    for name in PAGING:
        query.pop(name, None)
    encoded = f"?{query.urlencode()}" if query else ""
    return {
        "csv_url": reverse(csv_name, args=args) + encoded,
        "xlsx_url": reverse(xlsx_name, args=args) + encoded,
        "what": what,
    }

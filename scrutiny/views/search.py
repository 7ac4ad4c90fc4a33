"""The search page: ``/search/?q=...`` (GET only), across everything the reader may see."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from scrutiny.exports.search import search_rows, search_sheet
from scrutiny.exports.tables import download
from scrutiny.selectors.search import KIND_KEYS, clean_query, search


@require_safe
def search_page(request):
    """Results grouped by kind, each group the first few with a link to the rest; with
    ``kind``, every result of that kind, a page at a time (at most ``MAX_COUNTED`` of
    them). An empty query asks for one."""
    query, cut = clean_query(request.GET.get("q", ""))
    kind = request.GET.get("kind")
    if kind not in KIND_KEYS:
        kind = None
    groups = search(request.user, query, kind=kind, page=request.GET.get("page")) if query else []
    total = sum(group.count for group in groups)
    # A kind with more results than it counts (MAX_COUNTED) was counted no further: the
    # total is then a floor, and the page says "more than".
    total_more = any(group.more for group in groups)
    page_obj = groups[0].page if kind and groups else None
    return render(
        request,
        "scrutiny/search_results.html",
        {
            "search_query": query,
            "query_cut": cut,
            "kind": kind,
            "kind_label": groups[0].label if kind and groups else "",
            "groups": [group for group in groups if group.count],
            "total": total,
            "total_more": total_more,
            "page_obj": page_obj,
            "page_range": list(page_obj.paginator.get_elided_page_range(page_obj.number))
            if page_obj
            else [],
        },
    )


@require_safe
def search_download(request, kind: str):
    """The search's results as a file (``kind`` "csv" or "xlsx"): every result of every
    kind (or of the kind the search names) the reader may see, as the page ranks them. An
    empty query goes back to the search page, which asks for one."""
    query, _cut = clean_query(request.GET.get("q", ""))
    if not query:
        return redirect("scrutiny:search")
    of = request.GET.get("kind")
    rows = search_rows(
        request.user,
        query,
        kind=of if of in KIND_KEYS else None,
        absolute=request.build_absolute_uri,
    )
    title = gettext("Search results for “%(query)s”") % {"query": query}
    return download(search_sheet(title, rows), kind, f"search-{timezone.localdate()}")

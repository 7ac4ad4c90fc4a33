"""A trivial page: "ok" as plain text, through the same middleware as every page, with no
database query. Load tests measure each page against it, and a load balancer may poll it."""

from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def health(request):
    """Anyone may ask: it says nothing but that the process answers."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")

"""A trivial page (``health``): "ok" as plain text, through the same middleware as every
page, with no database query, which load tests measure each page against; and the load
balancer's check (``healthz``)."""

from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from scrutiny.common.health import health_checks


@require_safe
def health(request):
    """Anyone may ask: it says nothing but that the process answers."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@require_safe
@never_cache
def healthz(request):
    """For the load balancer: 200 when this node can serve (its database answers and holds
    every migration of this release), else 503; JSON naming each check's outcome and
    nothing more (no names, versions or addresses). Where tasks go to the database worker,
    ``worker`` says whether one is taking them; a stalled worker is for monitoring to raise,
    not a reason to take a node that can serve out of the load balancer."""
    checks = health_checks()
    healthy = all(checks[name] == "ok" for name in ("database", "migrations"))
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAVIGATION = [
    (_("Home"), "scrutiny:home"),
    (_("Committees"), "scrutiny:committee-list"),
    (_("Reviews"), "scrutiny:review-list"),
    (_("Recommendations"), "recommendations:recommendation-list"),
    (_("Organisations"), "partnerships:organisation-list"),
]


def council(request):
    """The council's and the service's names, and the header navigation with the section
    the current page belongs to marked (by URL prefix)."""
    items = []
    for label, name in NAVIGATION:
        href = reverse(name)
        current = request.path == href
        active = current or (href != "/" and request.path.startswith(href))
        items.append({"label": label, "href": href, "active": active, "current": current})
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "nav_items": items,
    }

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.bilingual import welsh_chosen

NAVIGATION = [
    (_("Home"), "scrutiny:home"),
    (_("Committees"), "scrutiny:committee-list"),
    (_("Reviews"), "scrutiny:review-list"),
    (_("Recommendations"), "recommendations:recommendation-list"),
    (_("Organisations"), "partnerships:organisation-list"),
]

# settings.SERVICE_NAME's default: an interface string, so said in the reader's language.
DEFAULT_SERVICE_NAME = "Scrutiny recommendation tracker"


def service_name() -> str:
    """The service's name: on a Welsh page the Welsh name the council set, if any; else
    the default name in the reader's language; a name the council set is shown as set."""
    if welsh_chosen() and settings.SERVICE_NAME_CY:
        return settings.SERVICE_NAME_CY
    name = settings.SERVICE_NAME
    return gettext("Scrutiny recommendation tracker") if name == DEFAULT_SERVICE_NAME else name


def council_name() -> str:
    """The council's name, in Welsh on a Welsh page when the council gave one."""
    if welsh_chosen() and settings.COUNCIL_NAME_CY:
        return settings.COUNCIL_NAME_CY
    return settings.COUNCIL_NAME


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
        "council_name": council_name(),
        "service_name": service_name(),
        "nav_items": items,
    }

"""The accessibility statement, in the form UK public sector bodies publish under the
Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations
2018: who runs the service, how accessible it is, how to ask for another format or report a
problem (the contact details come from settings), enforcement, compliance and testing."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from scrutiny.common.context_processors import council_name


@require_safe
def accessibility_statement(request):
    """Anyone may read the statement: it must be reachable by those who cannot sign in."""
    return render(
        request,
        "scrutiny/accessibility_statement.html",
        {
            "runner": council_name() or gettext("the council"),
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "contact_phone": settings.ACCESSIBILITY_CONTACT_PHONE,
            "response_days": settings.ACCESSIBILITY_RESPONSE_DAYS,
        },
    )

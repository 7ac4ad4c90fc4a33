"""The home page, and the council's theme stylesheet."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe

from scrutiny.permissions import can_see_deleted
from scrutiny.selectors.home import home_summary


@require_GET
@cache_control(max_age=3600, public=True)
def theme_css(request):
    """The council's brand colour as a CSS custom property (validated in settings), so the
    built GOV.UK Frontend CSS needs no rebuild per council and no inline styles."""
    css = f":root {{ --govuk-brand-colour: {settings.COUNCIL_COLOUR}; }}\n"
    return HttpResponse(css, content_type="text/css")


@require_safe
def home(request):
    """The summary anyone can see (recommendations by status, what is overdue or has gone
    quiet, upcoming meetings), and for a signed-in user their committees and what they can
    update. Everything is limited to what the user may see."""
    context = home_summary(request.user, timezone.localdate())
    context["can_see_deleted"] = can_see_deleted(request.user)
    return render(request, "scrutiny/home.html", context)

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=3600, public=True)
def theme_css(request):
    """The council's brand colour as a CSS custom property (validated in settings), so the
    built GOV.UK Frontend CSS needs no rebuild per council and no inline styles."""
    css = f":root {{ --govuk-brand-colour: {settings.COUNCIL_COLOUR}; }}\n"
    return HttpResponse(css, content_type="text/css")

"""The 500 page's view: Django's own renders 500.html with no context at all; this one
gives it the service's and council's names from settings, and still touches neither the
request nor the database, either of which may be what failed."""

from django.http import HttpResponseServerError
from django.template import loader

from scrutiny.common.context_processors import council_name, service_name


def server_error(request, template_name="500.html"):
    template = loader.get_template(template_name)
    context = {"service_name": service_name(), "council_name": council_name()}
    return HttpResponseServerError(template.render(context))

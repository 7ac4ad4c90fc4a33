"""The error pages' views.

The 500 page: Django's own renders 500.html with no context at all; this one gives it the
service's and council's names from settings, and still touches neither the request nor the
database, either of which may be what failed.

The 400 page: Django's own is wrapped in ``requires_csrf_token``, which checks the CSRF
token of a POST again, reading its body again; a body Django refused to read (a form in
``charset=latin-1`` or ``utf-16``) then failed a second time, and the 400 became a 500.
This one never reads the body.
"""

from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.template import loader

from scrutiny.common.context_processors import council_name, service_name


def server_error(request, template_name="500.html"):
    template = loader.get_template(template_name)
    context = {"service_name": service_name(), "council_name": council_name()}
    return HttpResponseServerError(template.render(context))


def bad_request(request, exception, template_name="400.html"):
    return HttpResponseBadRequest(loader.render_to_string(template_name, request=request))

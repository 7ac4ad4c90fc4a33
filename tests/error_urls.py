"""The project's URLs plus views that fail on purpose, for the error page tests only
(``@pytest.mark.urls("tests.error_urls")``); never part of the project's own URLconf."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from scrutiny import root_urls


def fails(request):
    raise RuntimeError("a bug in a view")


def bad_request(request):
    raise BadRequest("nonsense")


def refused(request):
    raise PermissionDenied


urlpatterns = [
    *root_urls.urlpatterns,
    path("test-only/fails/", fails),
    path("test-only/bad-request/", bad_request),
    path("test-only/refused/", refused),
]

handler500 = root_urls.handler500

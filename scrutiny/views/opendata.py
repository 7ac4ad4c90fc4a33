"""Open data: the page listing the public datasets, and each dataset's CSV or JSON file,
streamed. Anyone may download them; they hold exactly what the public pages show (the
public's visibility, whoever asks), under the Open Government Licence v3.0."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from partnerships.models import Organisation
from scrutiny.exports.opendata import DATASETS, LICENCE, download
from scrutiny.views.api import api, breakable, operations
from scrutiny.views.api_schemas import MAX_PAGE_SIZE, PAGE_SIZE

# What each dataset holds, in the page's words.
DATASET_WORDS = {
    "reviews": (
        _("Reviews"),
        _("Each published scrutiny review: its committee, report and response dates."),
    ),
    "recommendations": (
        _("Recommendations"),
        _(
            "Each recommendation of a published review, with the executive response and "
            "its status now."
        ),
    ),
    "updates": (
        _("Progress updates"),
        _(
            "What each progress update given in public said of each recommendation, and "
            "any new status."
        ),
    ),
    "actions": (
        _("Agreed actions"),
        _(
            "What committees agreed in public, who it falls to, and when it is due or "
            "was delivered."
        ),
    ),
}
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def _council_id(request) -> int | None:
    """The council ``?council=`` names (None when absent); a 404 for one that is not a
    council of the site."""
    value = request.GET.get("council")
    if not value:
        return None
    if not value.isdigit() or not Organisation.objects.councils().filter(pk=value).exists():
        raise Http404("No such council.")
    return int(value)


@require_safe
def open_data(request):
    """The datasets, each as CSV and JSON, for every council and for each one."""
    return render(
        request,
        "scrutiny/open_data.html",
        {
            "datasets": [(key, *DATASET_WORDS[key]) for key in DATASETS],
            "councils": Organisation.objects.councils().order_by("name").only("pk", "name"),
            "licence": LICENCE,
        },
    )


@require_safe
def open_data_file(request, dataset: str, fmt: str):
    """One dataset as a file, streamed, with the public's visibility whoever asks: open
    data is what the public may read."""
    if dataset not in DATASETS or fmt not in CONTENT_TYPES:
        raise Http404("No such dataset.")
    council_id = _council_id(request)
    name = f"{dataset}-council-{council_id}" if council_id else dataset
    response = StreamingHttpResponse(
        download(dataset, fmt, AnonymousUser(), council_id), content_type=CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return response


@require_safe
def api_docs(request):
    """The JSON API's documentation, drawn from its OpenAPI description (/api/v1/docs comes
    here): each list, its query parameters and the fields of its items."""
    root = api.get_root_path({})
    return render(
        request,
        "scrutiny/api_docs.html",
        {
            "operations": operations(root),
            "root": breakable(request.build_absolute_uri(root)),
            "page_size": PAGE_SIZE,
            "max_page_size": MAX_PAGE_SIZE,
            "licence": LICENCE,
        },
    )

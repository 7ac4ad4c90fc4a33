"""Addresses of the decision pages, the resolutions and reasons of minute C129, and the
form data democratic services send to record it."""

from django.urls import reverse

LIST_URL = "/decisions/"
CREATE_URL = "/decisions/new/"

RESOLUTIONS = [
    "THAT the proposal to establish a regional Social Care Workforce Development Training "
    "Unit as outlined in the report be approved.",
    "THAT the implementation of the business model be authorised.",
    "THAT the report be referred to the Scrutiny Committee (Healthy Living and Social Care) "
    "for their consideration.",
]
REASONS = [
    "To realise the benefits that regional working could bring.",
    "To ensure that the Scrutiny Committee members were kept informed of this key development.",
]


def detail_url(decision):
    return reverse("scrutiny:decision-detail", args=[decision.pk])


def edit_url(decision):
    return reverse("scrutiny:decision-edit", args=[decision.pk])


def rows(prefix: str, points: list[tuple], extra: int = 2, initial: int = 0) -> dict:
    """Formset data: ``points`` as (number, text) or (number, text, delete) rows, then empty
    rows numbered on, as the page would send them."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(points) + extra),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, point in enumerate(points):
        data[f"{prefix}-{i}-number"] = str(point[0])
        data[f"{prefix}-{i}-text"] = point[1]
        if len(point) > 2 and point[2]:
            data[f"{prefix}-{i}-DELETE"] = "on"
    for j in range(extra):
        data[f"{prefix}-{len(points) + j}-number"] = str(len(points) + j + 1)
        data[f"{prefix}-{len(points) + j}-text"] = ""
    return data


def decision_post(cabinet, /, resolutions=None, reasons=None, **overrides) -> dict:
    """What democratic services type to record C129: valid unless overridden."""
    data = {
        "decided_by": cabinet.pk,
        "minute_number": "C129",
        "decided_on_0": "6",
        "decided_on_1": "11",
        "decided_on_2": "2017",
        "title": "Proposal to develop a regional social care workforce development unit",
        "summary": "Cabinet was updated on the proposal.",
        "referred_to": "",
        "referred_to_item": "",
    }
    data.update(overrides)
    if resolutions is None:
        resolutions = rows("resolutions", list(enumerate(RESOLUTIONS, start=1)))
    if reasons is None:
        reasons = rows("reasons", list(enumerate(REASONS, start=1)))
    return {**data, **resolutions, **reasons}

"""The list pages' filters: hostile values in the address never fail, are shown escaped,
and what a filter does not offer gets an error summary."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from recommendations.models import Status
from tests.support.forms import page_choices
from tests.support.hostile import (
    HOSTILE,
    IMG,
    SCRIPT,
    assert_no_raw_markup,
    hostile_number,
    hostile_text,
)

pytestmark = pytest.mark.django_db


@HOSTILE
@example(status=SCRIPT, response=IMG, page="99999999999999999999")
@example(status="\x00", response="", page="-1")
@example(status="on_track", response="accepted", page="2")
@given(
    status=st.one_of(st.sampled_from(["", *Status.values]), hostile_text()),
    response=st.one_of(st.sampled_from(["", "accepted", "not_accepted"]), hostile_text()),
    page=hostile_number(),
)
def test_recommendation_filters_show_an_error_for_what_they_do_not_offer(
    client, w, status, response, page
):
    query = urlencode({"status": status, "response": response, "page": page})
    html_page = client.get(f"/recommendations/?{query}")
    assert html_page.status_code == 200
    html = html_page.content.decode()
    offered_status = page_choices(html, "status")
    offered_response = page_choices(html, "response")
    assert_no_raw_markup(html, status, response, page)
    if status in offered_status and response in offered_response:
        assert 'class="govuk-error-summary"' not in html
    else:
        assert 'class="govuk-error-summary"' in html


@HOSTILE
@given(
    council=hostile_number(),
    committee=hostile_number(),
    status=hostile_text(),
    overdue=hostile_text(),
)
def test_review_filters_never_fail(client, w, council, committee, status, overdue):
    query = urlencode(
        {"council": council, "committee": committee, "status": status, "overdue": overdue}
    )
    response = client.get(f"/reviews/?{query}")
    assert response.status_code == 200
    assert_no_raw_markup(response.content.decode(), council, committee, status, overdue)

"""Recording the executive's response to a recommendation: the council's officers may,
others are refused, and bad input keeps what was typed."""

import datetime
import re

import pytest

from recommendations.models import Response
from tests.recommendations.views.helpers import (
    as_user,
    assert_login_redirect,
    detail_url,
    response_url,
)
from tests.support.pages import main_text as text_of


def response_data(**kwargs):
    return {
        "response": "partly_accepted",
        "response_text": "Accepted in part: funding is limited.",
        "lead_officer": "Director of Adult Social Care",
        "target_date_0": "30",
        "target_date_1": "9",
        "target_date_2": "2022",
        **kwargs,
    }


class TestResponseEdit:
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_anonymous_is_sent_to_sign_in(self, client, recs, method):
        url = response_url(recs[4])
        assert_login_redirect(getattr(client, method)(url), url)

    @pytest.mark.parametrize(
        "who", ["councillor", "partner_rep", "outside_officer", "outside_dem_services"]
    )
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_wrong_roles_are_refused(self, client, request, who, method, recs):
        response = getattr(as_user(client, request, who), method)(
            response_url(recs[4]), response_data()
        )
        assert response.status_code == 403
        recs[4].refresh_from_db()
        assert recs[4].response == Response.AWAITING

    @pytest.mark.parametrize("who", ["officer", "dem_services"])
    def test_the_councils_officers_record_it(self, client, request, who, recs):
        client = as_user(client, request, who)
        assert client.get(response_url(recs[4])).status_code == 200
        response = client.post(response_url(recs[4]), response_data(version="1"))
        assert response.status_code == 302
        recs[4].refresh_from_db()
        assert recs[4].response == Response.PARTLY_ACCEPTED
        assert recs[4].target_date == datetime.date(2022, 9, 30)
        assert "Partly accepted" in text_of(client.get(detail_url(recs[4])))

    def test_bad_input_keeps_what_was_typed(self, client, officer, recs):
        client.force_login(officer)
        response = client.post(
            response_url(recs[4]),
            response_data(response="not_accepted", response_text="", lead_officer="Typed role"),
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in html
        assert '<a href="#id_response_text">' in html
        assert 'value="Typed role"' in html
        assert 'value="not_accepted"\n      checked' in html or re.search(
            r'value="not_accepted"\s+checked', html
        )

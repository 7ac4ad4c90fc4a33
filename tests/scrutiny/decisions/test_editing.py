"""Editing a recorded decision: its rows are shown to renumber, remove and add to, and an
edit that fails changes nothing."""

import pytest

from tests.scrutiny.committee_people import text_of
from tests.scrutiny.decisions.helpers import REASONS, RESOLUTIONS, decision_post, edit_url, rows

pytestmark = pytest.mark.django_db


def test_edit_shows_the_rows_and_can_renumber_remove_and_add(client, decision, people):
    client.force_login(people["dem"])
    response = client.get(edit_url(decision))
    assert response.status_code == 200
    html = response.content.decode()
    assert RESOLUTIONS[0] in html and REASONS[1] in html
    assert 'name="resolutions-INITIAL_FORMS" value="3"' in html
    # The first empty row is numbered on from the last resolution.
    assert 'name="resolutions-3-number" value="4"' in html
    resolutions = rows(
        "resolutions",
        [
            (2, RESOLUTIONS[0]),
            (1, RESOLUTIONS[1]),
            (3, RESOLUTIONS[2], True),
            (3, "THAT a new one."),
        ],
        initial=3,
    )
    reasons = rows("reasons", [(1, REASONS[0]), (2, REASONS[1])], initial=2)
    response = client.post(
        edit_url(decision),
        decision_post(
            decision.decided_by,
            resolutions=resolutions,
            reasons=reasons,
            referred_to=decision.referred_to_id,
            referred_to_item=decision.referred_to_item_id,
            summary="Updated summary.",
            version="1",
        ),
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.summary == "Updated summary."
    assert list(
        decision.points.filter(kind="resolution").order_by("number").values_list("number", "text")
    ) == [(1, RESOLUTIONS[1]), (2, RESOLUTIONS[0]), (3, "THAT a new one.")]
    assert decision.points.filter(kind="reason").count() == 2


def test_a_failed_edit_changes_nothing(client, decision, people):
    client.force_login(people["dem"])
    resolutions = rows("resolutions", [(1, "THAT this."), (1, "THAT that."), (3, "")], initial=3)
    response = client.post(
        edit_url(decision),
        decision_post(decision.decided_by, resolutions=resolutions, title="Renamed"),
    )
    assert response.status_code == 200
    assert "Resolution (1) is used more than once" in text_of(response)
    decision.refresh_from_db()
    assert decision.title.startswith("Proposal")
    assert decision.points.filter(kind="resolution").count() == 3

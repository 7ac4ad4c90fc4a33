"""A recommendation's history page tells what happened to each closure proposed on it, who
did it and when: proposed (the status and the evidence), signed off or declined by the
committee (at which meeting and item; why it declined), withdrawn; in English and Welsh;
one made at an exempt item only to those who may see it."""

import pytest

from recommendations.models import ClosureProposal
from tests.recommendations.test_history import history_url, rows
from tests.signoff.helpers import EVIDENCE, decide, propose, withdraw_url

pytestmark = pytest.mark.django_db


def _row(rows_shown: list[str], starting: str) -> str:
    found = [row for row in rows_shown if starting in row]
    assert len(found) == 1, (starting, rows_shown)
    return found[0]


def test_a_proposal_signed_off_shows_who_proposed_and_who_signed_off(
    client, officer, dem_services, recs, review, item
):
    propose(client, officer, review, recs[4])
    client.force_login(dem_services)
    assert decide(client, item, ClosureProposal.objects.get(), "sign_off").status_code == 302
    shown = rows(client.get(history_url(recs[4])))
    proposed = _row(shown, "Proposed for sign-off as achieved")
    assert officer.display_name in proposed and f"Evidence: {EVIDENCE}" in proposed
    signed = _row(shown, "Signed off by the committee as achieved")
    assert dem_services.display_name in signed
    assert f"item 6: {item.title}" in signed
    assert shown.index(signed) < shown.index(proposed), "newest first"
    welsh = rows(client.get("/cy" + history_url(recs[4])))
    assert not any("Signed off by the committee" in row for row in welsh)
    assert any(EVIDENCE in row for row in welsh)
    assert any(f"eitem 6: {item.title}" in row for row in welsh)


def test_a_declined_proposal_says_why(client, officer, dem_services, recs, review, item):
    propose(client, officer, review, recs[4])
    client.force_login(dem_services)
    proposal = ClosureProposal.objects.get()
    decide(client, item, proposal, "decline", reason="Too few places on the pathway yet.")
    declined = _row(rows(client.get(history_url(recs[4]))), "Sign-off declined by the committee")
    assert "Reason: Too few places on the pathway yet." in declined
    assert dem_services.display_name in declined


def test_a_withdrawn_proposal_says_who_withdrew_it(client, officer, recs, review):
    propose(client, officer, review, recs[4])
    client.post(withdraw_url(ClosureProposal.objects.get()))
    shown = rows(client.get(history_url(recs[4])))
    withdrawn = _row(shown, "Proposal for sign-off withdrawn on recommendation 4")
    assert officer.display_name in withdrawn


def test_a_proposal_at_an_exempt_item_is_kept_from_those_who_may_not_see_it(
    client, officer, councillor, partner_rep, recs, review, exempt_item
):
    exempt_item.review = review
    exempt_item.save()
    propose(client, officer, review, recs[4], item=str(exempt_item.pk))
    client.force_login(partner_rep)
    assert not any("sign-off" in row for row in rows(client.get(history_url(recs[4]))))
    client.force_login(councillor)
    assert any("Proposed for sign-off" in row for row in rows(client.get(history_url(recs[4]))))

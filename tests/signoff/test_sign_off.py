"""The committee signs off, or declines, closures proposed for sign-off, on the meeting
record screen in one step: the status timeline changes as at the meeting's date (with no
update and no presenter made up), counts follow, a decline needs a reason (English and
Welsh) and leaves the recommendation open saying why; only the council's democratic
services may record it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from recommendations.models import (
    ClosureProposal,
    ProgressUpdate,
    ProposalState,
    Recommendation,
    StatusPeriod,
)
from scrutiny.services import ItemRecord, SignOffRecord, meeting_record
from tests.signoff.helpers import EVIDENCE, decide, detail_url, propose, record_url
from tests.support.pages import words

pytestmark = pytest.mark.django_db

MAY = datetime.date(2021, 5, 25)


@pytest.fixture
def proposal(client, officer, recs, review, item):
    """Recommendation 4 proposed achieved on 1 May 2021, before the May meeting."""
    assert propose(client, officer, review, recs[4]).status_code == 302
    client.logout()
    return ClosureProposal.objects.get()


def _status(rec, as_at=None, user=None):
    return Recommendation.objects.with_status(as_at=as_at, user=user).get(pk=rec.pk)


def test_the_record_screen_offers_the_proposal_at_the_item_on_its_review(
    client, dem_services, proposal, item
):
    client.force_login(dem_services)
    page = words(client.get(record_url(item.meeting)))
    assert "Proposed for sign-off Record whether the committee signed off" in page
    assert f"Evidence: {EVIDENCE}" in page
    assert "Signed off as Achieved" in page and "Declined: it stays open" in page


def test_signing_off_closes_it_as_at_the_meeting_without_an_update(
    client, dem_services, proposal, recs, item
):
    client.force_login(dem_services)
    response = decide(client, item, proposal, "sign_off")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SIGNED_OFF and proposal.item == item
    assert proposal.decided_by == dem_services
    assert ProgressUpdate.objects.count() == 1  # the proposer's only: none made up
    before, at = _status(recs[4], MAY - datetime.timedelta(days=1)), _status(recs[4], MAY)
    assert before.status == "not_started"
    assert (at.status, at.status_since, at.status_reason) == ("achieved", MAY, EVIDENCE)
    assert at.status_sign_off_id == proposal.pk and at.status_entry_id is None
    assert _status(recs[4]).status == "achieved"
    current = StatusPeriod.objects.get(recommendation=recs[4], audience="public", ends_on=None)
    assert current.sign_off_id == proposal.pk
    counts = Recommendation.objects.filter(review=recs[4].review).with_status().status_counts()
    assert counts["achieved"]["n"] == 1 and counts["not_started"]["n"] == 2
    page = words(client.get(detail_url(recs[4])))
    assert "Status now Achieved Since 25 May 2021" in page
    assert "Closure agreed at" in page and "Not recorded" not in page
    assert "Signed off by the committee as achieved" in page
    assert "Sign-off Proposed" not in page
    assert proposal.history.latest().history_user == dem_services


def test_the_success_message_says_what_was_signed_off(client, dem_services, proposal, item):
    client.force_login(dem_services)
    response = decide(client, item, proposal, "sign_off")
    assert "Recorded 1 signed off" in words(client.get(response["Location"]))


@pytest.mark.parametrize(
    "prefix, message",
    [
        ("", "Item 6, recommendation 4: give the reason the committee declined to sign it off"),
        ("/cy", "Eitem 6, argymhelliad 4: rhowch y rheswm y gwrthododd y pwyllgor ei gymeradwyo"),
    ],
)
def test_declining_needs_a_reason(client, dem_services, proposal, item, prefix, message):
    client.force_login(dem_services)
    response = client.post(
        prefix + record_url(item.meeting),
        {f"item-6-proposal-{proposal.pk}-decision": "decline"},
    )
    assert response.status_code == 200
    assert message in words(response)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PROPOSED


def test_a_declined_proposal_stays_open_and_says_why(
    client, dem_services, proposal, recs, review, item
):
    client.force_login(dem_services)
    reason = "Members want to see a year of retention figures first."
    assert decide(client, item, proposal, "decline", reason).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DECLINED and proposal.decline_reason == reason
    assert _status(recs[4]).status == "not_started"
    client.logout()
    said = f"Sign-off declined by the committee on 25 May 2021: it stays open Reason: {reason}"
    assert said in words(client.get(detail_url(recs[4])))
    assert said in words(client.get(review.get_absolute_url()))


def test_a_decided_proposal_is_not_offered_again(client, dem_services, proposal, item):
    client.force_login(dem_services)
    decide(client, item, proposal, "decline", "Not yet.")
    assert "Signed off as" not in words(client.get(record_url(item.meeting)))
    response = decide(client, item, proposal, "sign_off")
    assert response.status_code == 200  # nothing offered, so nothing to record
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DECLINED


@pytest.mark.parametrize("who", ["officer", "partner_rep", "councillor", "outside_dem_services"])
def test_only_the_councils_democratic_services_record_it(client, request, who, proposal, item):
    client.force_login(request.getfixturevalue(who))
    assert decide(client, item, proposal, "sign_off").status_code in (403, 404)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PROPOSED


def test_the_service_refuses_another_councils_democratic_services(
    outside_dem_services, proposal, item
):
    with pytest.raises(PermissionDenied):
        meeting_record(
            meeting=item.meeting,
            actor=outside_dem_services,
            items=[ItemRecord(item=item, sign_offs=[SignOffRecord(proposal, True)])],
        )
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PROPOSED


def test_a_proposal_made_after_the_meeting_cannot_be_decided_at_it(
    client, dem_services, officer, recs, review, item
):
    propose(client, officer, review, recs[8], given_on_1="6")  # 1 June, after the meeting
    proposal = ClosureProposal.objects.get()
    client.force_login(dem_services)
    assert "Signed off as" not in words(client.get(record_url(item.meeting)))
    with pytest.raises(Exception) as error:
        meeting_record(
            meeting=item.meeting,
            actor=dem_services,
            items=[ItemRecord(item=item, sign_offs=[SignOffRecord(proposal, True)])],
        )
    assert "was proposed for sign-off after this meeting" in str(error.value)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PROPOSED

"""Proposing closure for the committee's sign-off with a progress update, between
meetings: who may, what the form refuses (in words, English and Welsh), and where the
proposal shows while it waits (the recommendation, the review's tracker, the list and its
filter); withdrawing it; and an exempt proposal kept from the public."""

import pytest
from django.urls import reverse

from recommendations.models import ClosureProposal, ProposalState, Recommendation, Status
from tests.signoff.helpers import EVIDENCE, detail_url, propose, withdraw_url
from tests.support.pages import words

pytestmark = pytest.mark.django_db

LIST = reverse("recommendations:recommendation-list")


def test_a_partner_proposes_closure_and_the_recommendation_stays_open(
    client, partner_rep, recs, review
):
    response = propose(client, partner_rep, review, recs[4])
    assert response.status_code == 302
    proposal = ClosureProposal.objects.get()
    assert (proposal.recommendation, proposal.status, proposal.state) == (
        recs[4],
        Status.ACHIEVED,
        ProposalState.PROPOSED,
    )
    assert proposal.proposed_by == partner_rep and proposal.evidence == EVIDENCE
    rec = Recommendation.objects.with_status().get(pk=recs[4].pk)
    assert rec.status == Status.NOT_STARTED  # open until a meeting signs it off
    history = proposal.history.get()
    assert history.history_user == partner_rep and history.history_type == "+"


def test_it_shows_on_the_recommendation_with_who_when_and_the_evidence(
    client, officer, recs, review
):
    propose(client, officer, review, recs[5], status="superseded")
    client.logout()
    page = words(client.get(detail_url(recs[5])))
    assert (
        "Sign-off Proposed for sign-off as superseded, by Strategic Director for Social Care "
        "and Education (Leicester) on " in page
    )
    assert f"Evidence: {EVIDENCE}" in page
    assert "Status now Not started Sign-off" in page


def test_it_shows_on_the_review_tracker_and_the_list_which_filters_by_it(
    client, officer, recs, review
):
    propose(client, officer, review, recs[8])
    client.logout()
    tracker = words(client.get(review.get_absolute_url()))
    assert "Proposed for sign-off as achieved, by Strategic Director" in tracker
    listed = words(client.get(LIST, {"sign_off": "proposed"}))
    assert "Attracting younger people" in listed
    assert "Quality of care" not in listed and "Finding community" not in listed
    assert "1 recommendation" in listed or "Proposed for sign-off" in listed
    everything = words(client.get(LIST))
    assert "Quality of care" in everything


@pytest.mark.parametrize(
    "language, message",
    [
        ("en", "Recommendation 4: give the evidence that it can be closed"),
        ("cy", "Argymhelliad 4: rhowch y dystiolaeth y gellir ei gau"),
    ],
)
def test_a_proposal_needs_evidence(client, officer, recs, review, language, message):
    client.cookies["django_language"] = language
    prefix = "" if language == "en" else "/cy"
    client.force_login(officer)
    from tests.recommendations.views.helpers import entry, log_data, log_url

    data = log_data(officer) | entry(
        recs[4], text="Done.", new_status="", reason="", proposed_status="achieved", evidence=""
    )
    response = client.post(prefix + log_url(review), data)
    assert response.status_code == 200
    assert message in words(response)
    assert not ClosureProposal.objects.exists()


def test_a_second_proposal_on_the_same_recommendation_is_refused(client, officer, recs, review):
    propose(client, officer, review, recs[4])
    response = propose(client, officer, review, recs[4])
    assert response.status_code == 200
    assert "Recommendation 4 is already proposed for sign-off" in words(response)
    assert ClosureProposal.objects.count() == 1


def test_closing_and_proposing_at_once_is_refused(client, dem_services, recs, review, item):
    client.force_login(dem_services)
    from tests.recommendations.views.helpers import entry, log_data, log_url

    data = log_data(dem_services, item=str(item.pk)) | entry(
        recs[4],
        text="Done.",
        new_status="achieved",
        reason="Done.",
        proposed_status="achieved",
        evidence="Done.",
    )
    response = client.post(log_url(review), data)
    assert "Recommendation 4: close it or propose closure, not both" in words(response)


@pytest.mark.parametrize("who", ["officer", "dem_services"])
def test_the_proposer_or_democratic_services_withdraw_it(
    client, request, officer, recs, review, who
):
    propose(client, officer, review, recs[4])
    proposal = ClosureProposal.objects.get()
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.post(withdraw_url(proposal))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN and proposal.decided_by == user
    page = words(client.get(detail_url(recs[4])))
    assert "Sign-off Proposed for sign-off" not in page
    assert "Proposed for sign-off as achieved (withdrawn)" in page
    assert proposal.history.latest().history_user == user


@pytest.mark.parametrize("who", ["councillor", "partner_rep", "outside_dem_services"])
def test_others_may_not_withdraw_it(client, request, officer, recs, review, who):
    propose(client, officer, review, recs[4])
    proposal = ClosureProposal.objects.get()
    client.force_login(request.getfixturevalue(who))
    assert client.post(withdraw_url(proposal)).status_code in (403, 404)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PROPOSED


def test_anonymous_visitors_are_sent_to_sign_in_to_withdraw(client, officer, recs, review):
    propose(client, officer, review, recs[4])
    client.logout()
    response = client.post(withdraw_url(ClosureProposal.objects.get()))
    assert response.status_code == 302 and "login" in response["Location"]
    assert ClosureProposal.objects.get().state == ProposalState.PROPOSED


def test_a_proposal_made_at_an_exempt_item_is_kept_from_the_public(
    client, officer, councillor, recs, review, exempt_item
):
    exempt_item.review = review
    exempt_item.save()
    response = propose(client, officer, review, recs[4], item=str(exempt_item.pk))
    assert response.status_code == 302
    client.logout()
    for url, query in ((detail_url(recs[4]), {}), (review.get_absolute_url(), {})):
        assert "Proposed for sign-off" not in words(client.get(url, query))
    assert "Quality of care" not in words(client.get(LIST, {"sign_off": "proposed"}))
    client.force_login(councillor)
    assert "Proposed for sign-off" in words(client.get(detail_url(recs[4])))
    assert "Quality of care" in words(client.get(LIST, {"sign_off": "proposed"}))


def test_the_due_page_lists_proposals_waiting_for_the_committee(
    client, officer, dem_services, recs, review, item
):
    url = reverse("scrutiny:meeting-due", args=[item.meeting.pk])
    assert "None: no recommendation of this committee is waiting for sign-off." in words(
        client.get(url)
    )
    propose(client, officer, review, recs[8])
    client.force_login(dem_services)
    page = words(client.get(url))
    assert (
        "1 recommendation is proposed for closure and waits for the committee to sign it off"
        in page
    )
    assert "Attracting younger people" in page and f"Evidence: {EVIDENCE}" in page
    assert "Item 6" in page  # the meeting's item on the review, where it is signed off


def test_the_update_shows_what_it_proposed(client, officer, recs, review):
    response = propose(client, officer, review, recs[4])
    page = words(client.get(response["Location"]))
    assert f"Proposed for sign-off Achieved Proposed for sign-off Evidence: {EVIDENCE}" in page


def test_deleting_the_update_withdraws_what_it_proposed(client, officer, recs, review):
    from recommendations.services import update_delete

    propose(client, officer, review, recs[4])
    proposal = ClosureProposal.objects.get()
    update_delete(update=proposal.entry.update, actor=officer, reason="Wrong review.")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN
    assert propose(client, officer, review, recs[4]).status_code == 302
    assert ClosureProposal.objects.waiting().count() == 1

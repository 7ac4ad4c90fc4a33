"""A closure proposed on a recommendation of a review an item also reports on (not its main
review) is signed off at that item, and the due list places it there."""

import pytest

from recommendations.models import ClosureProposal, ProposalState
from scrutiny.selectors.due import due_list
from tests.factories import AgendaItemFactory, ReviewFactory
from tests.signoff.helpers import decide, propose, record_url
from tests.support.pages import words

pytestmark = pytest.mark.django_db


@pytest.fixture
def six_monthly(meeting, review):
    """Item 7 reports mainly on another review of the committee, and also on ``review``."""
    item = AgendaItemFactory(
        meeting=meeting,
        number=7,
        title="Six-monthly report on outstanding recommendations",
        review=ReviewFactory(committee=review.committee, title="Support for Unpaid Carers"),
    )
    item.other_reviews.add(review)
    return item


def test_the_closure_is_offered_and_signed_off_at_the_item_that_also_reports_on_it(
    client, officer, dem_services, recs, review, six_monthly
):
    assert propose(client, officer, review, recs[4]).status_code == 302
    proposal = ClosureProposal.objects.get()
    client.force_login(dem_services)
    page = words(client.get(record_url(six_monthly.meeting)))
    item_part = page[page.index("Item 7: Six-monthly report") :]
    assert "Proposed for sign-off" in item_part

    response = decide(client, six_monthly, proposal, "sign_off")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SIGNED_OFF and proposal.item == six_monthly


def test_the_due_list_finds_the_review_at_the_item_that_also_reports_on_it(
    client, officer, dem_services, recs, review, six_monthly
):
    propose(client, officer, review, recs[4])
    due = due_list(six_monthly.meeting, dem_services)
    proposed = {rec.pk: rec for rec in due.proposed}
    assert proposed[recs[4].pk].item == six_monthly

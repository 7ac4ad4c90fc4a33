"""In a real browser: democratic services mark a six-monthly report item as also reporting
on a second review, then record at that one item a progress report covering
recommendations of both reviews, and find both on the meeting page."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from partnerships.models import Role
from recommendations.models import ProgressUpdate
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    RecommendationFactory,
    ReviewFactory,
    user_with_role,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def july_meeting(leicester, leicester_review, leicester_recs):
    carers = ReviewFactory(committee=leicester_review.committee, title="Support for Unpaid Carers")
    RecommendationFactory(review=carers, reference=1, title="Carers' assessments")
    RecommendationFactory(review=carers, reference=2, title="Respite breaks")
    meeting = MeetingFactory(committee=leicester_review.committee, date=datetime.date(2021, 7, 6))
    AgendaItemFactory(
        meeting=meeting,
        number=4,
        title="Six-monthly report on outstanding recommendations",
        review=leicester_review,
    )
    user_with_role(Role.DEMOCRATIC_SERVICES, leicester, username="democratic.services")
    return meeting


def test_a_progress_report_at_one_item_covers_two_reviews(live_server, page, july_meeting):
    page.goto(live_server.url + "/accounts/login/?next=" + july_meeting.get_absolute_url())
    page.get_by_label("Username").fill("democratic.services")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()

    # The item also reports on the carers review.
    page.locator("#item-4").get_by_role("link", name=re.compile("^Edit")).click()
    reviews = page.get_by_role("group", name="Other scrutiny reviews it also reports on")
    reviews.get_by_label("Support for Unpaid Carers").check()
    page.get_by_role("button", name="Save item").click()
    item = page.locator("#item-4")
    expect(item).to_contain_text("Reports on the scrutiny reviews:")
    expect(item.get_by_role("link", name="Support for Unpaid Carers", exact=True)).to_be_visible()

    # One report at the item, on a recommendation of each review.
    page.goto(live_server.url + f"/meetings/{july_meeting.pk}/record/")
    item = page.locator("#item-4")
    expect(
        item.get_by_role("heading", name="Recommendations of Support for Unpaid Carers")
    ).to_be_visible()
    item.get_by_label("Given by (role)").fill("Director of Adult Social Care")
    item.get_by_label("Which organisation was it given for?").select_option(
        label="Leicester City Council (Leicester)"
    )
    item.get_by_label("Written update").check()
    item.get_by_role("group", name="Recommendation 4: Quality of care").get_by_label(
        "What was reported"
    ).fill("Workforce quality audits are under way.")
    item.get_by_role("group", name="Recommendation 2: Respite breaks").get_by_label(
        "What was reported"
    ).fill("Respite places rose from 40 to 55.")
    page.screenshot(path="/tmp/record-several-reviews-form.png", full_page=True)
    page.get_by_role("button", name="Save the record").click()

    expect(page).to_have_url(live_server.url + july_meeting.get_absolute_url())
    expect(page.get_by_role("alert")).to_contain_text(
        "Recorded 1 update covering 2 recommendations"
    )
    item = page.locator("#item-4")
    expect(item).to_contain_text("Workforce quality audits are under way.")
    expect(item).to_contain_text("Respite places rose from 40 to 55.")
    page.screenshot(path="/tmp/record-several-reviews.png", full_page=True)
    update = ProgressUpdate.objects.get()
    assert {e.recommendation.review.title for e in update.entries.all()} == {
        "Social Care External Workforce",
        "Support for Unpaid Carers",
    }

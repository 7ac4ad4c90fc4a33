"""In a real browser: an officer signs in, logs one update on two recommendations of a
review (one with a new status), and finds it on the update's page and on both
recommendations' pages."""

import re

import pytest
from playwright.sync_api import expect

from partnerships.models import Role
from tests.factories import (
    user_with_role,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def review_with_recommendations(leicester, lscdg, leicester_review, leicester_recs):
    for rec in leicester_recs.values():
        rec.responsible_bodies.add(lscdg)
    officer = user_with_role(
        Role.OFFICER,
        leicester,
        username="strategic.director",
        first_name="Alex",
        last_name="Morgan",
        job_title="Strategic Director for Social Care and Education",
    )
    return leicester_review, leicester_recs, officer


def test_an_officer_logs_an_update_on_two_recommendations(
    live_server, page, review_with_recommendations
):
    review, recs, officer = review_with_recommendations
    log_path = f"/reviews/{review.pk}/updates/new/"

    # Asking for the form while signed out leads through the real sign-in page and back.
    page.goto(live_server.url + log_path)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Username").fill("strategic.director")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + log_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a progress update")

    page.get_by_label("Verbal update").check()
    page.get_by_label("Summary (optional)").fill(
        "The LSCDG representative gave an update on the workforce plans."
    )
    four = page.get_by_role("group", name="Recommendation 4: Quality of care")
    four.get_by_role("textbox", name="What was reported on recommendation 4").fill(
        "A report on career pathways was received today and will be worked through."
    )
    four.get_by_label("New status").select_option(label="On track")
    five = page.get_by_role("group", name="Recommendation 5: Finding community")
    five.get_by_role("textbox", name="What was reported on recommendation 5").fill(
        "The sub-regional workforce group meets in June to take this forward."
    )
    page.screenshot(path="/tmp/log-update.png", full_page=True)
    page.get_by_role("button", name="Save update").click()

    # The update's page.
    expect(page).to_have_url(re.compile(r"/updates/\d+/$"))
    expect(page.get_by_role("alert")).to_contain_text("Update recorded on recommendations 4 and 5")
    main = page.locator("main")
    expect(main).to_contain_text("A report on career pathways was received today")
    expect(main).to_contain_text("The sub-regional workforce group meets in June")
    expect(main).to_contain_text("On track")
    expect(main).to_contain_text("Strategic Director for Social Care and Education")
    page.screenshot(path="/tmp/log-update-saved.png", full_page=True)

    # Recommendation 4 now says what was reported and is on track.
    page.get_by_role("link", name=re.compile(r"Recommendation 4: Quality of care")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "4. Quality of care and improving retention rates"
    )
    status = page.locator(".govuk-summary-list__row", has_text="Status now")
    expect(status).to_contain_text("On track")
    expect(page.locator("main")).to_contain_text(
        "A report on career pathways was received today and will be worked through."
    )

    # Recommendation 5 has the words, and its status has not changed.
    page.goto(live_server.url + recs[5].get_absolute_url())
    expect(page.locator("main")).to_contain_text(
        "The sub-regional workforce group meets in June to take this forward."
    )
    status = page.locator(".govuk-summary-list__row", has_text="Status now")
    expect(status).to_contain_text("Not started")

    # Recommendation 8 was left blank, so the update did not touch it.
    page.goto(live_server.url + recs[8].get_absolute_url())
    expect(page.locator("main")).to_contain_text("No progress update has been given")

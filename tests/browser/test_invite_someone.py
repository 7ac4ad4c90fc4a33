"""In a real browser: democratic services invite an officer from the app's own pages; the
officer opens the emailed link (a real SMTP server on this machine), sets a password and is
signed in; the link then no longer works."""

import re

import pytest
from playwright.sync_api import expect

from partnerships.models import Role
from tests.factories import CouncilFactory, user_with_role
from tests.support.smtp import body, smtp_server


def sent_to(inbox, address: str) -> list:
    return [m for m in inbox.messages if m["To"] == address]


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_democratic_services_invite_an_officer_who_sets_a_password(live_server, browser):
    council = CouncilFactory(name="Ashby Borough Council")
    user_with_role(
        Role.DEMOCRATIC_SERVICES, council, username="dana", first_name="Dana", last_name="Dee"
    )
    with smtp_server() as inbox:
        inviter = browser.new_page()
        inviter.goto(live_server.url + "/accounts/login/")
        inviter.get_by_label("Username").fill("dana")
        inviter.get_by_label("Password").fill("correct-horse-battery")
        inviter.get_by_role("button", name="Sign in").click()
        inviter.get_by_role("link", name="Invite its people").click()
        expect(inviter.get_by_role("heading", level=1)).to_have_text("Invite someone")
        inviter.get_by_label("First name").fill("Robin")
        inviter.get_by_label("Last name").fill("Officer")
        inviter.get_by_label("Email address").fill("robin@example.gov.uk")
        inviter.get_by_label("Officer", exact=True).check()
        inviter.get_by_role("button", name="Send the invitation").click()
        expect(inviter.locator(".govuk-notification-banner")).to_contain_text(
            "Invitation sent to robin@example.gov.uk"
        )
        expect(inviter.get_by_role("link", name="Robin Officer")).to_be_visible()
        [message] = sent_to(inbox, "robin@example.gov.uk")
    link = re.search(r"http://\S+/invitations/\S+/", body(message)).group(0)
    link = re.sub(r"^http://[^/]+", live_server.url, link)

    invited = browser.new_context().new_page()
    invited.goto(link)
    expect(invited.get_by_role("heading", level=1)).to_have_text("Set your password")
    invited.get_by_label("New password", exact=True).fill("Quiet-otters-paddle-at-dawn")
    invited.get_by_label("Confirm new password").fill("Quiet-otters-paddle-at-dawn")
    invited.get_by_role("button", name="Set password").click()
    expect(invited.locator(".govuk-notification-banner")).to_contain_text(
        "Your password is set and you are signed in"
    )
    invited.goto(link)
    expect(invited.get_by_role("heading", level=1)).to_have_text("This link does not work")

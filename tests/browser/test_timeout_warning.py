"""In a real browser: shortly before a signed-in session would end for want of a request,
the GOV.UK timeout warning opens; "Stay signed in" saves the session again without leaving
the page, so what is being typed stays where it is."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from partnerships.models import Role
from tests.factories import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_stay_signed_in_keeps_the_session_and_the_page(live_server, page, settings, leicester):
    # The warning opens 3 minutes before the end: a session of 3 minutes and 4 seconds
    # shows it after 4 seconds.
    settings.SESSION_COOKIE_AGE = 184
    user_with_role(Role.DEMOCRATIC_SERVICES, leicester, username="democratic.services")
    page.goto(live_server.url + "/accounts/login/?next=/committees/")
    page.get_by_label("Username").fill("democratic.services")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("search").get_by_role("searchbox").fill("typed, not sent")
    warning = page.get_by_role("dialog", name="You will be signed out soon")
    expect(warning).to_be_hidden()
    ends_before = Session.objects.get().expire_date

    expect(warning).to_be_visible(timeout=15_000)
    page.get_by_role("button", name="Stay signed in").click()

    expect(warning).to_be_hidden()
    assert Session.objects.get().expire_date >= ends_before + datetime.timedelta(seconds=3)
    expect(page.get_by_role("search").get_by_role("searchbox")).to_have_value("typed, not sent")
    assert page.url.endswith("/committees/")

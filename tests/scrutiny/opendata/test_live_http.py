"""The API, the downloads and the calendar feed over real HTTP (httpx against pytest-django's
live server, as outside programs will call them): nothing exempt, draft or deleted reaches
an anonymous caller; the session cookie of a signed-in member shows them their own."""

from __future__ import annotations

import csv
import io

import httpx
import pytest
from django.conf import settings
from django.test import Client
from icalendar import Calendar

from scrutiny.common.feed_tokens import feed_token
from tests.support.world import DRAFT_MARK, EXEMPT_MARK, build_world, words

pytestmark = pytest.mark.django_db(transaction=True)

LISTS = ["reviews", "recommendations", "updates", "actions", "meetings"]


def _session_cookie(user) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def _every_page(http: httpx.Client, name: str) -> list[dict]:
    """Every item of an API list, following ``next`` from page to page (two a page)."""
    items, url = [], f"/api/v1/{name}?page_size=2"
    while url:
        response = http.get(url)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        body = response.json()
        items += body["results"]
        url = body["next"]
    return items


def test_over_http_the_public_never_gets_what_is_hidden(live_server):
    w = build_world()
    with httpx.Client(base_url=live_server.url, timeout=30) as http:
        for name in LISTS:
            items = _every_page(http, name)
            text = words(str(items))
            assert EXEMPT_MARK.lower() not in text and DRAFT_MARK.lower() not in text, name
        ids = {item["id"] for item in _every_page(http, "recommendations")}
        assert ids == {w.rec_a1.pk, w.rec_a2.pk, w.rec_b.pk}
        updates = {item["id"] for item in _every_page(http, "updates")}
        assert {w.update_a.pk, w.update_b.pk} <= updates
        hidden = {w.exempt_update_a, w.draft_update_a, w.deleted_update_a, w.deleted_update_b}
        assert not updates & {update.pk for update in hidden}
        actions = {item["id"] for item in _every_page(http, "actions")}
        assert w.exempt_action_a.pk not in actions and w.action_a.pk in actions
        reviews = {item["id"] for item in _every_page(http, "reviews")}
        assert reviews == {w.review_a.pk, w.review_b.pk}

        download = http.get("/open-data/updates.csv")
        assert download.headers["content-type"] == "text/csv; charset=utf-8"
        rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
        assert {int(r["update_id"]) for r in rows} == updates
        assert EXEMPT_MARK.lower() not in words(download.text)


def test_over_http_a_signed_in_member_sees_their_councils_hidden_business(live_server):
    w = build_world()
    cookies = _session_cookie(w.democratic)
    with httpx.Client(base_url=live_server.url, cookies=cookies, timeout=30) as http:
        reviews = {item["id"] for item in _every_page(http, "reviews")}
        assert reviews == {w.review_a.pk, w.draft_review_a.pk, w.review_b.pk}
        updates = {item["id"] for item in _every_page(http, "updates")}
        assert w.exempt_update_a.pk in updates
        assert w.deleted_update_a.pk not in updates
        # Open data stays the public's, whoever downloads it.
        download = http.get("/open-data/reviews.json").json()
        assert w.draft_review_a.pk not in {item["id"] for item in download["items"]}


def test_over_http_the_calendar_feed_by_its_token(live_server):
    w = build_world()
    with httpx.Client(base_url=live_server.url, timeout=30) as http:
        feed = http.get(f"/updates-owed/calendar/{feed_token(w.officer)}.ics")
        assert feed.status_code == 200
        assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
        events = Calendar.from_ical(feed.content).walk("VEVENT")
        assert events and all(str(e["uid"]).startswith("update-due-") for e in events)
        assert http.get(f"/updates-owed/calendar/{w.officer.pk}-nope.ics").status_code == 404

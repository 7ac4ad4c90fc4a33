"""Welsh pages under /cy/: in Welsh with Welsh dates, forms and their errors (Django's own
messages included) in Welsh, the English pages still English, and the language switch
back to the same page and query."""

from __future__ import annotations

import datetime
import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.support.world import client_for

WELSH_MONTHS = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
]
ENGLISH_MONTHS = [datetime.date(2000, m, 1).strftime("%B") for m in range(1, 13)]
# Interface words every page has in English; none may be left on a Welsh page.
ENGLISH_EVERYWHERE = [
    "Skip to main content",
    "Service information",
    ">Home<",
    ">Committees<",
    ">Reviews<",
    ">Recommendations<",
    ">Organisations<",
    "Sign in",
    "Sign out",
    "Support links",
    "Scrutiny is held in public",
]
WELSH_EVERYWHERE = ["Neidio i'r prif gynnwys", "Hafan", "Pwyllgorau", "Argymhellion"]


def welsh(url: str) -> str:
    return f"/cy{url}"


def welsh_date(day: datetime.date) -> str:
    return f"{day.day} {WELSH_MONTHS[day.month - 1]} {day.year}"


def english_date(day: datetime.date) -> str:
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


def assert_welsh_page(html: str, url: str, english: list[str], welsh_words: list[str]):
    html = unescape(html)
    assert '<html lang="cy"' in html, url
    left = [words for words in ENGLISH_EVERYWHERE + english if words in html]
    assert not left, f"{url} has English: {left}"
    lacking = [words for words in WELSH_EVERYWHERE + welsh_words if words not in html]
    assert not lacking, f"{url} lacks the Welsh {lacking}"


def welsh_pages(world):
    """(url, English phrases it must not have, Welsh phrases it must have, a date it shows)."""
    return [
        (reverse("scrutiny:home"), [], [], None),
        (
            reverse("scrutiny:review-detail", kwargs={"pk": world.review_a.pk}),
            ["Recommendations</h2>", "Status"],
            ["Argymhellion</h2>", "Statws"],
            None,
        ),
        (
            reverse("recommendations:recommendation-detail", kwargs={"pk": world.rec_a1.pk}),
            ["Status", "Target date", "Executive response"],
            ["Statws", "Ymateb y weithrediaeth"],
            None,
        ),
        (
            reverse("scrutiny:meeting-pack", kwargs={"pk": world.meeting_a.pk}),
            ["Contents", "Other agreed actions"],
            ["Cynnwys"],
            world.meeting_a.date,
        ),
        (
            reverse("scrutiny:open-data"),
            ["Open data</h1>", "Downloads", "Open Government Licence"],
            ["Data agored</h1>", "Lawrlwythiadau", "Drwydded Llywodraeth Agored v3.0"],
            None,
        ),
        (
            reverse("scrutiny:api-docs"),
            ["The open data API</h1>", "Query parameters of"],
            ["API y data agored</h1>", "Paramedrau ymholiad"],
            None,
        ),
    ]


def test_welsh_pages_are_in_welsh(client, world, db):
    client_for(client, None)
    for url, english, welsh_words, day in welsh_pages(world):
        response = client.get(welsh(url))
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_welsh_page(html, url, english, welsh_words)
        if day is not None:
            assert welsh_date(day) in html, f"{url}: no Welsh date {welsh_date(day)}"
            assert english_date(day) not in html, f"{url}: English date {english_date(day)}"


def test_the_english_pages_stay_english(client, world, db):
    client_for(client, None)
    html = client.get(reverse("scrutiny:meeting-pack", kwargs={"pk": world.meeting_a.pk}))
    html = html.content.decode()
    assert '<html lang="en-GB"' in html
    assert "Skip to main content" in html
    assert english_date(world.meeting_a.date) in html


def test_a_form_with_errors_is_welsh(client, world, db):
    """The sign-in form's errors, its error summary and crispy-forms-gds's hidden "Error:"
    prefix are Welsh."""
    client_for(client, None)
    response = client.post(welsh(reverse("login")), {"username": "", "password": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert_welsh_page(
        html, "login", ["There is a problem", "Error:", "Enter your username"], ["Gwall:"]
    )


def test_the_switch_keeps_the_page_and_its_query(client, world, db):
    client_for(client, None)
    url = reverse("scrutiny:review-list") + "?page=1&q=care"
    english = client.get(url).content.decode()
    welsh_html = client.get(welsh(url)).content.decode()
    # Each language named in itself, with lang and hreflang; the current one not a link.
    assert (
        f'href="/cy{url.replace("&", "&amp;")}" lang="cy" hreflang="cy" rel="alternate">'
        "Cymraeg</a>" in english
    )
    assert 'lang="en-GB" aria-current="true">English</span>' in english
    assert (
        f'href="{url.replace("&", "&amp;")}" lang="en-GB" hreflang="en-GB" rel="alternate">'
        "English</a>" in welsh_html
    )
    assert 'lang="cy" aria-current="true">Cymraeg</span>' in welsh_html


def test_a_missing_page_switches_language_too(client, db):
    response = client.get("/cy/no-such-page/?x=1")
    assert response.status_code == 404
    assert 'href="/no-such-page/?x=1" lang="en-GB"' in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/cy//evil.example/path", "/cy/\\evil.example/path", "/cy/%2F/evil.example/"]
)
def test_the_switch_on_a_missing_page_never_links_off_site(client, db, path):
    """/cy//evil.example/path switched to "//evil.example/path": another site."""
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    hrefs = [unescape(h) for h in re.findall(r'<a [^>]*href="([^"]*)"[^>]*hreflang', html)]
    assert hrefs, "no language link"
    for href in hrefs:
        parts = urlsplit(href.replace("\\", "/"))
        assert href.startswith("/") and not parts.netloc and not parts.scheme, href
        assert not href.replace("\\", "/").startswith("//"), href


def test_the_reset_password_page_and_its_errors_are_welsh(client, db):
    response = client.post(welsh(reverse("password_reset")), {"email": "not an address"})
    html = unescape(response.content.decode())

    assert response.status_code == 200
    assert "Ailosod eich cyfrinair" in html
    assert "Rhowch gyfeiriad e-bost yn y fformat cywir" in html
    assert "Reset your password" not in html
    assert "Enter an email address" not in html


def test_django_own_messages_are_welsh(client, world, db):
    """Django's password validators and form errors under /cy/: its own Welsh, or ours
    (scrutiny/common/i18n_extra.py) where Django has none."""
    client_for(client, world.officer)
    url = welsh(reverse("password_change"))
    response = client.post(
        url, {"old_password": "wrong", "new_password1": "123", "new_password2": "123"}
    )
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "This password is too short" not in html
    assert "Mae'r cyfrinair hwn yn rhy fyr" in html
    assert "Mae'r cyfrinair hwn yn rhifau i gyd." in html

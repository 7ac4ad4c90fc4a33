"""The pages that enter many recommendations at once, in Welsh under /cy/: the pasted
list, the rows found in it with their errors, and a review's executive responses."""

from __future__ import annotations

from html import unescape

from django.urls import reverse

from tests.support.world import client_for
from tests.translations.test_welsh_pages import assert_welsh_page, welsh


def test_the_pasted_list_and_its_rows_are_welsh(client, world, db):
    client_for(client, world.democratic)
    url = welsh(reverse("recommendations:recommendation-paste", args=[world.review_a.pk]))
    html = client.get(url).content.decode()
    assert_welsh_page(
        html, url, ["Add several recommendations", "Continue"], ["Ychwanegu sawl argymhelliad"]
    )
    response = client.post(url, {"pasted": "1. Gwneud rhywbeth.\n2) Gwneud rhywbeth arall."})
    assert_welsh_page(
        response.content.decode(),
        url,
        ["Check the recommendations", "Save recommendations", "Row", "were found"],
        ["Gwirio'r argymhellion", "Cadw'r argymhellion", "Cafwyd hyd i 2 argymhelliad"],
    )
    rows = {
        "rows-TOTAL_FORMS": "2",
        "rows-INITIAL_FORMS": "2",
        "rows-0-reference": "",
        "rows-0-text": "Gwneud rhywbeth.",
        "rows-1-reference": "9",
        "rows-1-text": "",
    }
    html = unescape(client.post(url, rows).content.decode())
    assert_welsh_page(
        html,
        url,
        ["There is a problem", "enter the reference", "Row 1"],
        ["Rhes 1: rhowch y cyfeirnod", "Rhes 2: rhowch yr argymhelliad"],
    )


def test_the_responses_page_is_welsh(client, world, db):
    client_for(client, world.officer)
    url = welsh(reverse("recommendations:review-responses-edit", args=[world.review_a.pk]))
    response = client.get(url)
    assert response.status_code == 200
    assert_welsh_page(
        response.content.decode(),
        url,
        ["Executive responses", "Save responses", "What was the executive"],
        ["Ymatebion y weithrediaeth", "Cadw'r ymatebion", "Beth oedd ymateb y weithrediaeth"],
    )

"""The page where a council's democratic services name its statuses: only they (and admins)
reach it; a preview shows the mapping without saving; saving keeps the words, a blank pair
gives the status back our word; errors show in the page, in Welsh too."""

from html import unescape

import pytest
from django.urls import reverse

from recommendations.models import Status, StatusWord
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db


def url(council):
    return reverse("recommendations:status-words-edit", args=[council.pk])


def typed(**words):
    """Form data: ``status=(English, Welsh)`` for the statuses given, the rest blank."""
    data = {}
    for status in Status.values:
        english, welsh = words.get(status, ("", ""))
        data[f"label_{status}"] = english
        data[f"label_cy_{status}"] = welsh
    return data


@pytest.mark.parametrize(
    "who", ["councillor", "officer", "partner_rep", "outside_dem_services", "outside_officer"]
)
def test_refused_to_all_but_the_councils_democratic_services(client, request, council, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(council)).status_code == 403
    response = client.post(url(council), typed(slipped=("On hold", "")))
    assert response.status_code == 403
    assert not StatusWord.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, council):
    response = client.get(url(council))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_not_a_council_is_404(client, superuser, partner):
    client.force_login(superuser)
    assert client.get(url(partner)).status_code == 404


def test_save_then_change_then_clear(client, dem_services, council):
    client.force_login(dem_services)
    response = client.post(
        url(council),
        typed(slipped=("On hold", "Wedi'i ohirio"), paused=("On hold", ""), achieved=("Done", "")),
        follow=True,
    )
    assert response.status_code == 200
    assert "Status words saved" in response.content.decode()
    saved = {w.status: (w.label, w.label_cy) for w in StatusWord.objects.filter(council=council)}
    assert saved == {
        "slipped": ("On hold", "Wedi'i ohirio"),
        "paused": ("On hold", ""),
        "achieved": ("Done", ""),
    }
    html = client.get(url(council)).content.decode()
    assert 'value="On hold"' in html  # the form opens with what is kept
    client.post(url(council), typed(slipped=("Delayed", "")))
    assert {w.status: w.label for w in StatusWord.objects.filter(council=council)} == {
        "slipped": "Delayed"
    }
    assert StatusWord.history.filter(status="paused", history_type="-").exists()


def test_preview_shows_the_mapping_without_saving(client, dem_services, council):
    client.force_login(dem_services)
    response = client.post(url(council), {**typed(on_track=("In progress", "")), "preview": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview: not saved yet" in html
    assert "In progress" in html
    assert not StatusWord.objects.exists()


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_a_welsh_word_without_an_english_one_is_an_error_in_the_page(
    client, dem_services, council, prefix
):
    client.force_login(dem_services)
    response = client.post(prefix + url(council), typed(paused=("", "Ar saib")))
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert 'href="#id_label_paused"' in html
    assert not StatusWord.objects.exists()
    english = "Enter the council's word for “Paused”: a Welsh word alone is not enough"
    assert (english in html) == (not prefix)  # said in Welsh on the Welsh page
    assert html.count("a Welsh word alone is not enough") == (2 if not prefix else 0), (
        "once in the summary and once by the box: the status named, not a bare message"
    )


def test_too_long_a_word_is_an_error_not_a_500(client, dem_services, council):
    client.force_login(dem_services)
    response = client.post(url(council), typed(paused=("x" * 61, "")))
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_the_council_page_links_to_it_for_those_who_may(client, dem_services, council, officer):
    page = reverse("partnerships:organisation-detail", args=[council.pk])
    client.force_login(dem_services)
    assert url(council) in client.get(page).content.decode()
    client.force_login(officer)
    assert url(council) not in client.get(page).content.decode()


def test_form_reader_sees_every_status(client, dem_services, council):
    client.force_login(dem_services)
    data = form_data(client.get(url(council)))
    assert {f"label_{s}" for s in Status.values} <= set(data)


def test_the_preview_gives_our_welsh_word_where_none_is_given(client, dem_services, council):
    client.force_login(dem_services)
    html = client.get(url(council)).content.decode()
    assert '<span lang="cy">Wedi llithro</span>' in html  # our Welsh for "Slipped"

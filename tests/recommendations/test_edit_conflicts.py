"""No lost updates on a recommendation and its executive response: two people open the
same record, the first saves, and the second is shown both versions instead of silently
undoing the first one's change; they can then save theirs over it on purpose."""

import re

import pytest
from django.urls import reverse

from recommendations.models import Recommendation, Response
from recommendations.services import recommendation_delete, recommendation_restore
from scrutiny.common.locking import MISSING_VERSION
from tests.support.forms import form_data
from tests.support.pages import headings, words

pytestmark = pytest.mark.django_db


def edit_url(rec):
    return reverse("recommendations:recommendation-edit", args=[rec.pk])


def response_url(rec):
    return reverse("recommendations:response-edit", args=[rec.pk])


# Each form: its address, the field both people change, and what each types.
FORMS = {
    "recommendation": (edit_url, "title", "Short heading", "Alex's heading", "Blake's heading"),
    "response": (
        response_url,
        "response_text",
        "Response and reasons",
        "Accepted: Alex's words.",
        "Accepted: Blake's words.",
    ),
}


@pytest.mark.parametrize("form", FORMS)
def test_the_second_save_of_an_old_copy_shows_both_versions_and_keeps_the_first(
    two, recs, form, alex
):
    url_of, field, label, alexs, blakes = FORMS[form]
    first, second = two
    rec = recs[4]
    url = url_of(rec)
    alex_page, blake_page = first.get(url), second.get(url)

    saved = first.post(url, {**form_data(alex_page), field: alexs})
    assert saved.status_code == 302

    clash = second.post(url, {**form_data(blake_page), field: blakes})
    assert clash.status_code == 409
    rec.refresh_from_db()
    assert getattr(rec, field) == alexs, "the first change is still stored"
    page = words(clash)
    assert "Someone else changed this recommendation while you were editing" in page
    assert re.search(r"Alex Ahmed saved it at \d{1,2}:\d\d[ap]m on \d{1,2} \w+ \d{4}", page)
    assert f"1 detail is different: {label} " in page
    comparison = page[page.index("How the versions differ") : page.index("What do you want")]
    assert f"{label} (different) Saved version {alexs} Your version {blakes}" in comparison
    # What Blake typed is still in the form, now carrying the stored version.
    data = form_data(clash)
    assert data[field] == blakes
    assert data["version"] == str(rec.version)
    assert "Save mine over it" in page
    assert f'href="{rec.get_absolute_url()}"' in clash.content.decode()
    assert "Discard mine and view the saved version" in page

    over = second.post(url, data)
    assert over.status_code == 302
    rec.refresh_from_db()
    assert getattr(rec, field) == blakes


def test_the_conflict_page_reads_in_order_with_a_notice_first(two, recs):
    first, second = two
    url = edit_url(recs[4])
    alex_page, blake_page = first.get(url), second.get(url)
    first.post(url, {**form_data(alex_page), "title": "Alex's", "text": "Alex's words."})
    clash = second.post(url, {**form_data(blake_page), "title": "Blake's"})
    html = clash.content.decode()
    assert html.index('class="govuk-error-summary"') < html.index("<h1")
    assert 'role="alert"' in html
    assert headings(clash) == [
        ("h2", "Your changes have not been saved yet"),
        ("h1", "Someone else changed this recommendation while you were editing"),
        ("h2", "How the versions differ"),
        ("h3", "Short heading (different)"),
        ("h3", "Recommendation (different)"),
        ("h2", "What do you want to do?"),
    ]
    title = html[html.index("<title>") : html.index("</title>")]
    assert title.startswith("<title>Not saved: Edit recommendation 4")
    # The form's fields keep their labels.
    assert '<label for="id_title" class="govuk-label govuk-label--s">' in html


def test_the_response_and_the_recommendation_are_one_record(two, recs, partner):
    """Alex changes the recommendation's lead officer and bodies while Blake records the
    executive response from a page opened before: Blake's save would put the old lead
    officer back, so it is a conflict showing both."""
    first, second = two
    rec = recs[5]
    alex_page = first.get(edit_url(rec))
    blake_page = second.get(response_url(rec))
    saved = first.post(
        edit_url(rec),
        {
            **form_data(alex_page),
            "lead_officer": "Head of Commissioning",
            "responsible_bodies": [str(partner.pk)],
        },
    )
    assert saved.status_code == 302

    clash = second.post(response_url(rec), {**form_data(blake_page), "response": "accepted"})
    assert clash.status_code == 409
    page = words(clash)
    assert "Lead officer (different) Saved version Head of Commissioning Your version " in page
    assert (
        "What was the executive's response? (different) Saved version Awaiting response "
        "(none received yet) Your version Accepted"
    ) in page
    rec.refresh_from_db()
    assert (rec.response, rec.lead_officer) == (Response.AWAITING, "Head of Commissioning")
    assert list(rec.responsible_bodies.all()) == [partner]

    # Blake keeps Alex's lead officer this time, and saves the response over it.
    data = {**form_data(clash), "lead_officer": "Head of Commissioning"}
    assert second.post(response_url(rec), data).status_code == 302
    rec.refresh_from_db()
    assert (rec.response, rec.lead_officer) == (Response.ACCEPTED, "Head of Commissioning")
    assert list(rec.responsible_bodies.all()) == [partner]


def test_a_change_of_bodies_is_shown_by_name(two, recs, partner):
    first, second = two
    rec = recs[5]
    alex_page, blake_page = first.get(edit_url(rec)), second.get(edit_url(rec))
    first.post(edit_url(rec), {**form_data(alex_page), "responsible_bodies": [str(partner.pk)]})
    clash = second.post(edit_url(rec), {**form_data(blake_page), "title": "Blake's"})
    page = words(clash)
    assert (
        "Which bodies carry it? (different) Saved version "
        "Leicester/shire Social Care Development Group (LSCDG) Your version Not given"
    ) in page


def test_saving_twice_from_the_same_page_is_a_conflict_with_yourself(client, alex, recs):
    """A second tab, or the back button: the same person's older copy is not saved over
    their newer one without asking."""
    client.force_login(alex)
    url = edit_url(recs[4])
    page = client.get(url)
    assert client.post(url, {**form_data(page), "title": "First"}).status_code == 302
    clash = client.post(url, {**form_data(page), "title": "Second"})
    assert clash.status_code == 409
    assert "You (in another tab or window) saved it at" in words(clash)


def test_saving_without_a_change_between_is_no_conflict(client, alex, recs):
    client.force_login(alex)
    url = edit_url(recs[4])
    for title in ["First", "Second", "Third"]:
        page = client.get(url)
        assert client.post(url, {**form_data(page), "title": title}).status_code == 302
    recs[4].refresh_from_db()
    assert (recs[4].title, recs[4].version) == ("Third", 4)


@pytest.mark.parametrize("url_of", [edit_url, response_url])
@pytest.mark.parametrize("version", [None, "", "abc", "-1", "1.0", "１"])
def test_a_form_without_a_usable_version_is_refused_and_saves_nothing(
    client, alex, recs, url_of, version
):
    client.force_login(alex)
    rec = recs[4]
    data = {**form_data(client.get(url_of(rec))), "lead_officer": "Typed by me"}
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    response = client.post(url_of(rec), data)
    assert response.status_code == 200
    assert "There is a problem" in words(response)
    assert MISSING_VERSION in words(response)
    assert 'value="Typed by me"' in response.content.decode(), "what was typed stays on the page"
    rec.refresh_from_db()
    assert (rec.lead_officer, rec.version) == ("Director of Adult Social Care and Commissioning", 1)


@pytest.mark.parametrize(
    "version, status", [("0", 409), ("1", 409), ("999", 409), ("99999999999", 200)]
)
def test_a_tampered_version_never_lets_an_old_copy_overwrite(two, recs, version, status):
    """Whatever number an old page sends, only the stored version itself is accepted: any
    other is a conflict, or refused when it is no plausible version at all."""
    first, second = two
    rec = recs[4]
    url = edit_url(rec)
    alex_page, blake_page = first.get(url), second.get(url)
    first.post(url, {**form_data(alex_page), "title": "Alex's"})
    clash = second.post(url, {**form_data(blake_page), "title": "Blake's", "version": version})
    assert clash.status_code == status
    rec.refresh_from_db()
    assert (rec.title, rec.version) == ("Alex's", 2)


def test_a_recommendation_deleted_meanwhile_is_not_found(two, recs):
    first, second = two
    rec = recs[4]
    page = second.get(edit_url(rec))
    Recommendation.objects.filter(pk=rec.pk).delete()
    assert second.post(edit_url(rec), {**form_data(page), "title": "Blake's"}).status_code == 404


def test_a_deletion_and_restore_meanwhile_is_a_conflict_too(two, recs, alex):
    """Deleting moves the version on, so an edit form opened before can never save over a
    deletion (undoing it) without being told; after a restore, the edit is shown against
    the restored version first."""
    _, second = two
    rec = recs[4]
    blake_page = second.get(edit_url(rec))
    recommendation_delete(recommendation=rec, actor=alex, reason="Entered twice")
    restored = recommendation_restore(recommendation=rec, actor=alex)
    assert restored.version == 3
    clash = second.post(edit_url(rec), {**form_data(blake_page), "title": "Blake's"})
    assert clash.status_code == 409
    assert "Alex Ahmed saved it" in words(clash)
    assert "1 detail is different: Short heading " in words(clash)
    assert second.post(edit_url(rec), form_data(clash)).status_code == 302
    rec.refresh_from_db()
    assert (rec.title, rec.deleted_at, rec.version) == ("Blake's", None, 4)

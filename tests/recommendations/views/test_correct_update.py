"""Correcting a progress update (``update-edit``): its author within
``UPDATE_CORRECTION_DAYS``, democratic services at any time, nobody else; the rules of
logging one; history, status timeline and tracker follow; a concurrent edit gets the
conflict page."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recommendations.history import recommendation_history
from recommendations.models import (
    ClosureProposal,
    ProgressUpdate,
    Recommendation,
    Status,
    StatusPeriod,
)
from recommendations.services import EntryInput, update_create
from tests.support.forms import form_data
from tests.support.pages import words
from tests.support.world import errors_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def update(officer, recs):
    return update_create(
        actor=officer,
        given_on=datetime.date(2021, 6, 1),
        kind="written",
        organisation=officer.organisation,
        given_by_role="Strategic Director",
        entries=[EntryInput(recs[4], "Career pathways report received.", Status.ON_TRACK)],
    )


def url(update):
    return reverse("recommendations:update-edit", args=[update.pk])


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def status_of(rec):
    return Recommendation.objects.with_status().get(pk=rec.pk).status


def correct(client, update, **changes):
    page = client.get(url(update))
    assert page.status_code == 200
    return client.post(url(update), {**form_data(page), **changes})


def test_the_author_corrects_within_the_period(officer, update, recs):
    client = signed_in(officer)
    detail = client.get(update.get_absolute_url())
    assert "Correct this update" in words(detail)
    key = f"rec-{recs[4].pk}"
    response = correct(client, update, **{f"{key}-text": "Career pathways report approved."})
    assert response.status_code == 302, errors_on(response)
    entry = update.entries.get()
    assert entry.text == "Career pathways report approved."
    page = words(client.get(update.get_absolute_url()))
    assert f"Corrected on {timezone.localdate():%-d %B %Y} by {officer.display_name}" in page


def test_the_author_is_refused_after_the_period_and_told_why(officer, update, settings):
    settings.UPDATE_CORRECTION_DAYS = 14
    ProgressUpdate.objects.filter(pk=update.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=15)
    )
    client = signed_in(officer)
    response = client.get(url(update))
    assert response.status_code == 403
    assert "for 14 days" in response.content.decode()
    assert "ask democratic services" in response.content.decode()
    assert "Correct this update" not in words(client.get(update.get_absolute_url()))


def test_democratic_services_correct_at_any_time(dem_services, update, recs):
    ProgressUpdate.objects.filter(pk=update.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    response = correct(signed_in(dem_services), update, given_by_role="Chief Executive")
    assert response.status_code == 302, errors_on(response)
    update.refresh_from_db()
    assert update.given_by_role == "Chief Executive"


@pytest.mark.parametrize("who", ["councillor", "partner_rep", "outside_dem_services"])
def test_others_are_refused(request, update, who):
    client = signed_in(request.getfixturevalue(who))
    assert client.get(url(update)).status_code in (403, 404)
    assert client.post(url(update), {}).status_code in (403, 404)
    assert client.get(update.get_absolute_url()).status_code != 200 or (
        "Correct this update" not in words(client.get(update.get_absolute_url()))
    )


def test_anonymous_visitors_are_sent_to_sign_in(client, update):
    response = client.get(url(update))
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_a_corrected_status_changes_the_timeline_and_the_tracker(dem_services, update, recs):
    rec = recs[4]
    assert status_of(rec) == Status.ON_TRACK
    key = f"rec-{rec.pk}"
    response = correct(
        signed_in(dem_services),
        update,
        **{
            f"{key}-new_status": Status.SLIPPED,
            f"{key}-revised_target_date_0": "31",
            f"{key}-revised_target_date_1": "3",
            f"{key}-revised_target_date_2": "2022",
            f"{key}-reason": "Recruitment paused over the summer.",
        },
    )
    assert response.status_code == 302, errors_on(response)
    assert status_of(rec) == Status.SLIPPED
    periods = StatusPeriod.objects.filter(recommendation=rec)
    assert set(periods.values_list("status", flat=True)) == {Status.SLIPPED}
    tracker = words(signed_in(dem_services).get(rec.get_absolute_url()))
    assert "Slipped" in tracker


def test_bad_input_keeps_what_was_typed_with_errors_linked(officer, update, recs):
    key = f"rec-{recs[4].pk}"
    response = correct(
        signed_in(officer),
        update,
        **{f"{key}-text": "Typed again, carefully.", f"{key}-new_status": Status.SLIPPED},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Typed again, carefully." in page
    assert f'href="#id_{key}-reason"' in page
    assert "govuk-error-summary" in page
    assert update.entries.get().new_status == Status.ON_TRACK


def test_history_shows_who_when_and_what(dem_services, update, recs):
    key = f"rec-{recs[4].pk}"
    correct(signed_in(dem_services), update, **{f"{key}-text": "Report approved in June."})
    events = recommendation_history(recs[4], dem_services)
    shown = " ".join(str(vars(e)) for e in events)
    assert "Report approved in June." in shown
    assert dem_services.display_name in shown
    page = words(
        signed_in(dem_services).get(
            reverse("recommendations:recommendation-history", args=[recs[4].pk])
        )
    )
    assert "Report approved in June." in page
    assert dem_services.display_name in page


def test_a_concurrent_edit_gives_the_conflict_page(officer, dem_services, update, recs):
    author, ds = signed_in(officer), signed_in(dem_services)
    mine, theirs = author.get(url(update)), ds.get(url(update))
    saved = ds.post(url(update), {**form_data(theirs), "given_by_role": "Chief Executive"})
    assert saved.status_code == 302, errors_on(saved)
    key = f"rec-{recs[4].pk}"
    clash = author.post(
        url(update), {**form_data(mine), "given_by_role": "Director", f"{key}-text": "Mine."}
    )
    assert clash.status_code == 409
    page = words(clash)
    assert "Someone else changed this progress update while you were editing" in page
    assert "Director" in clash.content.decode()
    assert "2 details are different: Given by (role) What was reported on recommendation" in page
    update.refresh_from_db()
    assert update.given_by_role == "Chief Executive"
    # Sending it again saves mine over theirs, on purpose.
    again = author.post(url(update), form_data(clash))
    assert again.status_code == 302, errors_on(again)
    update.refresh_from_db()
    assert update.given_by_role == "Director"


def test_a_waiting_closure_proposal_stays_with_its_corrected_entry(
    officer, dem_services, recs, item
):
    proposing = update_create(
        actor=officer,
        given_on=datetime.date(2021, 5, 1),
        kind="written",
        organisation=officer.organisation,
        given_by_role="Strategic Director",
        entries=[
            EntryInput(
                recs[4],
                "The pathway is running.",
                proposed_status=Status.ACHIEVED,
                evidence="Forty people have joined it.",
            )
        ],
    )
    proposal = ClosureProposal.objects.get()
    key = f"rec-{recs[4].pk}"
    page = signed_in(officer).get(url(proposing))
    assert f"{key}-proposed_status" not in page.content.decode(), "proposals are not corrected"
    response = correct(signed_in(officer), proposing, **{f"{key}-text": "It runs well."})
    assert response.status_code == 302, errors_on(response)
    proposal.refresh_from_db()
    assert proposal.state == "proposed"
    assert proposal.entry.text == "It runs well."
    # Closing it by correction while the committee has still to sign it off is refused.
    refused = correct(
        signed_in(dem_services),
        proposing,
        item=str(item.pk),
        **{f"{key}-new_status": Status.ACHIEVED, f"{key}-reason": "Done."},
    )
    assert refused.status_code == 200
    assert "is waiting for sign-off: withdraw the proposal" in words(refused)
    assert status_of(recs[4]) != Status.ACHIEVED

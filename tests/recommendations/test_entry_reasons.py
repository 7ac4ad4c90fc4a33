"""Every status that needs a reason asks for one, in one rule (``ENTRY_NEEDS``): the
database refuses the entry, ``full_clean`` says why on the reason field, and the log-an-update
form shows it against the recommendation's reason box, in Welsh too."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from recommendations.models import ENTRY_NEEDS, ProgressUpdate, Status, UpdateEntry
from tests.factories import ProgressUpdateFactory
from tests.recommendations.views.helpers import entry, log_data, log_url
from tests.scrutiny.committee_people import error_summary

pytestmark = pytest.mark.django_db

NEEDS_REASON = [Status.SLIPPED, Status.PAUSED, Status.NOT_ACHIEVED, Status.SUPERSEDED]


def test_the_rule_names_each_status_that_needs_a_reason():
    needing = {
        s for statuses, field, _name, _m in ENTRY_NEEDS if field == "reason" for s in statuses
    }
    assert needing == {*NEEDS_REASON, Status.ACHIEVED}


@pytest.mark.parametrize("status", NEEDS_REASON)
def test_full_clean_says_so_on_the_reason_field(recs, item, status):
    row = UpdateEntry(
        update=ProgressUpdateFactory(item=item),
        recommendation=recs[5],
        text="Reported.",
        new_status=status,
        revised_target_date=datetime.date(2030, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert error.value.message_dict["reason"][0].startswith("Recommendation 5: give the")


@pytest.mark.parametrize("status", NEEDS_REASON)
def test_the_database_refuses_it(recs, item, status):
    update = ProgressUpdateFactory(item=item)
    with pytest.raises(IntegrityError), transaction.atomic():
        UpdateEntry.objects.create(
            update=update,
            recommendation=recs[5],
            text="Reported.",
            new_status=status,
            revised_target_date=datetime.date(2030, 1, 1),
        )


def test_a_paused_status_with_its_reason_is_saved(client, officer, recs, review):
    client.force_login(officer)
    data = log_data(officer) | entry(
        recs[5], text="Waiting.", new_status=Status.PAUSED, reason="Waiting for funding."
    )
    response = client.post(log_url(review), data)
    assert response.status_code == 302
    assert UpdateEntry.objects.get().reason == "Waiting for funding."


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_paused_without_a_reason_is_refused_in_the_page(client, officer, recs, review, prefix):
    client.force_login(officer)
    data = log_data(officer) | entry(recs[5], text="Waiting.", new_status=Status.PAUSED)
    response = client.post(prefix + log_url(review), data)
    assert response.status_code == 200
    summary = html.unescape(error_summary(response))
    assert f'href="#id_rec-{recs[5].pk}-reason"' in summary
    said = {
        "": "Recommendation 5: give the reason it is paused",
        "/cy": "Argymhelliad 5: rhowch y rheswm pam y cafodd ei oedi",
    }
    assert said[prefix] in summary
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("status", [Status.NOT_ACHIEVED, Status.SUPERSEDED])
def test_closing_without_an_outcome_is_refused_in_the_page(
    client, dem_services, recs, review, item, status
):
    client.force_login(dem_services)
    data = log_data(dem_services, item=str(item.pk)) | entry(
        recs[5], text="Closed.", new_status=status
    )
    response = client.post(log_url(review), data)
    assert response.status_code == 200
    summary = html.unescape(error_summary(response))
    assert "Recommendation 5: give the outcome when you close it" in summary
    assert f'href="#id_rec-{recs[5].pk}-reason"' in summary

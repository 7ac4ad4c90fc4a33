"""Saves that write several rows are all or nothing: when the database refuses a later row,
the earlier ones (and their history rows) are gone too and what was stored is unchanged.

These tests commit for real (``transaction=True``), so what they count is what another
connection would see, not rows left behind inside a test's own transaction."""

import datetime

import pytest
from django.apps import apps
from django.db import IntegrityError
from django.db.models.signals import pre_save

from partnerships.models import Role
from recommendations.models import Recommendation
from recommendations.services import EntryInput, update_create
from tests.factories import RecommendationFactory, user_with_role
from tests.support.forms import form_data

APPS = {"partnerships", "recommendations", "scrutiny"}


def every_row() -> dict[str, int]:
    """How many rows each of the app's tables holds, deleted rows and history included."""
    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in APPS
    }


@pytest.mark.django_db(transaction=True)
def test_an_update_whose_second_entry_the_database_refuses_leaves_nothing(recs, officer):
    """The update and its history row are written first; the entries after. The database
    refuses the second entry (its text cannot be empty of any value: NOT NULL), so the
    update, the first entry and every history row go too."""
    before = every_row()
    with pytest.raises(IntegrityError):
        update_create(
            actor=officer,
            given_on=datetime.date(2021, 6, 1),
            kind="written",
            organisation=officer.organisation,
            given_by_role="Strategic Director",
            entries=[
                EntryInput(recommendation=recs[4], text="Career pathways published."),
                EntryInput(recommendation=recs[5], text=None),
            ],
        )
    assert every_row() == before
    assert not Recommendation.objects.with_status().filter(status="on_track").exists()


@pytest.mark.django_db(transaction=True)
def test_a_failed_save_leaves_the_version_as_it_was(client, recs, dem_services):
    """The version moves on in the same transaction as the save: when the save fails (a
    number someone else took between the form's check and the save), the version stays,
    so the form saves once the number is corrected, with no conflict."""

    def someone_else_takes_it(sender, instance, **kwargs):
        if instance.pk == recs[4].pk and instance.reference == "7":
            RecommendationFactory(review=instance.review, reference=7)

    client.force_login(dem_services)
    url = f"/recommendations/{recs[4].pk}/edit/"
    page = client.get(url)
    pre_save.connect(someone_else_takes_it, sender=Recommendation)
    try:
        response = client.post(url, {**form_data(page), "reference": "7", "title": "Typed"})
    finally:
        pre_save.disconnect(someone_else_takes_it, sender=Recommendation)
    assert response.status_code == 200
    recs[4].refresh_from_db()
    assert (recs[4].reference, recs[4].version) == ("4", 1)
    history = Recommendation.history.filter(id=recs[4].pk).count()

    again = client.post(url, {**form_data(response), "reference": "9"})
    assert again.status_code == 302
    recs[4].refresh_from_db()
    assert (recs[4].reference, recs[4].title, recs[4].version) == ("9", "Typed", 2)
    assert Recommendation.history.filter(id=recs[4].pk).count() == history + 1


@pytest.mark.django_db(transaction=True)
def test_a_conflict_writes_nothing_at_all(client, recs, council):
    """The losing save of two writes no row of any table, history included."""
    alex = user_with_role(Role.DEMOCRATIC_SERVICES, council)
    blake = user_with_role(Role.DEMOCRATIC_SERVICES, council)
    url = f"/recommendations/{recs[4].pk}/edit/"
    client.force_login(blake)
    stale = client.get(url)
    client.force_login(alex)
    fresh = client.get(url)
    assert client.post(url, {**form_data(fresh), "title": "Alex's"}).status_code == 302
    before = every_row()
    client.force_login(blake)
    assert client.post(url, {**form_data(stale), "title": "Blake's"}).status_code == 409
    assert every_row() == before

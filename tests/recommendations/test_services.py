"""``recommendations.services.update_create``: one update over several recommendations,
all or nothing, within the rules of who may log and who may close."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from recommendations.models import ProgressUpdate, Recommendation, Status, UpdateEntry
from recommendations.services import EntryInput, update_create


def log(user, entries, **kwargs):
    defaults = {
        "actor": user,
        "given_on": datetime.date(2021, 6, 1),
        "kind": "written",
        "organisation": user.organisation,
        "given_by_role": "Representative",
    }
    return update_create(**{**defaults, **kwargs}, entries=entries)


def statuses(*recs):
    got = Recommendation.objects.with_status().filter(pk__in=[r.pk for r in recs])
    return {r.reference: r.status for r in got}


def test_one_update_covers_several_recommendations(officer, recs):
    update = log(
        officer,
        [
            EntryInput(recs[4], "Career pathways report received today.", Status.ON_TRACK),
            EntryInput(recs[5], "The sub-regional group meets in June."),
        ],
        summary="Verbal update from the LSCDG representative.",
    )

    assert update.recorded_by == officer
    assert sorted(update.entries.values_list("recommendation__reference", flat=True)) == ["4", "5"]
    assert statuses(recs[4], recs[5]) == {"4": Status.ON_TRACK, "5": Status.NOT_STARTED}


def test_it_is_all_or_nothing(officer, recs):
    broken = EntryInput(recs[5], None)  # the database refuses an entry with no text
    with pytest.raises(IntegrityError):
        log(officer, [EntryInput(recs[4], "Fine."), broken])

    assert not ProgressUpdate.objects.exists()
    assert not UpdateEntry.objects.exists()


def test_a_rule_broken_on_one_recommendation_saves_none(officer, recs):
    with pytest.raises(ValidationError) as caught:
        log(
            officer,
            [
                EntryInput(recs[4], "Fine.", Status.ON_TRACK),
                EntryInput(recs[5], "Late.", Status.SLIPPED, reason="Staff shortages"),
            ],
        )

    assert caught.value.messages == [
        "Recommendation 5: enter the revised target date when it has slipped"
    ]
    assert not ProgressUpdate.objects.exists()


def test_at_least_one_recommendation(officer, recs):
    with pytest.raises(ValidationError):
        log(officer, [])


def test_each_recommendation_once(officer, recs):
    with pytest.raises(ValidationError):
        log(officer, [EntryInput(recs[4], "One."), EntryInput(recs[4], "Two.")])


def test_a_partner_logs_on_what_its_body_carries(partner_rep, recs):
    update = log(partner_rep, [EntryInput(recs[4], "Leadership programme running.")])

    assert update.organisation == partner_rep.organisation
    assert update.entries.get().recommendation == recs[4]


def test_a_partner_cannot_log_on_what_its_body_does_not_carry(partner_rep, recs):
    with pytest.raises(PermissionDenied):
        log(
            partner_rep,
            [EntryInput(recs[4], "Carried: fine."), EntryInput(recs[5], "Not carried.")],
        )

    assert not ProgressUpdate.objects.exists()


def test_an_officer_of_another_council_cannot_log(outside_officer, recs):
    with pytest.raises(PermissionDenied):
        log(outside_officer, [EntryInput(recs[5], "Not ours.")])


def test_a_councillor_cannot_log(councillor, recs):
    with pytest.raises(PermissionDenied):
        log(councillor, [EntryInput(recs[5], "Reading only.")])


def test_the_date_is_the_meeting_date_when_given_at_an_item(officer, recs, item):
    update = log(
        officer,
        [EntryInput(recs[4], "Verbal update.")],
        given_on=datetime.date(2021, 9, 9),
        item=item,
    )

    assert update.given_on == item.meeting.date == datetime.date(2021, 5, 25)


def test_democratic_services_close_at_a_meeting_with_an_outcome(dem_services, recs, item):
    log(
        dem_services,
        [
            EntryInput(
                recs[8],
                "Inspire to Care workshops delivered.",
                Status.ACHIEVED,
                reason="The committee agreed it is complete.",
            )
        ],
        item=item,
    )

    got = Recommendation.objects.with_status().get(pk=recs[8].pk)
    assert got.status == Status.ACHIEVED
    closing = UpdateEntry.objects.select_related("update__item").get(pk=got.status_entry_id)
    assert closing.update.item.meeting_id == item.meeting_id
    assert got.status_reason == "The committee agreed it is complete."


def test_an_officer_cannot_close(officer, recs, item):
    with pytest.raises(PermissionDenied):
        log(
            officer,
            [EntryInput(recs[4], "Done.", Status.ACHIEVED, reason="Delivered.")],
            item=item,
        )
    assert not ProgressUpdate.objects.exists()


def test_a_partner_cannot_close(partner_rep, recs, item):
    with pytest.raises(PermissionDenied):
        log(
            partner_rep,
            [EntryInput(recs[4], "Done.", Status.SUPERSEDED, reason="Replaced.")],
            item=item,
        )


def test_closing_needs_an_agenda_item(dem_services, recs):
    with pytest.raises(ValidationError) as caught:
        log(dem_services, [EntryInput(recs[4], "Done.", Status.ACHIEVED, reason="Delivered.")])

    assert "only a meeting can agree to close it" in caught.value.messages[0]
    assert not ProgressUpdate.objects.exists()


def test_closing_needs_an_outcome(dem_services, recs, item):
    with pytest.raises(ValidationError) as caught:
        log(dem_services, [EntryInput(recs[4], "Done.", Status.NOT_ACHIEVED)], item=item)

    assert "give the outcome" in caught.value.messages[0]


def test_democratic_services_of_another_council_cannot_log(outside_dem_services, recs, item):
    with pytest.raises(PermissionDenied):
        log(outside_dem_services, [EntryInput(recs[5], "Not ours.")], item=item)

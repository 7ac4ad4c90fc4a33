"""The audit trail: every write leaves a history row saying who and why; a recommendation's
history page tells who changed what and when, in words; nobody can change history, not
even administrators in the admin."""

import datetime
import inspect
import re

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Role
from recommendations.models import ProgressUpdate, Recommendation, Response, UpdateEntry
from recommendations.services import (
    EntryInput,
    recommendation_delete,
    update_create,
    update_delete,
    update_restore,
)
from scrutiny.models import AgreedAction, DecisionPoint, ExecutiveDecision
from scrutiny.services import (
    ItemRecord,
    PointInput,
    agenda_items_add_from_due,
    decision_save,
    meeting_record,
)
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    MeetingFactory,
    PartnershipFactory,
    ReviewFactory,
    UpdateEntryFactory,
    user_with_role,
)
from tests.support.forms import form_data, main_of
from tests.support.pages import main_text as text_of

pytestmark = pytest.mark.django_db


def history_url(rec) -> str:
    return reverse("recommendations:recommendation-history", args=[rec.pk])


def rows(response) -> list[str]:
    """The history table's rows, newest first, each as the words it shows."""
    html = response.content.decode()
    body = html[html.index("<tbody") : html.index("</tbody>")]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def edit_recommendation(client, rec, **changes):
    url = reverse("recommendations:recommendation-edit", args=[rec.pk])
    data = form_data(client.get(url))
    data.update(text=rec.text, **changes)
    response = client.post(url, data)
    assert response.status_code == 302, text_of(response)
    return response


def set_when(obj, when: datetime.datetime) -> None:
    """Date the newest history row of ``obj`` (history rows carry the server's clock)."""
    record = obj.history.order_by("-history_date", "-history_id").first()
    type(record).objects.filter(pk=record.pk).update(history_date=when)


# --- Every write is recorded, with who made it ---------------------------------------------


def test_editing_a_recommendation_records_who_changed_which_field(
    client, dem_services, recs, partner
):
    rec = recs[4]
    client.force_login(dem_services)
    edit_recommendation(client, rec, lead_officer="Head of Workforce", responsible_bodies=[])
    latest = rec.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == dem_services
    assert latest.lead_officer == "Head of Workforce"
    assert rec.history.filter(history_type="~").exists()


def test_an_update_is_recorded_with_its_entries_and_the_reason(officer, recs):
    update = update_create(
        actor=officer,
        given_on=datetime.date(2021, 6, 1),
        kind="written",
        organisation=officer.organisation,
        given_by_role="Strategic Director",
        entries=[EntryInput(recommendation=recs[5], text="Under way.")],
    )
    [logged] = update.history.all()
    assert (logged.history_type, logged.history_user, logged.history_change_reason) == (
        "+",
        officer,
        "Logged on the progress update form",
    )
    [entry] = UpdateEntry.history.filter(update_id=update.pk)
    assert (entry.history_user, entry.history_change_reason) == (
        officer,
        "Logged on the progress update form",
    )


def save_again(decision, dem, resolutions, reasons):
    """Save a stored decision as its edit page does (with the version it loaded, where
    the service checks one)."""
    decision = ExecutiveDecision.objects.get(pk=decision.pk)
    checked = "version" in inspect.signature(decision_save).parameters
    decision_save(
        decision=decision,
        resolutions=resolutions,
        reasons=reasons,
        actor=dem,
        **({"version": decision.version} if checked else {}),
    )


def test_decision_points_saved_again_are_recorded_one_by_one_as_the_user():
    dem = user_with_role(Role.DEMOCRATIC_SERVICES)
    cabinet = CommitteeFactory(council=dem.organisation, kind="cabinet", name="Cabinet")
    # Not the factory: its minute numbers run on from test to test, and tests/scrutiny/decisions/
    # expects C129 to be free.
    decision = ExecutiveDecision(
        decided_by=cabinet,
        minute_number="C900",
        decided_on=datetime.date(2017, 11, 6),
        title="A regional workforce development unit",
    )
    decision_save(
        decision=decision,
        resolutions=[PointInput(1, "THAT A."), PointInput(2, "THAT B.")],
        reasons=[PointInput(1, "Because.")],
        actor=dem,
    )
    swapped = [PointInput(1, "THAT B."), PointInput(2, "THAT A.")]
    save_again(decision, dem, swapped, [])
    points = DecisionPoint.history.filter(decision_id=decision.pk)
    assert points.count() == 3 + 2 + 1  # made; two renumbered; the reason removed
    assert set(points.values_list("history_user", flat=True)) == {dem.pk}
    assert sorted(points.filter(history_type="~").values_list("number", "text")) == [
        (1, "THAT B."),
        (2, "THAT A."),
    ]
    assert points.filter(history_type="-").get().text == "Because."
    # Saving the same points again writes nothing.
    save_again(decision, dem, swapped, [])
    assert points.count() == 6


@pytest.fixture
def commission():
    dem = user_with_role(Role.DEMOCRATIC_SERVICES)
    committee = CommitteeFactory(council=dem.organisation)
    earlier = MeetingFactory(committee=committee, date=datetime.date(2021, 1, 19))
    later = MeetingFactory(committee=committee, date=datetime.date(2021, 5, 25))
    action = AgreedActionFactory(meeting=earlier, item=AgendaItemFactory(meeting=earlier, number=5))
    return dem, later, action


def test_an_action_placed_on_an_agenda_is_recorded_as_the_user_with_why(commission):
    dem, later, action = commission
    agenda_items_add_from_due(meeting=later, reviews=[], actions=[action], actor=dem)
    latest = action.history.order_by("-history_id").first()
    assert latest.due_meeting_id == later.pk
    assert latest.history_user == dem
    assert "agenda" in latest.history_change_reason


def test_an_action_delivered_at_a_meeting_is_recorded_as_the_user(commission):
    dem, later, action = commission
    item = AgendaItemFactory(meeting=later, number=3)
    meeting_record(meeting=later, actor=dem, items=[ItemRecord(item=item, delivered=[action])])
    latest = action.history.order_by("-history_id").first()
    assert (latest.delivered_meeting_id, latest.history_user) == (later.pk, dem)
    assert AgreedAction.objects.get(pk=action.pk).delivered_meeting == later


# --- The history page -------------------------------------------------------------------


def test_the_page_shows_a_field_change_with_who_and_when_in_uk_time(
    client, dem_services, recs, council
):
    dem_services.first_name, dem_services.last_name = "Alex", "Ahmed"
    dem_services.save()
    rec = recs[4]
    client.force_login(dem_services)
    edit_recommendation(client, rec, lead_officer="Head of Workforce")
    # 12:30 UTC on a summer day is 13:30 in London (and later than every other change).
    set_when(rec, datetime.datetime(2030, 7, 1, 12, 30, tzinfo=datetime.UTC))

    response = client.get(history_url(rec))
    assert response.status_code == 200
    [newest, *_] = rows(response)
    assert newest.startswith("1 July 2030, 13:30")
    assert "Alex Ahmed (Leicester City Council)" in newest
    assert "Recommendation changed" in newest
    assert (
        "Lead officer From: Director of Adult Social Care and Commissioning "
        "To: Head of Workforce" in newest
    )
    html = response.content.decode()
    assert "<caption" in html and "newest first" in html
    assert '<time datetime="2030-07-01T13:30:00+01:00">' in html


def test_response_changes_use_the_choice_labels_and_bodies_are_named(
    client, dem_services, recs, partner
):
    rec = recs[5]
    client.force_login(dem_services)
    url = reverse("recommendations:response-edit", args=[rec.pk])
    data = form_data(client.get(url))
    data.update(response=Response.ACCEPTED, response_text="Agreed in full.")
    assert client.post(url, data).status_code == 302
    edit_recommendation(client, rec, responsible_bodies=[str(partner.pk)])

    [bodies, response_row, *_] = rows(client.get(history_url(rec)))
    assert "Executive response changed" in response_row
    assert "Executive response From: Awaiting response To: Accepted" in response_row
    assert "Response and reasons From: Not set To: Agreed in full." in response_row
    assert (
        "Responsible bodies Added: Leicester/shire Social Care Development Group (LSCDG)" in bodies
    )


def test_a_form_save_and_its_bodies_are_one_change(client, dem_services, recs, partner):
    rec = recs[4]  # carried by the partner
    client.force_login(dem_services)
    edit_recommendation(client, rec, title="New heading", responsible_bodies=[])
    [newest, *_] = rows(client.get(history_url(rec)))
    assert "Title From: Quality of care and improving retention rates To: New heading" in newest
    assert "Removed: Leicester/shire Social Care Development Group (LSCDG)" in newest


def test_updates_logged_deleted_and_restored_show_with_the_reason(
    client, officer, dem_services, recs, councillor
):
    update = update_create(
        actor=officer,
        given_on=datetime.date(2021, 6, 1),
        kind="verbal",
        organisation=officer.organisation,
        given_by_role="Strategic Director",
        entries=[EntryInput(recommendation=recs[8], text="Workshops held.", new_status="on_track")],
    )
    update_delete(update=update, actor=officer, reason="Logged against the wrong review.")
    update_restore(update=update, actor=dem_services)

    client.force_login(councillor)
    page = rows(client.get(history_url(recs[8])))
    restored, deleted, logged = page[:3]
    assert "Verbal update of 1 June 2021 restored" in restored
    assert "Verbal update of 1 June 2021 deleted" in deleted
    assert "Reason: Logged against the wrong review." in deleted
    assert "Verbal update of 1 June 2021 logged" in logged
    assert "What was reported Workshops held." in logged
    assert "Status set On track" in logged


def test_a_deleted_recommendation_and_its_history_are_404(client, dem_services, recs):
    recommendation_delete(recommendation=recs[4], actor=dem_services, reason="Entered twice.")
    client.force_login(dem_services)
    assert client.get(history_url(recs[4])).status_code == 404


def test_anonymous_visitors_sign_in_first(client, recs):
    response = client.get(history_url(recs[4]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_draft_review_is_404_to_another_council_and_partners(
    client, council, outside_officer, partner_rep, councillor
):
    draft = ReviewFactory(committee__council=council, published=False)
    rec = UpdateEntryFactory(recommendation__review=draft).recommendation
    for user in (outside_officer, partner_rep):
        client.force_login(user)
        assert client.get(history_url(rec)).status_code == 404
    client.force_login(councillor)
    assert client.get(history_url(rec)).status_code == 200


def test_a_partner_reads_a_published_history_without_exempt_updates(
    client, recs, partner_rep, councillor, officer, exempt_item
):
    update_create(
        actor=officer,
        given_on=exempt_item.meeting.date,
        kind="verbal",
        organisation=officer.organisation,
        given_by_role="Strategic Director",
        item=exempt_item,
        entries=[EntryInput(recommendation=recs[4], text="Contract values discussed.")],
    )
    client.force_login(partner_rep)
    response = client.get(history_url(recs[4]))
    assert response.status_code == 200
    assert "Contract values discussed" not in text_of(response)
    client.force_login(councillor)
    assert "Contract values discussed" in text_of(client.get(history_url(recs[4])))


def test_the_recommendation_page_links_to_its_history_for_signed_in_users(client, recs, councillor):
    url = reverse("recommendations:recommendation-detail", args=[recs[4].pk])
    assert history_url(recs[4]) not in client.get(url).content.decode()
    client.force_login(councillor)
    assert history_url(recs[4]) in client.get(url).content.decode()


# --- Nobody can change history -----------------------------------------------------------


def test_the_admin_shows_history_but_refuses_to_revert(client, superuser, recs, dem_services):
    rec = recs[4]
    client.force_login(dem_services)
    edit_recommendation(client, rec, title="Changed once")
    first = rec.history.order_by("history_date", "history_id").first()

    client.force_login(superuser)
    history = reverse("admin:recommendations_recommendation_history", args=[rec.pk])
    assert client.get(history).status_code == 200
    old = reverse(
        "admin:recommendations_recommendation_simple_history", args=[rec.pk, first.history_id]
    )
    page = client.get(old)
    assert page.status_code == 200
    assert "Revert" not in page.content.decode()

    data = form_data(page)
    data.update(text=first.text, reference=first.reference, review=str(first.review_id))
    assert client.post(old, data).status_code == 403
    rec.refresh_from_db()
    assert rec.title == "Changed once"


def test_no_historical_model_is_editable_in_the_admin():
    from django.apps import apps

    historical = [m for m in apps.get_models() if m.__name__.startswith("Historical")]
    assert historical
    assert not [m for m in historical if admin.site.is_registered(m)]
    for model in (Recommendation, ProgressUpdate, UpdateEntry, DecisionPoint, AgreedAction):
        assert hasattr(admin.site.get_model_admin(model), "history_view")


def test_the_history_page_offers_nothing_to_change(client, recs, dem_services):
    client.force_login(dem_services)
    assert "<form" not in main_of(client.get(history_url(recs[4])))


def test_times_on_a_winter_day_are_gmt(client, dem_services, recs):
    client.force_login(dem_services)
    edit_recommendation(client, recs[4], lead_officer="Someone else")
    set_when(recs[4], datetime.datetime(2030, 12, 2, 9, 5, tzinfo=datetime.UTC))
    [newest, *_] = rows(client.get(history_url(recs[4])))
    assert newest.startswith("2 December 2030, 09:05")
    assert timezone.get_current_timezone_name() == "Europe/London"


def test_a_partner_sees_who_changed_things_at_another_organisation(
    client, dem_services, recs, partner_rep
):
    client.force_login(dem_services)
    edit_recommendation(client, recs[4], lead_officer="Head of Workforce")
    client.force_login(partner_rep)
    [newest, *_] = rows(client.get(history_url(recs[4])))
    assert dem_services.organisation.name in newest


@pytest.mark.parametrize("who", ["councillor", "officer"])
def test_councillors_and_officers_read_history_too(client, request, recs, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(history_url(recs[4])).status_code == 200


def test_bodies_are_named_as_they_are_called_now(client, dem_services, recs):
    body = PartnershipFactory(name="Old name", short_name="")
    client.force_login(dem_services)
    edit_recommendation(client, recs[5], responsible_bodies=[str(body.pk)])
    body.name = "New name"
    body.save()
    [newest, *_] = rows(client.get(history_url(recs[5])))
    assert "Added: New name" in newest

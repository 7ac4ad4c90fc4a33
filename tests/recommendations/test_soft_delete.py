"""Deleting softly: a deleted recommendation or progress update disappears from every page,
list, count, status, pack and export, but nothing is lost; democratic services see why it
was deleted and restore it exactly. Who may delete, restore and see deleted items."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from partnerships.models import Role
from recommendations.models import ProgressUpdate, Recommendation, Status, UpdateEntry
from recommendations.services import (
    EntryInput,
    recommendation_delete,
    recommendation_restore,
    update_create,
    update_delete,
    update_restore,
)
from tests.factories import MeetingFactory, RecommendationFactory, ReviewFactory, user_with_role
from tests.support.pages import words as text_of

pytestmark = pytest.mark.django_db

DELETED = reverse("recommendations:deleted-list")
SAID_ON_4 = "A report on career pathways was received today."
SAID_ON_5 = "The sub-regional workforce group meets in June."


def url(name: str, obj) -> str:
    return reverse(f"recommendations:{name}", args=[obj.pk])


def assert_sign_in_first(response):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def as_user(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    return client


def statuses() -> dict[int, tuple[str, datetime.date | None]]:
    return {
        int(r.reference): (r.status, r.last_update_on)
        for r in Recommendation.objects.with_status().order_by("sort_key")
    }


@pytest.fixture
def logged(officer, recs, item):
    """The verbal update given at the meeting's item 6: recommendation 4 on track, and what
    was said of 5."""
    return update_create(
        actor=officer,
        given_on=item.meeting.date,
        kind="verbal",
        organisation=officer.organisation,
        given_by_role="Strategic Director",
        item=item,
        entries=[
            EntryInput(recommendation=recs[4], text=SAID_ON_4, new_status=Status.ON_TRACK),
            EntryInput(recommendation=recs[5], text=SAID_ON_5),
        ],
    )


# --- Hidden everywhere, back exactly -------------------------------------------------------


def test_a_deleted_recommendation_disappears_from_every_page_and_count(
    client, councillor, dem_services, recs, partner, logged, item, review
):
    heading = recs[4].title
    recommendation_delete(recommendation=recs[4], actor=dem_services, reason="Entered twice.")
    client.force_login(councillor)

    assert client.get(url("recommendation-detail", recs[4])).status_code == 404
    page = text_of(client.get(reverse("recommendations:recommendation-list")))
    assert heading not in page and "2 recommendations" in page
    assert heading not in text_of(client.get(review.get_absolute_url()))
    assert heading not in text_of(client.get(partner.get_absolute_url()))
    home = text_of(client.get(reverse("scrutiny:home")))
    assert "2 recommendations in all: 2 not started" in home
    update = text_of(client.get(logged.get_absolute_url()))
    assert SAID_ON_4 not in update and SAID_ON_5 in update
    meeting = text_of(client.get(item.meeting.get_absolute_url()))
    assert SAID_ON_4 not in meeting and SAID_ON_5 in meeting
    pack = text_of(client.get(reverse("scrutiny:meeting-pack", args=[item.meeting.pk])))
    assert heading not in pack and recs[5].title in pack
    xlsx = client.get(reverse("scrutiny:review-tracker-xlsx", args=[review.pk]))
    cells = {c.value for row in load_workbook(io.BytesIO(xlsx.content)).active for c in row}
    assert not any(heading in str(v) for v in cells) and any(recs[5].title in str(v) for v in cells)
    assert list(Recommendation.all_objects.deleted()) == [recs[4]]
    assert not UpdateEntry.objects.filter(recommendation=recs[4]).exists()
    assert UpdateEntry.all_objects.filter(recommendation=recs[4]).count() == 1


def test_a_deleted_recommendation_is_never_due_at_a_meeting(
    client, councillor, dem_services, recs, review
):
    december = MeetingFactory(committee=review.committee, date=datetime.date(2021, 12, 1))
    due = reverse("scrutiny:meeting-due", args=[december.pk])
    client.force_login(councillor)
    assert recs[8].title in text_of(client.get(due))
    recommendation_delete(recommendation=recs[8], actor=dem_services, reason="Entered twice.")
    page = text_of(client.get(due))
    assert recs[8].title not in page and recs[5].title in page


def test_restoring_a_recommendation_puts_it_back_with_its_status(
    client, dem_services, recs, logged
):
    before = statuses()
    recommendation_delete(recommendation=recs[4], actor=dem_services, reason="Entered twice.")
    assert 4 not in statuses()
    recommendation_restore(recommendation=recs[4], actor=dem_services)
    assert statuses() == before
    assert before[4][0] == Status.ON_TRACK
    restored = Recommendation.objects.get(pk=recs[4].pk)
    assert (restored.deleted_at, restored.deleted_by, restored.deletion_reason) == (None, None, "")
    assert list(restored.responsible_bodies.all()) == list(recs[4].responsible_bodies.all())


def test_a_deleted_update_no_longer_sets_a_status_or_the_last_update(
    client, officer, dem_services, councillor, recs
):
    def log(day, **entry):
        return update_create(
            actor=officer,
            given_on=day,
            kind="written",
            organisation=officer.organisation,
            given_by_role="Strategic Director",
            entries=[EntryInput(recommendation=recs[8], **entry)],
        )

    log(datetime.date(2021, 3, 1), text="Workshops planned.", new_status=Status.ON_TRACK)
    slipped = log(
        datetime.date(2021, 6, 1),
        text="Funding was delayed.",
        new_status=Status.SLIPPED,
        revised_target_date=datetime.date(2022, 9, 30),
        reason="Funding delayed.",
    )
    assert statuses()[8] == (Status.SLIPPED, datetime.date(2021, 6, 1))

    update_delete(update=slipped, actor=officer, reason="Logged on the wrong recommendation.")
    assert statuses()[8] == (Status.ON_TRACK, datetime.date(2021, 3, 1))
    client.force_login(councillor)
    page = text_of(client.get(url("recommendation-detail", recs[8])))
    assert "On track" in page and "Funding was delayed" not in page
    assert "30 September 2022" not in page
    assert client.get(slipped.get_absolute_url()).status_code == 404

    update_restore(update=slipped, actor=dem_services)
    assert statuses()[8] == (Status.SLIPPED, datetime.date(2021, 6, 1))
    assert "Funding was delayed" in text_of(client.get(url("recommendation-detail", recs[8])))


def test_an_update_about_deleted_recommendations_only_is_hidden_until_one_is_back(
    client, officer, councillor, dem_services, recs, item
):
    update = update_create(
        actor=officer,
        given_on=item.meeting.date,
        kind="verbal",
        organisation=officer.organisation,
        given_by_role="Strategic Director",
        item=item,
        entries=[EntryInput(recommendation=recs[4], text=SAID_ON_4)],
    )
    recommendation_delete(recommendation=recs[4], actor=dem_services, reason="Entered twice.")
    client.force_login(councillor)
    assert client.get(update.get_absolute_url()).status_code == 404
    assert "Strategic Director" not in text_of(client.get(item.meeting.get_absolute_url()))
    organisation = text_of(client.get(officer.organisation.get_absolute_url()))
    assert "Strategic Director" not in organisation

    recommendation_restore(recommendation=recs[4], actor=dem_services)
    assert client.get(update.get_absolute_url()).status_code == 200
    assert SAID_ON_4 in text_of(client.get(item.meeting.get_absolute_url()))


def test_nobody_can_log_an_update_on_a_deleted_recommendation(officer, dem_services, recs):
    recommendation_delete(recommendation=recs[5], actor=dem_services, reason="Entered twice.")
    with pytest.raises(PermissionDenied):
        update_create(
            actor=officer,
            given_on=datetime.date(2021, 6, 1),
            kind="written",
            organisation=officer.organisation,
            given_by_role="Strategic Director",
            entries=[EntryInput(recommendation=recs[5], text="Too late.")],
        )


# --- Deleting a recommendation -------------------------------------------------------------


def test_democratic_services_are_asked_why_then_the_recommendation_is_deleted(
    client, dem_services, recs, logged, review
):
    client.force_login(dem_services)
    delete = url("recommendation-delete", recs[4])
    page = client.get(delete)
    assert page.status_code == 200
    words = text_of(page)
    assert "Delete recommendation 4?" in words
    assert recs[4].text in words
    assert "what 1 progress update said of it" in words
    assert "democratic services can restore it" in words
    assert 'class="govuk-button govuk-button--warning"' in page.content.decode()

    refused = client.post(delete, {"reason": "  "})
    assert refused.status_code == 200
    assert "There is a problem" in text_of(refused)
    assert '<a href="#id_reason">Say why it is being deleted</a>' in refused.content.decode()
    assert Recommendation.objects.filter(pk=recs[4].pk).exists()

    done = client.post(delete, {"reason": "Entered twice: see recommendation 5."}, follow=True)
    assert done.redirect_chain == [(review.get_absolute_url(), 302)]
    assert (
        "Recommendation 4 deleted. Democratic services can restore it from Deleted items."
        in text_of(done)
    )
    deleted = Recommendation.all_objects.get(pk=recs[4].pk)
    assert deleted.deleted_by == dem_services
    assert deleted.deletion_reason == "Entered twice: see recommendation 5."
    latest = deleted.history.order_by("-history_id").first()
    assert latest.history_user == dem_services
    assert latest.history_change_reason == "Deleted: Entered twice: see recommendation 5."
    assert client.get(delete).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("councillor", 403),
        ("officer", 403),
        ("partner_rep", 403),
        ("outside_dem_services", 403),
        ("dem_services", 200),
        ("superuser", 200),
    ],
)
def test_who_may_delete_a_recommendation(client, request, recs, who, status):
    as_user(client, request, who)
    delete = url("recommendation-delete", recs[4])
    assert client.get(delete).status_code == status
    response = client.post(delete, {"reason": "Not ours to keep."})
    assert response.status_code == (302 if status == 200 else status)
    assert Recommendation.objects.filter(pk=recs[4].pk).exists() is (status != 200)


def test_anonymous_visitors_sign_in_before_deleting(client, recs, logged):
    for page in (url("recommendation-delete", recs[4]), url("update-delete", logged)):
        assert_sign_in_first(client.get(page))
        assert_sign_in_first(client.post(page, {"reason": "Gone."}))
    assert Recommendation.objects.filter(pk=recs[4].pk).exists()
    assert ProgressUpdate.objects.filter(pk=logged.pk).exists()


def test_another_councils_draft_is_not_found(client, council, outside_dem_services):
    rec = RecommendationFactory(review=ReviewFactory(committee__council=council, published=False))
    client.force_login(outside_dem_services)
    assert client.get(url("recommendation-delete", rec)).status_code == 404


def test_the_service_checks_the_rules_too(dem_services, officer, outside_dem_services, recs):
    with pytest.raises(PermissionDenied):
        recommendation_delete(recommendation=recs[4], actor=officer, reason="No.")
    with pytest.raises(PermissionDenied):
        recommendation_delete(recommendation=recs[4], actor=outside_dem_services, reason="No.")
    with pytest.raises(ValidationError):
        recommendation_delete(recommendation=recs[4], actor=dem_services, reason=" ")
    recommendation_delete(recommendation=recs[4], actor=dem_services, reason="Duplicate.")
    with pytest.raises(ValidationError):
        recommendation_delete(recommendation=recs[4], actor=dem_services, reason="Again.")
    with pytest.raises(ValidationError):
        recommendation_restore(recommendation=recs[5], actor=dem_services)


# --- Deleting an update --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("officer", 200),  # recorded it
        ("dem_services", 200),
        ("superuser", 200),
        ("councillor", 403),
        ("partner_rep", 403),
        ("outside_dem_services", 403),
        ("another_officer", 403),
    ],
)
def test_who_may_delete_an_update(client, request, council, logged, who, status):
    if who == "another_officer":
        client.force_login(user_with_role(Role.OFFICER, council))
    else:
        as_user(client, request, who)
    delete = url("update-delete", logged)
    page = client.get(delete)
    assert page.status_code == status
    if status == 200:
        words = text_of(page)
        assert "Delete the verbal update of 25 May 2021?" in words
        assert "Recommendation 4: Quality of care and improving retention rates" in words
    response = client.post(delete, {"reason": "Given at the wrong meeting."})
    assert response.status_code == (302 if status == 200 else status)
    assert ProgressUpdate.objects.filter(pk=logged.pk).exists() is (status != 200)


def test_deleting_an_update_says_who_can_restore_it(client, officer, recs, logged):
    client.force_login(officer)
    assert url("update-delete", logged) in client.get(logged.get_absolute_url()).content.decode()
    done = client.post(url("update-delete", logged), {"reason": "Duplicate."}, follow=True)
    assert done.redirect_chain == [(recs[4].get_absolute_url(), 302)]
    assert (
        "Verbal update of 25 May 2021 deleted. Democratic services can restore it from "
        "Deleted items." in text_of(done)
    )
    deleted = ProgressUpdate.all_objects.get(pk=logged.pk)
    assert (deleted.deleted_by, deleted.deletion_reason) == (officer, "Duplicate.")
    assert deleted.history.order_by("-history_id").first().history_user == officer


def test_the_update_page_offers_delete_only_to_who_may(client, councillor, dem_services, logged):
    delete = url("update-delete", logged)
    client.force_login(councillor)
    assert delete not in client.get(logged.get_absolute_url()).content.decode()
    client.force_login(dem_services)
    assert delete in client.get(logged.get_absolute_url()).content.decode()


# --- Restoring and the deleted items page ---------------------------------------------------


@pytest.fixture
def deleted(dem_services, officer, recs, logged, other_council):
    """Recommendation 8 and the logged update deleted, and another council's recommendation."""
    recommendation_delete(recommendation=recs[8], actor=dem_services, reason="Merged into 4.")
    update_delete(update=logged, actor=officer, reason="Given at the wrong meeting.")
    elsewhere = RecommendationFactory(
        review__committee__council=other_council, title="Rutland's own recommendation"
    )
    recommendation_delete(
        recommendation=elsewhere,
        actor=user_with_role(Role.DEMOCRATIC_SERVICES, other_council),
        reason="Rutland's reason.",
    )
    return {"recommendation": recs[8], "update": logged, "elsewhere": elsewhere}


@pytest.mark.parametrize("who", ["councillor", "officer", "partner_rep"])
def test_only_democratic_services_and_admins_see_deleted_items(client, request, deleted, who):
    as_user(client, request, who)
    assert client.get(DELETED).status_code == 403


def test_anonymous_visitors_sign_in_to_see_deleted_items(client, deleted):
    assert_sign_in_first(client.get(DELETED))


def test_democratic_services_see_their_councils_deleted_items_with_who_when_and_why(
    client, dem_services, officer, deleted
):
    officer.first_name, officer.last_name = "Olu", "Officer"
    officer.save()
    client.force_login(dem_services)
    response = client.get(DELETED)
    assert response.status_code == 200
    page = text_of(response)
    assert "8. Attracting younger people to adult social care careers" in page
    assert "Merged into 4." in page
    assert f"By {dem_services.get_full_name()} (Leicester City Council)" in page
    assert "Verbal update of 25 May 2021" in page
    assert "By Olu Officer (Leicester City Council)" in page
    assert "Given at the wrong meeting." in page
    assert "Rutland" not in page
    html = response.content.decode()
    assert f'action="{url("recommendation-restore", deleted["recommendation"])}"' in html
    assert f'action="{url("update-restore", deleted["update"])}"' in html
    assert "csrfmiddlewaretoken" in html


def test_admins_see_every_councils_deleted_items(client, superuser, deleted):
    client.force_login(superuser)
    page = text_of(client.get(DELETED))
    assert "Merged into 4." in page and "Rutland's reason." in page


def test_home_links_democratic_services_to_deleted_items(client, dem_services, officer):
    client.force_login(officer)
    assert DELETED not in client.get(reverse("scrutiny:home")).content.decode()
    client.force_login(dem_services)
    assert DELETED in client.get(reverse("scrutiny:home")).content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("councillor", 403),
        ("officer", 403),  # recorded the update, but only democratic services restore
        ("partner_rep", 403),
        ("outside_dem_services", 403),
        ("dem_services", 302),
    ],
)
def test_who_may_restore(client, request, deleted, who, status):
    as_user(client, request, who)
    for kind, name in (("recommendation", "recommendation-restore"), ("update", "update-restore")):
        response = client.post(url(name, deleted[kind]))
        assert response.status_code == status
    assert Recommendation.objects.filter(pk=deleted["recommendation"].pk).exists() is (
        status == 302
    )
    assert ProgressUpdate.objects.filter(pk=deleted["update"].pk).exists() is (status == 302)


def test_restoring_is_a_post_from_a_signed_in_user(client, dem_services, deleted):
    restore = url("recommendation-restore", deleted["recommendation"])
    response = client.post(restore)
    assert_sign_in_first(response)
    assert response["Location"].endswith(f"?next={DELETED}")
    client.force_login(dem_services)
    assert client.get(restore).status_code == 405
    assert not Recommendation.objects.filter(pk=deleted["recommendation"].pk).exists()


def test_restoring_goes_back_to_what_was_restored(client, dem_services, deleted, recs):
    client.force_login(dem_services)
    done = client.post(url("recommendation-restore", deleted["recommendation"]), follow=True)
    assert done.redirect_chain == [(recs[8].get_absolute_url(), 302)]
    assert "Recommendation 8 restored" in text_of(done)
    done = client.post(url("update-restore", deleted["update"]), follow=True)
    assert done.redirect_chain == [(deleted["update"].get_absolute_url(), 302)]
    assert "Verbal update of 25 May 2021 restored" in text_of(done)
    assert statuses()[4][0] == Status.ON_TRACK
    # Restoring what is not deleted finds nothing to restore.
    assert client.post(url("recommendation-restore", recs[8])).status_code == 404


def test_changes_need_the_csrf_token(dem_services, recs, deleted):
    client = Client(enforce_csrf_checks=True)
    client.force_login(dem_services)
    assert client.post(url("recommendation-delete", recs[5]), {"reason": "x"}).status_code == 403
    restore = url("recommendation-restore", deleted["recommendation"])
    assert client.post(restore).status_code == 403
    assert Recommendation.objects.filter(pk=recs[5].pk).exists()
    assert not Recommendation.objects.filter(pk=deleted["recommendation"].pk).exists()


# --- A deleted recommendation's reference stays taken ------------------------------------------


def test_a_deleted_reference_is_refused_with_a_way_forward(client, dem_services, recs, review):
    recommendation_delete(recommendation=recs[8], actor=dem_services, reason="Entered twice.")
    client.force_login(dem_services)
    create = reverse("recommendations:recommendation-create", args=[review.pk])
    assert 'name="reference" value="9"' in client.get(create).content.decode()
    response = client.post(create, {"reference": "8", "text": "A new eighth recommendation."})
    assert response.status_code == 200
    assert (
        "Recommendation 8 was deleted: restore it from Deleted items or give another reference"
        in text_of(response)
    )
    assert Recommendation.all_objects.filter(review=review).count() == 3

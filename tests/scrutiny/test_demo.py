"""The demo data: the two seed documents loaded faithfully, statuses that derive from the
updates, loading twice without duplicates, working accounts, and the ``demo`` command."""

import datetime
import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import RequestFactory

from partnerships.models import Organisation, Role, User
from recommendations.models import (
    ProgressUpdate,
    Recommendation,
    Status,
    StatusWord,
    UpdateEntry,
)
from scrutiny.demo import demo_load
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    DecisionPoint,
    ExecutiveDecision,
    Outbox,
    Review,
)

pytestmark = pytest.mark.django_db

VERBAL_UPDATE_ON = datetime.date(2021, 5, 25)


@pytest.fixture
def demo():
    return demo_load()


def sign_in_request():
    """The request django-axes needs to see a sign-in (it counts failures per request)."""
    return RequestFactory().post("/accounts/login/")


def workforce_review() -> Review:
    return Review.objects.get(title="Social Care External Workforce")


def test_leicester_review_has_sixteen_recommendations_in_number_order(demo):
    review = workforce_review()
    assert review.committee.name == "Adult Social Care Scrutiny Commission"
    assert review.committee.council.name == "Leicester City Council"
    assert review.committee.chair and review.committee.vice_chair
    assert "Vice Chair" in review.lead_member
    assert review.report_title == (
        "Response to the Adult Social Care Scrutiny Commission Task Group Meeting – Social "
        "Care Workforce"
    )
    assert review.response_meeting.date == datetime.date(2021, 1, 19)
    references = list(review.recommendations.values_list("reference", flat=True))
    assert references == [str(n) for n in range(1, 17)]


def test_the_vale_uses_its_own_references_and_records_owners(demo):
    review = Review.objects.get(title__startswith="Regional Workforce Development Training Unit")
    recs = list(review.recommendations.all())
    assert [r.reference for r in recs] == ["R1", "R2", "R3", "R4", "R5"]
    assert {r.directorate for r in recs} == {"Social Services"}
    assert {r.decision_maker for r in recs} == {"Cabinet Member for Social Care and Health"}
    assert recs[0].expected_outcome


def test_points_reported_on_carry_the_minutes_headings(demo):
    titles = {
        int(reference): title
        for reference, title in workforce_review().recommendations.values_list("reference", "title")
    }
    assert titles[4] == "Quality of care and improving retention rates"
    assert titles[5] == "Finding Community and cooperative solutions"
    assert titles[8] == "Attracting younger people to adult social care careers"
    assert titles[10] == "Workforce plans"
    assert titles[15] == "Challenging perceptions"


def test_verbal_update_reports_each_point_in_the_minutes_words(demo):
    update = ProgressUpdate.objects.get(
        kind="verbal",
        organisation__short_name="LSCDG",
        given_by_role="Representative, Leicester/shire Social Care Development Group",
    )
    assert update.given_on == VERBAL_UPDATE_ON
    assert update.item.meeting.date == VERBAL_UPDATE_ON
    assert update.item.review == workforce_review()
    said = {
        int(reference): text
        for reference, text in update.entries.values_list("recommendation__reference", "text")
    }
    assert sorted(said) == [4, 5, 8, 10, 11, 12, 13, 15]
    assert said[4].startswith("LSDG had received a report on career pathways today")
    assert "due to meet in June" in said[5]
    assert "Inspire to Care Programme" in said[8]
    assert "local workforce plans and packs" in said[10]
    for number in (11, 12, 13):
        assert "taken together" in said[number]
        assert "applied to become a provider to deliver the Leadership Programme" in (said[number])
    assert "interlinked with the work being done across the career’s pathway" in said[15]
    assert update.summary.count("·") == 3
    assert "one collaborative partnership" in update.summary


def test_minute_keeps_the_officers_remarks_and_members_suggestion(demo):
    item = AgendaItem.objects.get(meeting__date=VERBAL_UPDATE_ON, review=workforce_review())
    assert "The Strategic Director for Social Care and Education briefly explained" in (
        item.description
    )
    assert "the LSCDG wasn’t a separate body" in item.description
    assert "a form of accreditation be considered for workforce training" in item.description
    director = ProgressUpdate.objects.get(
        given_on=VERBAL_UPDATE_ON, given_by_role="Director of Adult Social Care and Commissioning"
    )
    assert director.summary.startswith(
        "The Director of Adult Social Care and Commissioning reiterated that there was close "
        "working with the LSDG"
    )


def test_agreed_action_falls_to_the_director_and_was_delivered_later(demo):
    action = AgreedAction.objects.get(
        text="That a detailed update report be brought to a future meeting."
    )
    assert action.meeting.date == VERBAL_UPDATE_ON
    assert action.review == workforce_review()
    assert action.falls_to == "Director of Adult Social Care and Commissioning"
    assert action.due_label == "at a future meeting"
    assert action.delivered_meeting.date > VERBAL_UPDATE_ON
    assert action.delivered_on == action.delivered_meeting.date


def test_lscdg_is_found_by_its_alias_and_is_the_three_councils_partnership(demo):
    lscdg = Organisation.objects.matching("LSDG").get()
    assert lscdg.name == "Leicester/shire Social Care Development Group"
    assert lscdg.short_name == "LSCDG"
    assert lscdg.is_partnership
    assert set(lscdg.members.values_list("name", flat=True)) == {
        "Leicester City Council",
        "Leicestershire County Council",
        "Rutland County Council",
    }
    assert lscdg.legal_basis.startswith(
        "A legal partnership between Leicester City Council, Leicestershire County Council "
        "and Rutland County Council"
    )
    assert "support the workforce and raise quality" in lscdg.description
    assert Organisation.objects.get(name="Skills for Care").kind == Organisation.Kind.NATIONAL


def test_c129_has_five_resolutions_and_five_reasons_in_order(demo):
    decision = ExecutiveDecision.objects.get(minute_number="C129")
    assert decision.decided_by.kind == "cabinet"
    assert decision.decided_by.council.name == "Vale of Glamorgan Council"
    assert decision.decided_on == datetime.date(2017, 11, 6)
    assert decision.title.startswith(
        "Proposal to develop a regional social care workforce development unit for Vale of "
        "Glamorgan and Cardiff (SCHL)"
    )
    assert decision.referred_to.name == "Healthy Living and Social Care Scrutiny Committee"
    assert decision.referred_to_item.number == 8
    assert decision.referred_to_item.title == "Reference from Cabinet: 6 November 2017"
    assert decision.referred_to_item.meeting.date == datetime.date(2017, 12, 4)
    assert "23 January, 2017" in decision.summary
    resolutions = list(
        decision.points.filter(kind=DecisionPoint.Kind.RESOLUTION).values_list("number", "text")
    )
    reasons = list(
        decision.points.filter(kind=DecisionPoint.Kind.REASON).values_list("number", "text")
    )
    assert [n for n, _ in resolutions] == [1, 2, 3, 4, 5]
    assert [n for n, _ in reasons] == [1, 2, 3, 4, 5]
    assert all(text.startswith("THAT ") for _, text in resolutions)
    assert resolutions[4][1] == (
        "THAT the report be referred to the Scrutiny Committee (Healthy Living and Social "
        "Care) for their consideration."
    )
    assert reasons[4][1] == (
        "To ensure that the Scrutiny Committee (Healthy Living and Social Care) members were "
        "kept informed of this key development."
    )


def test_regional_unit_is_hosted_by_cardiff_with_four_functions_in_order(demo):
    wdtu = Organisation.objects.matching("WDTU").get()
    assert wdtu.is_partnership
    assert wdtu.host.name == "Cardiff Council"
    assert set(wdtu.members.values_list("name", flat=True)) == {
        "Cardiff Council",
        "Vale of Glamorgan Council",
    }
    assert "resolution (4)" in wdtu.legal_basis
    assert list(wdtu.functions.values_list("name", flat=True)) == [
        "Business Planning & Partnerships",
        "Delivery & Commissioning of Training",
        "Practice Learning Opportunities for Students",
        "Qualification & Credit Framework (QCF) Assessment",
    ]
    partnership = Organisation.objects.get(
        name="Regional Care and Support Workforce Development Partnership"
    )
    assert partnership.established_year == 2015
    assert set(partnership.members.values_list("name", flat=True)) == {
        "Cardiff Council",
        "Vale of Glamorgan Council",
    }


def test_statuses_as_they_stood_at_the_verbal_update_meeting(demo):
    recs = {
        int(r.reference): r
        for r in Recommendation.objects.filter(review=workforce_review()).with_status(
            as_at=VERBAL_UPDATE_ON
        )
    }
    expected = {
        1: Status.ON_TRACK,
        2: Status.ON_TRACK,
        3: Status.NOT_STARTED,
        4: Status.ON_TRACK,
        5: Status.PAUSED,
        6: Status.NOT_STARTED,
        8: Status.ON_TRACK,
        10: Status.SLIPPED,
        11: Status.ON_TRACK,
        12: Status.ON_TRACK,
        13: Status.ON_TRACK,
        14: Status.NOT_STARTED,
        15: Status.ON_TRACK,
    }
    assert {n: recs[n].status for n in expected} == expected
    assert recs[10].revised_target_date == datetime.date(2022, 3, 31)
    assert recs[10].current_target_date == datetime.date(2022, 3, 31)
    assert recs[10].status_reason
    assert recs[13].status_since == VERBAL_UPDATE_ON
    assert recs[4].last_update_on == VERBAL_UPDATE_ON


def test_later_meeting_closes_one_recommendation_at_its_item(demo):
    recs = {
        int(r.reference): r
        for r in Recommendation.objects.filter(review=workforce_review()).with_status(
            as_at=datetime.date(2021, 11, 2), prefix=""
        )
    }
    achieved = [n for n, r in recs.items() if r.status == Status.ACHIEVED]
    assert achieved == [12]
    assert recs[12].status_reason
    assert UpdateEntry.objects.get(pk=recs[12].status_entry_id).update.item_id is not None
    assert recs[5].status == Status.SLIPPED


def test_exempt_update_counts_only_for_those_who_may_see_it(demo):
    item = AgendaItem.objects.get(exempt=True)
    assert item.exempt_reason.startswith("Schedule 12A, paragraph 3")
    councillor = User.objects.get(username="councillor")
    partner = User.objects.get(username="partner")
    on = datetime.date(2021, 11, 2)
    qs = Recommendation.objects.filter(review=workforce_review(), reference="2")
    assert qs.with_status(as_at=on, user=councillor).get().status == Status.PAUSED
    assert qs.with_status(as_at=on, user=partner).get().status == Status.ON_TRACK


def test_draft_review_is_hidden_from_partners_but_not_from_its_council(demo):
    draft = Review.objects.get(published=False)
    assert draft.committee.council.name == "Leicester City Council"
    assert draft not in Review.objects.visible_to(User.objects.get(username="partner"))
    assert draft in Review.objects.visible_to(User.objects.get(username="councillor"))


def test_vale_review_is_carried_by_the_regional_unit(demo):
    review = Review.objects.get(committee__council__name="Vale of Glamorgan Council")
    wdtu = Organisation.objects.get(short_name="WDTU")
    recs = review.recommendations.all()
    assert 3 <= recs.count() <= 5
    assert all(
        rec.responsible_bodies.filter(name__in=[wdtu.name, "Cardiff Council"]).exists()
        for rec in recs
    )
    assert review.response_received_on
    assert ProgressUpdate.objects.filter(entries__recommendation__review=review).exists()


def test_the_vale_uses_its_own_assessment_scale_in_english_and_welsh(demo, client):
    review = Review.objects.get(committee__council__name="Vale of Glamorgan Council")
    words = StatusWord.objects.filter(council=review.committee.council)
    assert {w.status: w.label for w in words}[Status.ACHIEVED] == "1 Fully achieved"
    assert all(w.label_cy for w in words)
    english = client.get(review.get_absolute_url()).content.decode()
    welsh = client.get("/cy" + review.get_absolute_url()).content.decode()
    shown = {w.label for w in words} & set(re.findall(r'govuk-tag[^"]*">([^<]+)<', english))
    assert shown  # at least one of its words is on its review's tracker
    assert any(w.label_cy.replace("’", "&#x27;") in welsh or w.label_cy in welsh for w in words)
    leicester = workforce_review()
    assert "Fully achieved" not in client.get(leicester.get_absolute_url()).content.decode()


def _counts() -> dict[str, int]:
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"partnerships", "scrutiny", "recommendations", "auth"}
    }
    for model in (Organisation, Recommendation, User):
        for field in model._meta.many_to_many:
            through = getattr(model, field.name).through
            counts[through._meta.label] = through.objects.count()
    return counts


def test_loading_twice_creates_nothing_new(demo):
    before = _counts()
    assert before["recommendations.UpdateEntry"] > 0
    again = demo_load()
    assert again["created"] == {}
    assert _counts() == before


def test_loading_again_restores_edited_demo_rows(demo):
    rec = Recommendation.objects.get(review=workforce_review(), reference="4")
    rec.title = "Edited"
    rec.save()
    UpdateEntry.objects.filter(recommendation=rec).delete()
    demo_load()
    rec.refresh_from_db()
    assert rec.title == "Quality of care and improving retention rates"
    assert rec.entries.count() == 3


@pytest.mark.parametrize(
    ("username", "role", "organisation"),
    [
        ("councillor", Role.COUNCILLOR, "Leicester City Council"),
        ("officer", Role.OFFICER, "Leicester City Council"),
        ("partner", Role.PARTNER, "Leicester/shire Social Care Development Group"),
        ("democratic", Role.DEMOCRATIC_SERVICES, "Leicester City Council"),
    ],
)
def test_demo_accounts_sign_in_with_their_role_and_organisation(
    demo, client, username, role, organisation
):
    assert client.login(request=sign_in_request(), username=username, password="scrutiny-demo")
    user = User.objects.get(username=username)
    assert list(user.groups.values_list("name", flat=True)) == [role.value]
    assert user.organisation.name == organisation
    assert user.get_full_name() and user.job_title
    assert not user.is_staff


def test_admin_account_is_a_superuser_and_password_is_reset_each_run(demo, client):
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    admin.set_password("something-else-entirely")
    admin.save()
    demo_load()
    assert client.login(request=sign_in_request(), username="admin", password="scrutiny-demo")
    accounts = {a["username"]: a for a in demo["accounts"]}
    assert set(accounts) == {"councillor", "officer", "partner", "democratic", "admin"}
    assert accounts["partner"]["role"] == "Partner representative"
    assert all(a["password"] == "scrutiny-demo" for a in accounts.values())


def test_demo_command_loads_and_prints_the_accounts_without_serving():
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    printed = out.getvalue()
    assert "Demo data loaded" in printed
    for username in ("councillor", "officer", "partner", "democratic", "admin"):
        assert username in printed
    assert "scrutiny-demo" in printed
    assert ExecutiveDecision.objects.filter(minute_number="C129").exists()
    assert Group.objects.filter(name=Role.PARTNER.value).exists()

    # This week's digest went to the demo's democratic services, through the outbox.
    assert "Weekly digests emailed: 1" in printed
    assert Outbox.objects.filter(kind="weekly_digest", to="democratic@example.org").count() == 1

    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert "already loaded" in out.getvalue()
    assert "this week's were sent already" in out.getvalue()

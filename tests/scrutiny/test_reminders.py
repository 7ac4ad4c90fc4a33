"""The reminders of the daily chase (``manage.py chase``), through a real SMTP server: an
officer who owes an overdue progress update, or whose recommendation passed its target
date, gets one email listing them; democratic services get one when an executive response
comes near its deadline and one when it is late, naming the decision-maker; nothing twice
however often chase runs; a council's switches stop each; Welsh for whoever chose it."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Role, User
from scrutiny.models import CouncilChasing, Outbox, Reminded
from scrutiny.services.reminders import chase_target_passed, chase_update_overdue
from tests.factories import (
    CouncilFactory,
    PartnershipFactory,
    RecommendationFactory,
    ReviewFactory,
    user_with_role,
)
from tests.support.smtp import body, smtp_server

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

DAY = datetime.date(2026, 12, 8)  # a Tuesday: no weekly digest
OFFICER = "officer@ashby.example.gov.uk"
DEMOCRATIC = "dem.services@ashby.example.gov.uk"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://scrutiny.example.gov.uk"


@pytest.fixture
def council():
    """A council with a review whose response is late and whose one recommendation is past
    its target date with no update since the report (so one is overdue); an officer, a
    democratic services account, and an officer of another council (who gets nothing)."""
    council = CouncilFactory(name="Ashby Borough Council")
    review = ReviewFactory(committee__council=council, title="Care workforce")
    RecommendationFactory(
        review=review,
        reference="3",
        title="Pay the real living wage",
        decision_maker="Cabinet Member for Adult Care",
    )
    user_with_role(Role.OFFICER, council, email=OFFICER, first_name="Olu", last_name="Owen")
    user_with_role(
        Role.DEMOCRATIC_SERVICES, council, email=DEMOCRATIC, first_name="Dee", last_name="Ellis"
    )
    user_with_role(Role.OFFICER, CouncilFactory(), email="officer@elsewhere.example.gov.uk")
    return council


def chase(day: datetime.date, capture) -> None:
    with capture(execute=True):
        call_command("chase", "--date", day.isoformat(), verbosity=0)


def to(inbox, address: str) -> dict[str, str]:
    """The reminders sent to ``address`` (not the weekly digest): subject to plain text."""
    # A long subject is folded; read back, it may start with the fold's space.
    return {m["Subject"].strip(): body(m) for m in reminders(inbox) if m["To"] == address}


def reminders(inbox) -> list:
    return [m for m in inbox.messages if "this week" not in m["Subject"]]


def test_the_officer_is_reminded_once_of_what_is_overdue(
    council, django_capture_on_commit_callbacks
):
    with smtp_server() as inbox:
        chase(DAY, django_capture_on_commit_callbacks)
        chase(DAY, django_capture_on_commit_callbacks)
        chase(DAY + datetime.timedelta(days=1), django_capture_on_commit_callbacks)

    officer = to(inbox, OFFICER)
    assert set(officer) == {
        "A progress update is overdue at Ashby Borough Council",
        "A recommendation at Ashby Borough Council has passed its target date",
    }
    text = officer["A progress update is overdue at Ashby Borough Council"]
    assert "Dear Olu Owen," in text
    assert "- 3. Pay the real living wage (Care workforce; due 1 " in text
    assert "https://scrutiny.example.gov.uk/recommendations/" in text
    passed = officer["A recommendation at Ashby Borough Council has passed its target date"]
    assert "(Care workforce; target date 31 March 2022)" in passed
    html = [m for m in inbox.messages if m["To"] == OFFICER][0]
    assert '<a href="https://scrutiny.example.gov.uk/recommendations/' in body(html, "html")
    assert not to(inbox, "officer@elsewhere.example.gov.uk")
    kinds = {(m.kind, m.council_id, m.state) for m in Outbox.objects.all()}
    assert ("update_overdue", council.pk, "sent") in kinds


def test_democratic_services_hear_of_a_response_near_its_deadline_then_late(
    council, django_capture_on_commit_callbacks
):
    review = ReviewFactory(
        committee__council=council, title="Libraries", report_agreed_on=DAY, status="reported"
    )
    RecommendationFactory(review=review, decision_maker="Cabinet Member for Culture")
    due = review.response_due_on
    with smtp_server() as inbox:
        chase(due - datetime.timedelta(days=8), django_capture_on_commit_callbacks)
        early = to(inbox, DEMOCRATIC)
        chase(due - datetime.timedelta(days=7), django_capture_on_commit_callbacks)
        chase(due - datetime.timedelta(days=3), django_capture_on_commit_callbacks)
        near = [m for m in reminders(inbox) if m["To"] == DEMOCRATIC]
        chase(due + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
        chase(due + datetime.timedelta(days=2), django_capture_on_commit_callbacks)
    subject = "Executive responses due or late at Ashby Borough Council"
    # The first run lists the review already late (the fixture's), once.
    assert list(early) == [subject]
    assert (
        "Care workforce (late: it was due 1 December 2020; decision-maker: Cabinet"
        in (early[subject])
    )
    assert "Libraries" not in early[subject]
    assert len(near) == 2
    assert "Libraries (due " in body(near[1]) and "decision-maker: Cabinet Member for Culture" in (
        body(near[1])
    )
    mails = [body(m) for m in reminders(inbox) if m["To"] == DEMOCRATIC]
    assert len(mails) == 3
    assert "Libraries (late: it was due" in mails[2] and "Care workforce" not in mails[2]


def test_switched_off_reminders_send_nothing(council, django_capture_on_commit_callbacks):
    CouncilChasing.objects.create(
        council=council, update_overdue=False, target_passed=False, response_deadline=False
    )
    with smtp_server() as inbox:
        chase(DAY, django_capture_on_commit_callbacks)
    assert reminders(inbox) == [] and not Outbox.objects.exclude(kind="weekly_digest").exists()


def test_each_switch_stops_only_its_own(council, django_capture_on_commit_callbacks):
    CouncilChasing.objects.create(council=council, target_passed=False)
    with smtp_server() as inbox:
        chase(DAY, django_capture_on_commit_callbacks)
    assert list(to(inbox, OFFICER)) == ["A progress update is overdue at Ashby Borough Council"]
    assert len(to(inbox, DEMOCRATIC)) == 1


def test_reminders_are_in_the_language_their_reader_chose(
    council, django_capture_on_commit_callbacks
):
    User.objects.filter(email__in=[OFFICER, DEMOCRATIC]).update(language="cy")
    with smtp_server() as inbox:
        chase(DAY, django_capture_on_commit_callbacks)
    officer = to(inbox, OFFICER)
    assert "Mae diweddariad cynnydd yn hwyr yn Ashby Borough Council" in officer
    text = officer["Mae diweddariad cynnydd yn hwyr yn Ashby Borough Council"]
    assert "Annwyl Olu Owen," in text
    assert "https://scrutiny.example.gov.uk/cy/recommendations/" in text
    [html] = [m for m in inbox.messages if m["Subject"].startswith("Mae diweddariad")]
    assert '<html lang="cy">' in body(html, "html")
    assert "Ymatebion y weithrediaeth sy'n ddyledus neu'n hwyr yn Ashby Borough Council" in (
        to(inbox, DEMOCRATIC)
    )


@pytest.mark.parametrize("rule", [chase_update_overdue, chase_target_passed])
def test_the_queries_are_fixed_in_the_number_of_recommendations(
    council, rule, django_capture_on_commit_callbacks
):
    """One officer owing one update or five: the same number of queries (the emails are
    queued, not sent, here)."""
    counts = []
    for extra in (0, 4):
        Reminded.objects.all().delete()
        Outbox.objects.all().delete()
        review = council.committees.first().reviews.first()
        for number in range(extra):
            RecommendationFactory(review=review, reference=f"1{number}")
        with django_capture_on_commit_callbacks(), CaptureQueriesContext(connection) as queries:
            assert rule(DAY) == 1
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_something_new_the_same_day_is_reminded_of_too(council, django_capture_on_commit_callbacks):
    with smtp_server() as inbox:
        chase(DAY, django_capture_on_commit_callbacks)
        review = council.committees.first().reviews.first()
        RecommendationFactory(review=review, reference="4", title="Train more carers")
        chase(DAY, django_capture_on_commit_callbacks)
    overdue = [body(m) for m in reminders(inbox) if m["To"] == OFFICER and "update" in m["Subject"]]
    assert len(overdue) == 2
    assert "Train more carers" not in overdue[0] and "Pay the real" not in overdue[1]
    assert "4. Train more carers" in overdue[1]


def test_a_partner_is_reminded_of_what_their_body_carries(
    council, django_capture_on_commit_callbacks
):
    body_ = PartnershipFactory(name="Care Partnership")
    review = council.committees.first().reviews.first()
    carried = RecommendationFactory(review=review, reference="5", title="Share the rota")
    carried.responsible_bodies.add(body_)
    user_with_role(Role.PARTNER, body_, email="rep@partnership.example.org")
    with smtp_server() as inbox:
        chase(DAY, django_capture_on_commit_callbacks)
    partner = to(inbox, "rep@partnership.example.org")
    text = partner["A progress update is overdue at Ashby Borough Council"]
    assert "5. Share the rota" in text and "Pay the real living wage" not in text

"""The daily chase (``manage.py chase``): on a council's digest day each of its democratic
services accounts gets one weekly digest of what is outstanding, through a real SMTP
server; running it twice sends nothing twice; a council that switched it off gets none;
the council's language chooses Welsh."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from partnerships.models import Role, User
from scrutiny.models import CouncilChasing, Outbox
from tests.factories import CouncilFactory, RecommendationFactory, ReviewFactory, user_with_role
from tests.support.smtp import body, smtp_server

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

MONDAY = datetime.date(2026, 12, 7)
ADDRESS = "dem.services@ashby.example.gov.uk"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://scrutiny.example.gov.uk"


@pytest.fixture
def council():
    """A council whose review's response is late and whose recommendation is past its
    target date, with one democratic services account (and an officer, who gets nothing)."""
    council = CouncilFactory(name="Ashby Borough Council")
    review = ReviewFactory(committee__council=council, title="Care workforce")
    RecommendationFactory(review=review, reference="3", title="Pay the real living wage")
    user_with_role(
        Role.DEMOCRATIC_SERVICES, council, email=ADDRESS, first_name="Dee", last_name="Ellis"
    )
    user_with_role(Role.OFFICER, council, email="officer@ashby.example.gov.uk")
    return council


def chase(day: datetime.date, capture) -> None:
    with capture(execute=True):
        call_command("chase", "--date", day.isoformat(), verbosity=0)


def digests(inbox) -> list:
    """The weekly digests received (not the reminders: ``test_reminders``)."""
    return [m for m in inbox.messages if m["Subject"].endswith(("this week", "yr wythnos hon"))]


def test_the_digest_goes_once_a_week_however_often_chase_runs(
    council, django_capture_on_commit_callbacks
):
    with smtp_server() as inbox:
        chase(MONDAY, django_capture_on_commit_callbacks)
        chase(MONDAY, django_capture_on_commit_callbacks)
        chase(MONDAY + datetime.timedelta(days=1), django_capture_on_commit_callbacks)

    [message] = digests(inbox)
    assert message["To"] == ADDRESS
    assert message["Subject"] == "What is outstanding at Ashby Borough Council this week"
    text = body(message)
    assert "Dear Dee Ellis," in text
    assert "1 recommendation is past its target date:" in text
    assert "3. Pay the real living wage (Care workforce)" in text
    assert "1 executive response is late:" in text
    assert "Care workforce (due 1 December 2020)" in text
    assert "https://scrutiny.example.gov.uk/reviews/" in text  # the site's address, for the links
    assert '<a href="https://scrutiny.example.gov.uk/recommendations/' in body(message, "html")
    row = Outbox.objects.get(kind="weekly_digest")
    assert (row.kind, row.council_id, row.state) == ("weekly_digest", council.pk, "sent")


def test_next_week_brings_the_next_digest(council, django_capture_on_commit_callbacks):
    with smtp_server() as inbox:
        chase(MONDAY, django_capture_on_commit_callbacks)
        chase(MONDAY + datetime.timedelta(days=7), django_capture_on_commit_callbacks)
    assert len(digests(inbox)) == 2


def test_a_council_that_switched_the_digest_off_gets_none(
    council, django_capture_on_commit_callbacks
):
    CouncilChasing.objects.create(council=council, weekly_digest=False)
    with smtp_server() as inbox:
        chase(MONDAY, django_capture_on_commit_callbacks)
    assert digests(inbox) == [] and not Outbox.objects.filter(kind="weekly_digest").exists()


def test_the_digest_comes_on_the_councils_own_day(council, django_capture_on_commit_callbacks):
    CouncilChasing.objects.create(council=council, digest_day=CouncilChasing.Weekday.WEDNESDAY)
    with smtp_server() as inbox:
        chase(MONDAY, django_capture_on_commit_callbacks)
        assert digests(inbox) == []
        chase(MONDAY + datetime.timedelta(days=2), django_capture_on_commit_callbacks)
    assert len(digests(inbox)) == 1


def test_the_digest_is_in_the_language_its_reader_chose(
    council, django_capture_on_commit_callbacks
):
    User.objects.filter(email=ADDRESS).update(language="cy")
    with smtp_server() as inbox:
        chase(MONDAY, django_capture_on_commit_callbacks)
    [message] = digests(inbox)
    assert message["Subject"] == "Beth sy'n aros yn Ashby Borough Council yr wythnos hon"
    text = body(message)
    assert "Annwyl Dee Ellis," in text
    assert "1 argymhelliad wedi mynd heibio i'w dyddiad targed:" in text
    assert "https://scrutiny.example.gov.uk/cy/recommendations/" in text
    assert '<html lang="cy">' in body(message, "html")


def test_nothing_outstanding_sends_nothing(django_capture_on_commit_callbacks):
    council = CouncilFactory()
    user_with_role(Role.DEMOCRATIC_SERVICES, council, email=ADDRESS)
    with smtp_server() as inbox:
        chase(MONDAY, django_capture_on_commit_callbacks)
    assert digests(inbox) == []

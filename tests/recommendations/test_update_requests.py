"""Update requests (issue 14), through a real SMTP server: before a meeting (its
committee's lead time) each officer who owes an update on a recommendation due there gets
one email with a signed link; the link opens a form, without signing in, reaching only that
request's recommendations, until the meeting's date; a tampered link is refused; what is
sent waits, unpublished, until democratic services of that council accept it (it becomes a
progress update given by the sender) or return it (the sender is emailed the comment and a
fresh link)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from partnerships.models import Role
from recommendations.models import ProgressUpdate, SubmittedUpdate
from tests.factories import (
    CouncilFactory,
    MeetingFactory,
    PartnershipFactory,
    RecommendationFactory,
    ReviewFactory,
    user_with_role,
)
from tests.support.smtp import body, smtp_server

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

TODAY = timezone.localdate()
MEETING = TODAY + datetime.timedelta(days=30)
ASK_ON = MEETING - datetime.timedelta(days=21)
OFFICER = "officer@ashby.example.gov.uk"
SUBJECT = "Progress updates wanted"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://scrutiny.example.gov.uk"


@pytest.fixture
def world():
    """A committee meeting in 30 days, a recommendation of it with no update since its
    report (so one is due there), its council's officer and democratic services, and a
    recommendation of another committee that the request must not reach."""
    council = CouncilFactory(name="Ashby Borough Council")
    review = ReviewFactory(committee__council=council, title="Care workforce")
    rec = RecommendationFactory(review=review, reference="3", title="Pay the real living wage")
    meeting = MeetingFactory(committee=review.committee, date=MEETING)
    other = RecommendationFactory(
        review=ReviewFactory(committee__council=council, title="Libraries"),
        title="Open on Sundays",
    )
    officer = user_with_role(
        Role.OFFICER, council, email=OFFICER, first_name="Olu", last_name="Owen"
    )
    democratic = user_with_role(Role.DEMOCRATIC_SERVICES, council, email="dem@ashby.example")
    return {
        "council": council,
        "rec": rec,
        "other": other,
        "meeting": meeting,
        "officer": officer,
        "democratic": democratic,
    }


def chase(day: datetime.date, capture) -> None:
    with capture(execute=True):
        call_command("chase", "--date", day.isoformat(), verbosity=0)


def requests_in(inbox) -> list:
    return [m for m in inbox.messages if SUBJECT in m["Subject"] or "Diweddariadau" in m["Subject"]]


def link_in(message) -> str:
    return re.search(
        r"https://scrutiny\.example\.gov\.uk(/\S*update-requests/respond/\S+/)", body(message)
    )[1]


@pytest.fixture
def link(world, django_capture_on_commit_callbacks):
    with smtp_server() as inbox:
        chase(ASK_ON, django_capture_on_commit_callbacks)
    return link_in(requests_in(inbox)[0])


def test_the_request_is_sent_once_at_the_lead_time(world, django_capture_on_commit_callbacks):
    with smtp_server() as inbox:
        chase(ASK_ON - datetime.timedelta(days=1), django_capture_on_commit_callbacks)
        assert not requests_in(inbox)
        chase(ASK_ON, django_capture_on_commit_callbacks)
        chase(ASK_ON, django_capture_on_commit_callbacks)
        chase(ASK_ON + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    sent = requests_in(inbox)
    assert [m["To"] for m in sent] == [OFFICER]
    text = body(sent[0])
    assert "Dear Olu Owen," in text
    assert "- 3. Pay the real living wage (Care workforce)" in text
    assert "Open on Sundays" not in text


def test_a_partner_is_asked_only_for_what_their_body_carries(
    client, world, django_capture_on_commit_callbacks
):
    body_ = PartnershipFactory(name="Care Partnership")
    carried = RecommendationFactory(
        review=world["rec"].review, reference="5", title="Share the rota"
    )
    carried.responsible_bodies.add(body_)
    user_with_role(Role.PARTNER, body_, email="rep@partnership.example.org")
    with smtp_server() as inbox:
        chase(ASK_ON, django_capture_on_commit_callbacks)
    (sent,) = [m for m in requests_in(inbox) if m["To"] == "rep@partnership.example.org"]
    assert "5. Share the rota" in body(sent) and "Pay the real living wage" not in body(sent)
    page = client.get(link_in(sent))
    assert "Share the rota" in page.text and "Pay the real living wage" not in page.text


def test_the_request_is_in_the_persons_language(world, django_capture_on_commit_callbacks):
    world["officer"].language = "cy"
    world["officer"].save()
    with smtp_server() as inbox:
        chase(ASK_ON, django_capture_on_commit_callbacks)
    (sent,) = requests_in(inbox)
    assert sent["Subject"].strip().startswith("Diweddariadau")
    assert "Annwyl Olu Owen," in body(sent)


def test_the_link_opens_the_form_without_signing_in_and_reaches_only_its_recommendations(
    client, world, link
):
    page = client.get(link)
    assert page.status_code == 200
    assert "Pay the real living wage" in page.text
    assert "Open on Sundays" not in page.text
    rec, other = world["rec"], world["other"]
    response = client.post(
        link,
        {f"rec-{rec.pk}-text": "Agreed with providers.", f"rec-{other.pk}-text": "Sneaky"},
    )
    assert response.status_code == 302
    (submission,) = SubmittedUpdate.objects.all()
    assert [e.recommendation_id for e in submission.entries.all()] == [rec.pk]


def test_a_tampered_link_is_refused(client, link):
    assert client.get(link[:-2] + "x/").status_code == 404


def test_the_link_expires_at_the_meeting(client, world, link):
    world["meeting"].date = TODAY - datetime.timedelta(days=1)
    world["meeting"].save()
    assert client.get(link).status_code == 404


def test_the_submission_is_held_until_accepted(client, world, link):
    rec = world["rec"]
    client.post(
        link,
        {f"rec-{rec.pk}-text": "Agreed with providers.", f"rec-{rec.pk}-new_status": "on_track"},
    )
    submission = SubmittedUpdate.objects.get()
    assert submission.state == "pending"
    assert not ProgressUpdate.objects.exists()
    client.force_login(world["democratic"])
    assert "Olu Owen" in client.get("/update-requests/").text
    response = client.post(f"/update-requests/{submission.pk}/", {"accept": "1"})
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.given_by_name == "Olu Owen"
    assert update.given_on == submission.submitted_on
    entry = update.entries.get()
    assert (entry.text, entry.new_status) == ("Agreed with providers.", "on_track")
    submission.refresh_from_db()
    assert submission.state == "accepted" and submission.update == update


def test_another_councils_democratic_services_cannot_accept(client, world, link):
    rec = world["rec"]
    client.post(link, {f"rec-{rec.pk}-text": "Agreed with providers."})
    submission = SubmittedUpdate.objects.get()
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, CouncilFactory()))
    assert client.post(f"/update-requests/{submission.pk}/", {"accept": "1"}).status_code == 403
    assert "Olu Owen" not in client.get("/update-requests/").text
    assert not ProgressUpdate.objects.exists()


def test_returning_emails_the_comment_and_a_fresh_link(
    client, world, link, django_capture_on_commit_callbacks
):
    rec = world["rec"]
    client.post(link, {f"rec-{rec.pk}-text": "Agreed with providers."})
    submission = SubmittedUpdate.objects.get()
    client.force_login(world["democratic"])
    with smtp_server() as inbox, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/update-requests/{submission.pk}/", {"comment": "Say which providers."}
        )
    assert response.status_code == 302
    (returned,) = [m for m in inbox.messages if m["To"] == OFFICER]
    assert "Say which providers." in body(returned)
    client.logout()
    assert client.get(link_in(returned)).status_code == 200
    submission.refresh_from_db()
    assert submission.state == "returned"
    assert not ProgressUpdate.objects.exists()

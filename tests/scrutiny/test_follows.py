"""Following a review or a committee, through a real SMTP server: the public confirm by a
signed link that works once and expires, and get nothing before; a change brings one email
however often chase runs; the public never hear of a draft review or an exempt item; the
one-click unsubscribe stops the emails; a Welsh page's follower gets Welsh emails."""

from __future__ import annotations

import re
import time

import pytest
from django.core import signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Role
from recommendations.models import Status
from scrutiny.models import Follow
from tests.factories import (
    AgendaItemFactory,
    CouncilFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
    user_with_role,
)
from tests.support.smtp import body, smtp_server

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

PUBLIC = "resident@example.org"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://scrutiny.example.gov.uk"


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def review():
    council = CouncilFactory(name="Ashby Borough Council")
    review = ReviewFactory(committee__council=council, title="Care workforce")
    RecommendationFactory(review=review, reference="3", title="Pay the real living wage")
    return review


def chase(capture) -> None:
    with capture(execute=True):
        call_command("chase", verbosity=0)


def ask_to_follow(client, review, capture, *, email=PUBLIC, prefix=""):
    with capture(execute=True):
        response = client.post(
            f"{prefix}{reverse('scrutiny:review-follow', args=[review.pk])}", {"email": email}
        )
    assert response.status_code == 200
    assert "Check your email" in response.content.decode() or prefix
    return response


def confirm_link(message) -> str:
    return re.search(
        r"https://scrutiny\.example\.gov\.uk(\S*/follows/confirm/\S+/)", body(message)
    )[1]


def update(rec, **kwargs):
    return UpdateEntryFactory(recommendation=rec, text="Agreed with the unions.", **kwargs)


def test_the_public_confirm_once_and_then_hear_of_a_change_once(
    client, review, django_capture_on_commit_callbacks
):
    rec = review.recommendations.get()
    with smtp_server() as inbox:
        ask_to_follow(client, review, django_capture_on_commit_callbacks)
        [ask] = inbox.messages
        assert ask["To"] == PUBLIC
        assert ask["Subject"] == "Confirm you want emails from Ashby Borough Council"
        # Nothing is sent before the address is confirmed.
        update(rec, new_status=Status.ON_TRACK)
        chase(django_capture_on_commit_callbacks)
        assert len(inbox.messages) == 1

        link = confirm_link(ask)
        assert client.get(link).status_code == 200  # a scanner opening it confirms nothing
        assert Follow.objects.get().confirmed_at is None
        assert client.post(link).status_code == 200
        assert client.post(link).status_code == 400  # once only

        update(rec, new_status=Status.PAUSED)
        chase(django_capture_on_commit_callbacks)
        chase(django_capture_on_commit_callbacks)
    assert len(inbox.messages) == 2
    news = inbox.messages[1]
    assert news["Subject"] == "Recommendations changed: Care workforce"
    text = body(news)
    assert "3. Pay the real living wage (Paused)" in text
    assert "https://scrutiny.example.gov.uk/recommendations/" in text
    unsubscribe = Follow.objects.get().token
    assert f"https://scrutiny.example.gov.uk/follows/unsubscribe/{unsubscribe}/" in text
    assert news["List-Unsubscribe"] == (
        f"<https://scrutiny.example.gov.uk/follows/unsubscribe/{unsubscribe}/>"
    )
    assert news["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_tampered_or_expired_link_confirms_nothing(
    client, review, django_capture_on_commit_callbacks
):
    with smtp_server() as inbox:
        ask_to_follow(client, review, django_capture_on_commit_callbacks)
    link = confirm_link(inbox.messages[0])
    assert client.post(link.replace("/confirm/", "/confirm/x")).status_code == 400

    class SignedFourDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 4 * 24 * 60 * 60)

    old = SignedFourDaysAgo(salt="scrutiny.follow.confirm").sign(Follow.objects.get().token)
    assert client.post(reverse("scrutiny:follow-confirm", args=[old])).status_code == 400
    assert Follow.objects.get().confirmed_at is None


def test_the_page_says_the_same_whether_or_not_the_address_follows(
    client, review, django_capture_on_commit_callbacks
):
    with smtp_server() as inbox:
        first = ask_to_follow(client, review, django_capture_on_commit_callbacks)
        client.post(confirm_link(inbox.messages[0]))
        again = ask_to_follow(client, review, django_capture_on_commit_callbacks)

    def main(response):
        return response.content.decode().split("<main", 1)[1].split("</main>")[0]

    assert main(first) == main(again)
    assert len(inbox.messages) == 1  # a confirmed address is not asked again


def test_sign_ups_to_one_address_are_limited(client, review, django_capture_on_commit_callbacks):
    with smtp_server() as inbox:
        for _ in range(5):
            ask_to_follow(client, review, django_capture_on_commit_callbacks)
    assert len(inbox.messages) == 3


def test_the_public_cannot_follow_a_draft_nor_hear_of_an_exempt_item(
    client, review, django_capture_on_commit_callbacks
):
    draft = ReviewFactory(committee=review.committee, published=False)
    assert (
        client.post(
            reverse("scrutiny:review-follow", args=[draft.pk]), {"email": PUBLIC}
        ).status_code
        == 404
    )
    RecommendationFactory(review=draft, reference="9", title="Secret plan")
    with smtp_server() as inbox:
        response = client.post(
            reverse("scrutiny:committee-follow", args=[review.committee.pk]), {"email": PUBLIC}
        )
        assert response.status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            pass
    Follow.objects.update(confirmed_at=timezone.now())
    item = AgendaItemFactory(
        meeting__committee=review.committee, exempt=True, exempt_reason="Paragraph 3"
    )
    update(draft.recommendations.get(), new_status=Status.PAUSED)
    update(review.recommendations.get(), new_status=Status.PAUSED, update__item=item)
    with smtp_server() as inbox:
        chase(django_capture_on_commit_callbacks)
    assert inbox.messages == []


def test_a_councillor_follows_at_once_and_unsubscribes_in_one_click(
    client, review, django_capture_on_commit_callbacks
):
    member = user_with_role(
        Role.COUNCILLOR, review.committee.council, email="cllr@ashby.example.gov.uk"
    )
    client.force_login(member)
    page = reverse("scrutiny:review-follow", args=[review.pk])
    assert client.post(page, {"action": "follow"}).status_code == 302
    follow = Follow.objects.get()
    assert (follow.email, follow.user, follow.confirmed_at is not None) == (
        member.email,
        member,
        True,
    )
    assert "Stop following" in client.get(page).content.decode()
    update(review.recommendations.get(), new_status=Status.ON_TRACK)
    with smtp_server() as inbox:
        chase(django_capture_on_commit_callbacks)
    [message] = inbox.messages
    assert message["To"] == member.email
    client.logout()
    unsubscribe = reverse("scrutiny:follow-unsubscribe", args=[follow.token])
    assert client.get(unsubscribe).status_code == 200
    assert Follow.objects.exists()
    # A mail client's one click: a POST with no session and no CSRF token.
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post(unsubscribe).status_code == 200
    assert not Follow.objects.exists()
    update(review.recommendations.get(), new_status=Status.PAUSED)
    with smtp_server() as inbox:
        chase(django_capture_on_commit_callbacks)
    assert inbox.messages == []


def test_stop_following(client, review):
    member = user_with_role(Role.COUNCILLOR, review.committee.council, email="c@example.org")
    client.force_login(member)
    page = reverse("scrutiny:committee-follow", args=[review.committee.pk])
    client.post(page, {"action": "follow"})
    client.post(page, {"action": "stop"})
    assert not Follow.objects.exists()


def test_a_welsh_page_s_follower_gets_welsh_emails(
    client, review, django_capture_on_commit_callbacks
):
    with smtp_server() as inbox:
        ask_to_follow(client, review, django_capture_on_commit_callbacks, prefix="/cy")
        ask = inbox.messages[0]
        assert "/cy/follows/confirm/" in body(ask)
        client.post(confirm_link(ask))
        update(review.recommendations.get(), new_status=Status.PAUSED)
        chase(django_capture_on_commit_callbacks)
    assert Follow.objects.get().language == "cy"
    assert (
        ask["Subject"].strip()
        == "Cadarnhewch eich bod eisiau negeseuon e-bost gan Ashby Borough Council"
    )
    news = inbox.messages[1]
    assert news["Subject"].startswith("Argymhellion wedi newid:")
    assert "/cy/follows/unsubscribe/" in body(news)


def test_the_public_form_says_what_is_wrong(client, review):
    response = client.post(reverse("scrutiny:review-follow", args=[review.pk]), {"email": "no"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Enter an email address in the correct format, like name@example.com" in page
    assert not Follow.objects.exists()


def test_an_executive_response_is_a_change(client, review, django_capture_on_commit_callbacks):
    member = user_with_role(Role.COUNCILLOR, review.committee.council, email="c@example.org")
    client.force_login(member)
    client.post(reverse("scrutiny:review-follow", args=[review.pk]), {"action": "follow"})
    rec = review.recommendations.get()
    rec.response = "accepted"
    rec.response_text = "Agreed in full."
    rec.save()
    with smtp_server() as inbox:
        chase(django_capture_on_commit_callbacks)
        chase(django_capture_on_commit_callbacks)
    [message] = inbox.messages
    assert "3. Pay the real living wage" in body(message)

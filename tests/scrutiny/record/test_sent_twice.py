"""The record screen sent twice (a double click, the browser's resubmit, a second tab)
records once: the second sending shows what the first saved. Also when both arrive at the
same moment (PostgreSQL, the first still in its transaction when the second comes)."""

import re
import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client

from recommendations.models import ProgressUpdate, UpdateEntry
from scrutiny.models import AgreedAction
from tests.scrutiny.committee_people import text_of
from tests.scrutiny.record.helpers import record_url, verbal_update

TOKEN = re.compile(r'name="form_token" value="([A-Za-z0-9_-]+)"')
ALREADY = "This was saved when you first sent it, so it was not saved again."


def token_of(response) -> str:
    return TOKEN.search(response.content.decode())[1]


def saved_counts() -> tuple[int, int, int]:
    return (
        ProgressUpdate.objects.count(),
        UpdateEntry.objects.count(),
        AgreedAction.objects.count(),
    )


@pytest.mark.django_db
def test_the_record_screen_sent_twice_records_once(client, people, leicester):
    client.force_login(people.democratic_services)
    url = record_url(leicester["may"])
    sent = verbal_update(leicester) | {"form_token": token_of(client.get(url))}
    client.post(url, sent)
    assert saved_counts() == (1, 8, 1)

    again = client.post(url, sent, follow=True)

    assert saved_counts() == (1, 8, 1)
    assert again.redirect_chain == [(leicester["may"].get_absolute_url(), 302)]
    assert ALREADY in text_of(again)


@pytest.mark.django_db
def test_each_opening_of_the_screen_carries_a_new_token(client, people, leicester):
    """Two meetings' worth typed on two openings of the page are two records."""
    client.force_login(people.democratic_services)
    url = record_url(leicester["may"])
    first, second = token_of(client.get(url)), token_of(client.get(url))
    assert first != second


@pytest.mark.django_db
def test_a_sending_with_errors_keeps_its_token_and_saves_when_corrected(client, people, leicester):
    """Nothing saved, nothing spent: the corrected form saves."""
    client.force_login(people.democratic_services)
    url = record_url(leicester["may"])
    sent = verbal_update(leicester) | {"form_token": token_of(client.get(url))}
    wrong = client.post(url, sent | {"item-7-update-given_by_role": ""})
    assert wrong.status_code == 200
    assert token_of(wrong) == sent["form_token"]
    assert saved_counts() == (0, 0, 0)

    client.post(url, sent)

    assert saved_counts() == (1, 8, 1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions")
@pytest.mark.django_db(transaction=True)
def test_two_sendings_at_the_same_moment_record_once(people, leicester):
    """The second sending arrives while the first is still in its transaction: it waits
    for it, then finds the token spent and saves nothing."""
    url = record_url(leicester["may"])
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(people.democratic_services)
    sent = verbal_update(leicester) | {"form_token": token_of(first.get(url))}
    answers = {}

    def send_second():
        answers["second"] = second.post(url, sent, follow=True)
        connection.close()

    racer = threading.Thread(target=send_second)
    with transaction.atomic():
        answers["first"] = first.post(url, sent)
        racer.start()
        time.sleep(1)
        # Still waiting for the first sending's transaction to end.
        assert racer.is_alive()
    racer.join(timeout=30)

    assert answers["first"].status_code == 302
    assert ALREADY in text_of(answers["second"])
    assert saved_counts() == (1, 8, 1)

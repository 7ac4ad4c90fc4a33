"""The log-an-update form sent twice (a double click, the browser's resubmit) logs one
update: the second sending shows the update the first saved."""

import re
import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client

from recommendations.models import ProgressUpdate, UpdateEntry
from tests.recommendations.views.helpers import entry, log_data, log_url
from tests.support.pages import main_text as text_of

TOKEN = re.compile(r'name="form_token" value="([A-Za-z0-9_-]+)"')
ALREADY = "This was saved when you first sent it, so it was not saved again."


def sending(client, officer, recs, review) -> dict:
    token = TOKEN.search(client.get(log_url(review)).content.decode())[1]
    return (
        log_data(officer)
        | entry(recs[4], text="Career pathways report received.", new_status="", reason="")
        | {"form_token": token}
    )


@pytest.mark.django_db
def test_the_update_form_sent_twice_logs_one_update(client, officer, recs, review):
    client.force_login(officer)
    sent = sending(client, officer, recs, review)
    client.post(log_url(review), sent)

    again = client.post(log_url(review), sent, follow=True)

    update = ProgressUpdate.objects.get()
    assert UpdateEntry.objects.count() == 1
    assert again.redirect_chain == [(update.get_absolute_url(), 302)]
    assert ALREADY in text_of(again)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions")
@pytest.mark.django_db(transaction=True)
def test_two_sendings_at_the_same_moment_log_one_update(officer, recs, review):
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(officer)
    sent = sending(first, officer, recs, review)
    answers = {}

    def send_second():
        answers["second"] = second.post(log_url(review), sent, follow=True)
        connection.close()

    racer = threading.Thread(target=send_second)
    with transaction.atomic():
        answers["first"] = first.post(log_url(review), sent)
        racer.start()
        time.sleep(1)
        # Still waiting for the first sending's transaction to end.
        assert racer.is_alive()
    racer.join(timeout=30)

    assert answers["first"].status_code == 302
    assert ALREADY in text_of(answers["second"])
    assert ProgressUpdate.objects.count() == UpdateEntry.objects.count() == 1

"""Two democratic services officers delete one recommendation at the same moment, each in
its own thread with its own connection, against the SQLite file named by DATABASE_URL (run
by tests/recommendations/test_simultaneous_deletes.py in a process of its own, since the
test run's own SQLite database lives in memory). Prints each answer as JSON: status code,
where it went, and the page's words."""

import json
import os
import sys
import threading
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
# The test client's host, as the test runner allows it.
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models.signals import pre_save  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from partnerships.models import Role  # noqa: E402
from recommendations.models import Recommendation  # noqa: E402
from tests.factories import CouncilFactory, RecommendationFactory, user_with_role  # noqa: E402

call_command("migrate", verbosity=0)
council = CouncilFactory()
recommendation = RecommendationFactory(review__committee__council=council, reference="4")
people = [user_with_role(Role.DEMOCRATIC_SERVICES, council) for _ in range(2)]
connection.close()


def slow_save(sender, instance, **kwargs):
    # A save that takes a moment (a big timeline to rebuild), so that the second delete
    # arrives while the first is still writing.
    if instance.deleted_at is not None:
        time.sleep(0.5)


pre_save.connect(slow_save, sender=Recommendation)
start = threading.Barrier(2)
answers = [None, None]


def delete(number: int) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(people[number])
    start.wait()
    response = client.post(
        reverse("recommendations:recommendation-delete", args=[recommendation.pk]),
        {"reason": "Entered twice by mistake"},
        follow=True,
    )
    answers[number] = {
        "status": response.status_code,
        "path": response.request["PATH_INFO"],
        "text": response.content.decode(),
    }


threads = [threading.Thread(target=delete, args=(n,)) for n in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
json.dump(answers, sys.stdout)

"""Nothing typed is lost on a big form: a meeting taking a 300-recommendation review (twice
the pack benchmark's 150) sends the record screen and the progress update form with far
more than Django's default 1,000 fields, and both save every word typed."""

import datetime

import pytest
from django.urls import reverse

from recommendations.models import ProgressUpdate, UpdateEntry, UpdateKind
from tests.factories import AgendaItemFactory, MeetingFactory, RecommendationFactory, ReviewFactory
from tests.scrutiny.committee_people import error_summary
from tests.scrutiny.record.helpers import record_url
from tests.support.forms import page_form

pytestmark = pytest.mark.django_db

SIZE = 300
MEETING_DAY = datetime.date(2021, 5, 11)


@pytest.fixture
def big(committee):
    review = ReviewFactory(
        committee=committee,
        title="Six-monthly monitoring of every open recommendation",
        report_agreed_on=datetime.date(2020, 10, 1),
    )
    recs = [RecommendationFactory(review=review, reference=str(n)) for n in range(1, SIZE + 1)]
    meeting = MeetingFactory(committee=committee, date=MEETING_DAY)
    item = AgendaItemFactory(meeting=meeting, number=4, title="Monitoring report", review=review)
    return review, recs, meeting, item


def said(rec) -> str:
    return f"Reported on recommendation {rec.reference}: work continues."


def test_the_record_screen_saves_an_update_on_300_recommendations(client, people, big):
    review, recs, meeting, item = big
    client.force_login(people.democratic_services)
    form = page_form(client.get(record_url(meeting)))
    typed = {f"item-4-rec-{rec.pk}-text": said(rec) for rec in recs}
    typed["item-4-update-given_by_role"] = "Head of Scrutiny"
    typed["item-4-update-kind"] = UpdateKind.WRITTEN
    typed["item-4-update-organisation"] = next(
        pk for pk in form.offered["item-4-update-organisation"] if pk
    )
    body = form.body(**typed)
    assert len(form.fields) > 1_000, "the form is past Django's default limit"

    response = client.post(record_url(meeting), body)

    assert response.status_code == 302, error_summary(response)
    update = ProgressUpdate.objects.get(item=item)
    entries = UpdateEntry.objects.filter(update=update).select_related("recommendation")
    assert {e.recommendation.pk: e.text for e in entries} == {rec.pk: said(rec) for rec in recs}


def test_the_update_form_saves_an_update_on_300_recommendations(client, people, big):
    review, recs, meeting, item = big
    client.force_login(people.democratic_services)
    url = reverse("recommendations:update-create", args=[review.pk])
    form = page_form(client.get(url))
    text_names = [name for name in form.empty_text if name.endswith("-text")]
    assert len(text_names) == SIZE
    typed = dict.fromkeys(text_names, "Work continues, as the monitoring report says.")
    typed.update({"given_by_role": "Head of Scrutiny", "given_on": "", "item": str(item.pk)})
    body = form.body(**typed)

    response = client.post(url, body)

    assert response.status_code == 302, error_summary(response)
    update = ProgressUpdate.objects.get()
    assert update.entries.count() == SIZE

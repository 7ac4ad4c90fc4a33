"""The record screen offers our statuses in the council's own words, ours beside where they
differ, as the log-an-update form does (one labelling, ``StatusWords.choices``); the value
recorded stays our fixed status; a closure proposed for sign-off is named in the council's
word too; another council's words never show."""

import pytest

from recommendations.models import ClosureProposal, Status, StatusWord, StatusWords
from tests.factories import CouncilFactory, ProgressUpdateFactory, UpdateEntryFactory
from tests.scrutiny.record.helpers import JANUARY, page_words, record_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def words(council):
    StatusWord.objects.create(council=council, status=Status.SLIPPED, label="On hold")
    StatusWord.objects.create(
        council=council, status=Status.ACHIEVED, label="Done", label_cy="Wedi'i wneud"
    )
    StatusWord.objects.create(council=CouncilFactory(), status=Status.PAUSED, label="Parked")


def test_the_record_screen_offers_the_councils_words(client, people, leicester, words):
    client.force_login(people.democratic_services)
    html = client.get(record_url(leicester["may"])).content.decode()
    assert '<option value="slipped">On hold (Slipped)</option>' in html
    assert '<option value="achieved">Done (Achieved)</option>' in html
    assert '<option value="on_track">On track</option>' in html
    assert '<option value="paused">Paused</option>' in html, "not another council's word"
    welsh = client.get(f"/cy{record_url(leicester['may'])}").content.decode()
    assert '<option value="achieved">Wedi&#x27;i wneud (' in welsh


def test_a_closure_proposed_is_named_in_the_councils_word(client, people, leicester, words):
    rec = leicester["recs"][4]
    update = ProgressUpdateFactory(given_on=JANUARY, organisation=leicester["lscdg"])
    entry = UpdateEntryFactory(update=update, recommendation=rec, text="Done.")
    ClosureProposal.objects.create(
        recommendation=rec, entry=entry, status=Status.ACHIEVED, evidence="Shown."
    )
    client.force_login(people.democratic_services)
    page = page_words(client.get(record_url(leicester["may"])))
    assert "Signed off as Done" in page and "as done, by" in page


def test_the_one_labelling_of_status_choices(council, words):
    labelled = StatusWords().choices([Status.ON_TRACK, Status.SLIPPED], council.pk)
    assert labelled == [(Status.ON_TRACK, "On track"), (Status.SLIPPED, "On hold (Slipped)")]
    assert StatusWords().choices([Status.SLIPPED], None) == [(Status.SLIPPED, "Slipped")]

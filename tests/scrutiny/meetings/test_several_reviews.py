"""One report, several reviews (issue 11): an agenda item that reports on its main review
and also on others, as a six-monthly report on all outstanding recommendations does. The
item form offers the council's reviews only; the update form of each review offers the
item; the record screen saves one update covering recommendations of both; the meeting
page, the HTML pack and the PDF pack show both reviews' recommendations under it; the due
list and sign-off follow."""

import datetime
import re

import pytest
from django.urls import reverse

from recommendations.models import ProgressUpdate, UpdateKind
from scrutiny.models import AgendaItem
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.scrutiny.committee_people import error_summary, text_of
from tests.scrutiny.packs.helpers import pack_url, pdf_text
from tests.scrutiny.record.helpers import record_url

pytestmark = pytest.mark.django_db

JULY = datetime.date(2021, 7, 6)


@pytest.fixture
def six_monthly(council, committee):
    """Item 4 of the July meeting: a six-monthly report on the outstanding recommendations
    of the workforce review (its main review) and of the carers review."""
    workforce = ReviewFactory(committee=committee, title="Social Care External Workforce")
    carers = ReviewFactory(committee=committee, title="Support for Unpaid Carers")
    work_recs = [
        RecommendationFactory(review=workforce, reference=n, title=f"Workforce point {n}")
        for n in (1, 2)
    ]
    carer_recs = [
        RecommendationFactory(review=carers, reference=n, title=f"Carers point {n}") for n in (1, 2)
    ]
    meeting = MeetingFactory(committee=committee, date=JULY)
    AgendaItemFactory(meeting=meeting, number=1, title="Minutes")
    item = AgendaItemFactory(
        meeting=meeting,
        number=4,
        title="Six-monthly report on outstanding recommendations",
        review=workforce,
    )
    item.other_reviews.add(carers)
    return {
        "meeting": meeting,
        "item": item,
        "workforce": workforce,
        "carers": carers,
        "work_recs": work_recs,
        "carer_recs": carer_recs,
    }


def item_post(**overrides):
    data = {"number": "4", "title": "Six-monthly report", "description": "", "review": ""}
    return {**data, "exempt_reason": "", **overrides}


def test_the_item_form_saves_the_reviews_it_also_reports_on(client, people, committee):
    meeting = MeetingFactory(committee=committee, date=JULY)
    main = ReviewFactory(committee=committee, title="Workforce")
    also = ReviewFactory(committee=committee, title="Carers")
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:item-create", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Other scrutiny reviews it also reports on (optional)" in page
    assert re.search(r'type="checkbox"\s+name="other_reviews"', page)
    response = client.post(url, item_post(review=str(main.pk), other_reviews=[str(also.pk)]))
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert item.review == main
    assert list(item.other_reviews.all()) == [also]
    assert item.review_ids == [main.pk, also.pk]
    # The history keeps which reviews it also reported on.
    latest = item.history.latest()
    assert [row.review for row in latest.other_reviews.all()] == [also]


def test_the_item_form_refuses_a_review_of_another_council(client, people, committee):
    meeting = MeetingFactory(committee=committee, date=JULY)
    elsewhere = ReviewFactory(committee=CommitteeFactory(council=CouncilFactory()))
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:item-create", args=[meeting.pk])
    response = client.post(url, item_post(other_reviews=[str(elsewhere.pk)]))
    assert response.status_code == 200
    assert "Choose only scrutiny reviews of this council" in error_summary(response)
    assert elsewhere.title not in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_the_item_form_refuses_the_main_review_again(client, people, committee):
    meeting = MeetingFactory(committee=committee, date=JULY)
    main = ReviewFactory(committee=committee, title="Workforce")
    client.force_login(people.democratic_services)
    url = reverse("scrutiny:item-create", args=[meeting.pk])
    response = client.post(url, item_post(review=str(main.pk), other_reviews=[str(main.pk)]))
    assert response.status_code == 200
    assert "Workforce is already the review the item reports on" in error_summary(response)
    assert not AgendaItem.objects.exists()


def test_the_taking_rule_finds_the_item_for_both_reviews(six_monthly):
    item = six_monthly["item"]
    assert list(AgendaItem.objects.taking(six_monthly["workforce"])) == [item]
    assert list(AgendaItem.objects.taking(six_monthly["carers"])) == [item]
    assert not AgendaItem.objects.taking(ReviewFactory()).exists()


def test_the_update_form_of_the_other_review_offers_the_item(client, people, six_monthly):
    """Even when the item is at another committee: it takes the review all the same."""
    item = six_monthly["item"]
    cabinet = CommitteeFactory(council=item.meeting.committee.council, name="Cabinet")
    at_cabinet = AgendaItemFactory(
        meeting=MeetingFactory(committee=cabinet, date=JULY), title="Executive report"
    )
    at_cabinet.other_reviews.add(six_monthly["carers"])
    client.force_login(people.democratic_services)
    url = reverse("recommendations:update-create", args=[six_monthly["carers"].pk])
    html = client.get(url, {"item": item.pk}).content.decode()
    select = html[html.index('id="id_item"') :]
    select = select[: select.index("</select>")]
    assert f'<option value="{item.pk}" selected>' in select
    assert f'<option value="{at_cabinet.pk}"' in select


def record_post(six_monthly, organisation) -> dict:
    work, carers = six_monthly["work_recs"], six_monthly["carer_recs"]
    return {
        "item-4-update-given_by_role": "Director of Adult Social Care",
        "item-4-update-organisation": str(organisation.pk),
        "item-4-update-kind": UpdateKind.WRITTEN,
        f"item-4-rec-{work[0].pk}-text": "Recruitment campaign launched.",
        f"item-4-rec-{carers[1].pk}-text": "Carers' assessments now within 28 days.",
    }


def test_the_record_screen_lists_and_saves_both_reviews_at_the_item(
    client, people, council, six_monthly
):
    client.force_login(people.democratic_services)
    page = client.get(record_url(six_monthly["meeting"]))
    words = text_of(page)
    assert "Recommendations of Social Care External Workforce" in words
    assert "Recommendations of Support for Unpaid Carers" in words
    carers_heading = words.index("Recommendations of Support for Unpaid Carers")
    assert words.index("Workforce point 2") < carers_heading
    assert "Carers point 1" in words

    response = client.post(record_url(six_monthly["meeting"]), record_post(six_monthly, council))
    assert response.status_code == 302, error_summary(response)
    update = ProgressUpdate.objects.get()
    assert update.item == six_monthly["item"]
    assert {e.recommendation for e in update.entries.all()} == {
        six_monthly["work_recs"][0],
        six_monthly["carer_recs"][1],
    }


def test_the_record_screen_still_refuses_a_review_the_item_does_not_take(
    client, people, council, six_monthly
):
    stranger = RecommendationFactory(
        review=ReviewFactory(committee=six_monthly["workforce"].committee)
    )
    client.force_login(people.democratic_services)
    data = record_post(six_monthly, council) | {f"item-4-rec-{stranger.pk}-text": "Not here."}
    assert client.post(record_url(six_monthly["meeting"]), data).status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_the_meeting_page_and_both_packs_show_both_reviews(client, people, council, six_monthly):
    meeting = six_monthly["meeting"]
    client.force_login(people.democratic_services)
    client.post(record_url(meeting), record_post(six_monthly, council))
    assert ProgressUpdate.objects.count() == 1

    page = text_of(client.get(meeting.get_absolute_url()))
    assert "Reports on the scrutiny reviews:" in page
    assert "Record an update given at item 4 on Support for Unpaid Carers" in page
    assert "Record an update given at item 4 on Social Care External Workforce" in page
    for title in ["Workforce point 1", "Workforce point 2", "Carers point 1", "Carers point 2"]:
        assert title in page

    pack = text_of(client.get(pack_url(meeting)))
    assert "Social Care External Workforce: recommendations tracker" in pack
    assert "Support for Unpaid Carers: recommendations tracker" in pack
    # Both trackers are the item's papers, not another item's.
    item_papers = pack[pack.index("Item 4: Six-monthly report") :]
    assert "Carers point 2" in item_papers and "Workforce point 2" in item_papers
    # What was said names each recommendation's review: a "2" of each review is not one.
    assert "Support for Unpaid Carers: 2. Carers point 2" in item_papers
    assert "Social Care External Workforce: 1. Workforce point 1" in item_papers

    pdf = client.get(pack_url(meeting, pdf=True))
    assert pdf.status_code == 200
    words = pdf_text(pdf.content)
    assert "Social Care External Workforce: recommendations tracker" in words
    assert "Support for Unpaid Carers: recommendations tracker" in words
    assert "Carers point 2" in words and "Workforce point 1" in words


def test_the_review_page_lists_the_item_under_the_other_review(client, six_monthly):
    page = text_of(client.get(six_monthly["carers"].get_absolute_url()))
    assert "Six-monthly report on outstanding recommendations" in page


def test_the_admin_keeps_the_rule_for_the_other_reviews(admin_client, six_monthly):
    item = six_monthly["item"]
    elsewhere = ReviewFactory(committee=CommitteeFactory(council=CouncilFactory()))
    url = reverse("admin:scrutiny_agendaitem_change", args=[item.pk])
    data = {
        "version": str(item.version),
        "meeting": str(item.meeting_id),
        "number": "4",
        "title": item.title,
        "description": "",
        "review": str(six_monthly["workforce"].pk),
        "other_reviews": [str(six_monthly["workforce"].pk), str(elsewhere.pk)],
        "exempt_reason": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "is a review of another council" in page
    assert "is already the review the item reports on" in page
    assert list(item.other_reviews.all()) == [six_monthly["carers"]]


def test_a_draft_review_the_item_also_reports_on_is_hidden_from_the_public(
    client, committee, six_monthly
):
    draft = ReviewFactory(committee=committee, title="Draft: Home Care Market", published=False)
    RecommendationFactory(review=draft, reference=1, title="Draft point 1")
    six_monthly["item"].other_reviews.add(draft)
    meeting = six_monthly["meeting"]
    for url in [meeting.get_absolute_url(), pack_url(meeting)]:
        page = text_of(client.get(url))
        assert "Support for Unpaid Carers" in page
        assert "Home Care Market" not in page and "Draft point 1" not in page


def test_the_new_words_are_welsh_under_cy(client, people, council, six_monthly):
    meeting = six_monthly["meeting"]
    elsewhere = ReviewFactory(committee=CommitteeFactory(council=CouncilFactory()))
    # Reversed before any Welsh request: the language a request chose can outlive it.
    edit_url = reverse("scrutiny:item-edit", args=[six_monthly["item"].pk])
    create_url = reverse("scrutiny:item-create", args=[meeting.pk])
    meeting_url = meeting.get_absolute_url()
    client.force_login(people.democratic_services)
    form = client.get("/cy" + edit_url)
    assert "Adolygiadau craffu eraill y mae hefyd yn adrodd arnynt (dewisol)" in text_of(form)
    refused = client.post(
        "/cy" + create_url, item_post(number="5", other_reviews=[str(elsewhere.pk)])
    )
    assert "Dewiswch adolygiadau craffu&#x27;r cyngor hwn yn unig" in error_summary(refused)
    page = text_of(client.get("/cy" + meeting_url))
    assert "Yn adrodd ar yr adolygiadau craffu:" in page
    assert "Cofnodi diweddariad a roddwyd yn eitem 4 ar Support for Unpaid Carers" in page

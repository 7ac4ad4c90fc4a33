"""A review's page and its tracker: the review's dates and links, an overdue executive
response, recommendations in number order with their statuses (exempt updates only for
those who may see them), where it was discussed and the actions agreed, drafts, the
buttons each person gets, a fixed number of queries; and the list and this page only
answer GET."""

import datetime
import re

import pytest
from django.urls import reverse

from recommendations.models import Status
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    MeetingFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    UpdateEntryFactory,
)
from tests.scrutiny.committee_people import day, text_of
from tests.scrutiny.reviews.helpers import LIST_URL, detail_url, edit_url
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db


def test_detail_shows_the_review_its_dates_and_links(client, review):
    meeting = MeetingFactory(committee=review.committee, date=datetime.date(2021, 1, 19))
    review.response_received_on = meeting.date
    review.response_meeting = meeting
    review.summary = "Why care workers leave, and what would keep them."
    review.save()
    response = client.get(detail_url(review))
    assert response.status_code == 200
    page = text_of(response)
    for words in [
        "Social Care External Workforce",
        "Social Care Workforce: task group report",
        "Adult Social Care Scrutiny Commission",
        "Councillor Vice Chair",
        "Monitoring recommendations",
        f"Started {day(2020, 6, 1)}",
        f"Report agreed {day(2020, 10, 1)}",
        f"Executive response due {day(2020, 12, 1)}",
        f"Executive response received {day(2021, 1, 19)}, at the meeting of",
        "Why care workers leave",
    ]:
        assert words in page, words
    assert "Overdue" not in page
    html = response.content.decode()
    assert f'href="{review.committee.get_absolute_url()}"' in html
    assert f'href="{meeting.get_absolute_url()}"' in html


def test_detail_says_when_the_executive_response_is_overdue(client, review):
    page = text_of(client.get(detail_url(review)))
    assert f"Executive response due {day(2020, 12, 1)} Overdue" in page
    assert f"the executive response was due on {day(2020, 12, 1)} and has not been received" in page


def test_tracker_orders_recommendations_numerically_with_status_words(client, review):
    for number in [10, 2, 11, 1, 9, 3, 4, 5, 6, 7, 8]:
        RecommendationFactory(review=review, reference=number, title=f"Heading number {number}")
    rec_10 = review.recommendations.get(reference="10")
    UpdateEntryFactory(
        recommendation=rec_10,
        new_status=Status.SLIPPED,
        revised_target_date=datetime.date(2023, 3, 31),
        reason="Waiting for the careers pathway report",
    )
    UpdateEntryFactory(
        recommendation=review.recommendations.get(reference="4"), new_status="on_track"
    )
    response = client.get(detail_url(review))
    page = text_of(response)
    order = [int(n) for n in re.findall(r"Heading number (\d+)", page)]
    assert order == list(range(1, 12))
    assert re.search(r"4 Heading number 4 .*? On track", page)
    assert re.search(r"10 Heading number 10 .*? Slipped", page)
    # The status chart: each status with its count.
    assert (
        "Not started 9 recommendations On track 1 recommendation Slipped 1 recommendation" in page
    )


def test_tracker_ignores_updates_given_at_exempt_items_for_the_public(client, review, people):
    rec = RecommendationFactory(review=review, reference=1)
    item = AgendaItemFactory(
        meeting__committee=review.committee, exempt=True, exempt_reason="Schedule 12A, para 3"
    )
    UpdateEntryFactory(
        recommendation=rec, update=ProgressUpdateFactory(item=item), new_status=Status.PAUSED
    )
    assert "Paused" not in text_of(client.get(detail_url(review)))
    client.force_login(people["councillor"])
    assert "Paused" in text_of(client.get(detail_url(review)))


def test_detail_lists_where_it_was_discussed_and_agreed_actions(client, review, people):
    item = AgendaItemFactory(
        meeting__committee=review.committee,
        meeting__date=datetime.date(2021, 5, 25),
        review=review,
        title="Social care external workforce: verbal update",
    )
    secret = AgendaItemFactory(
        meeting__committee=review.committee,
        review=review,
        title="Staffing costs of providers",
        exempt=True,
        exempt_reason="Schedule 12A, paragraph 3",
    )
    AgreedActionFactory(
        meeting=item.meeting,
        item=item,
        text="That a detailed update report be brought to a future meeting.",
    )
    AgreedActionFactory(
        meeting=item.meeting,
        review=review,
        text="That the accreditation of training be considered.",
        delivered_on=datetime.date(2021, 9, 1),
    )
    AgreedActionFactory(meeting=secret.meeting, item=secret, text="Confidential action.")
    page = text_of(client.get(detail_url(review)))
    assert day(2021, 5, 25) in page
    assert "Social care external workforce: verbal update" in page
    assert "That a detailed update report be brought to a future meeting. " in page
    assert "At a future meeting Outstanding" in page
    assert f"Delivered {day(2021, 9, 1)}" in page
    assert "Staffing costs of providers" not in page
    assert "Confidential action" not in page
    client.force_login(people["councillor"])
    page = text_of(client.get(detail_url(review)))
    assert "Staffing costs of providers" in page
    assert "Confidential action" in page


def test_draft_review_is_404_for_the_public_and_partners_but_not_its_council(
    client, review, people
):
    review.published = False
    review.save()
    assert client.get(detail_url(review)).status_code == 404
    for who in ["partner", "other_dem"]:
        client.force_login(people[who])
        assert client.get(detail_url(review)).status_code == 404, who
    client.force_login(people["councillor"])
    response = client.get(detail_url(review))
    assert response.status_code == 200
    assert "This review is a draft" in text_of(response)


def test_buttons_follow_what_each_person_may_do(client, review, people):
    rec = RecommendationFactory(review=review, reference=1)
    rec.responsible_bodies.add(people["partner"].organisation)
    add = reverse("recommendations:recommendation-create", args=[review.pk])
    log = reverse("recommendations:update-create", args=[review.pk])
    expected = {
        None: set(),
        "councillor": set(),
        "other_dem": set(),
        "officer": {log},
        "partner": {log},
        "dem": {add, log, edit_url(review)},
    }
    for who, links in expected.items():
        client.logout()
        if who:
            client.force_login(people[who])
        html = client.get(detail_url(review)).content.decode()
        shown = {url for url in [add, log, edit_url(review)] if f'href="{url}"' in html}
        assert shown == links, who


def test_partner_without_a_recommendation_of_the_review_gets_no_log_button(client, review, people):
    RecommendationFactory(review=review, reference=1)
    client.force_login(people["partner"])
    html = client.get(detail_url(review)).content.decode()
    assert reverse("recommendations:update-create", args=[review.pk]) not in html


@pytest.mark.parametrize("n", [3, 30])
def test_detail_runs_the_same_few_queries_for_3_or_30_recommendations(
    client, review, people, n, django_assert_max_num_queries
):
    partner_body = people["partner"].organisation
    for number in range(1, n + 1):
        rec = RecommendationFactory(review=review, reference=number)
        rec.responsible_bodies.add(partner_body, review.committee.council)
        UpdateEntryFactory(recommendation=rec, new_status=Status.ON_TRACK)
        item = AgendaItemFactory(meeting__committee=review.committee, review=review)
        AgreedActionFactory(meeting=item.meeting, item=item, due_meeting=MeetingFactory())
    client.force_login(people["partner"])
    # Session, user, groups; review; recommendations and their bodies; agenda items;
    # agreed actions; may this partner log on any of them; the councils' status words.
    with django_assert_max_num_queries(11 + SESSION_SAVE):
        response = client.get(detail_url(review))
    assert response.status_code == 200
    # Each row, and the status chart and its table.
    assert text_of(response).count("On track") == n + 2


@pytest.mark.parametrize("who", [None, "councillor", "dem"])
def test_read_pages_only_answer_get(client, review, people, who):
    if who:
        client.force_login(people[who])
    for url in [LIST_URL, detail_url(review)]:
        assert client.post(url, {"title": "x"}).status_code == 405
        assert client.head(url).status_code == 200
    review.refresh_from_db()
    assert review.title == "Social Care External Workforce"

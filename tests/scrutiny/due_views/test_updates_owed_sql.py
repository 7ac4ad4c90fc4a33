"""The updates owed are dated, ordered and cut in the database (issue 17): on random
histories they are exactly what the former Python computation gave (each recommendation's
``next_update_due`` against its committee's next meeting), month ends included; the home
page shows the first 20 and links to every one, a page at a time."""

import datetime
import random

import pytest
from dateutil.relativedelta import relativedelta
from django.db.models import Min
from django.urls import reverse

from recommendations.models import Recommendation, Status
from recommendations.permissions import loggable_filter
from scrutiny.models import Meeting
from scrutiny.selectors.owed import updates_owed
from tests.factories import CommitteeFactory, MeetingFactory, RecommendationFactory, ReviewFactory
from tests.scrutiny.committee_people import section
from tests.scrutiny.due_views.helpers import HOME, TODAY, set_status, text_of_html

pytestmark = pytest.mark.django_db

OWED_LIST = reverse("scrutiny:update-owed-list")
# Month ends, leap days and the days either side: where adding months clamps or rolls.
AWKWARD_DAYS = [
    datetime.date(2023, 8, 31),
    datetime.date(2023, 10, 31),
    datetime.date(2023, 1, 29),
    datetime.date(2023, 1, 30),
    datetime.date(2023, 1, 31),
    datetime.date(2024, 2, 29),
    datetime.date(2023, 2, 28),
    datetime.date(2023, 3, 31),
    datetime.date(2023, 5, 31),
    datetime.date(2023, 12, 31),
]


def python_updates_owed(user, today):
    """The former ``due.updates_owed``: every candidate read, dated and sorted in Python."""
    loggable = Recommendation.objects.filter(loggable_filter(user)).values("pk")
    next_meetings = dict(
        Meeting.objects.upcoming(today)
        .exclude(cancelled=True)
        .filter(committee__reviews__recommendations__in=loggable)
        .order_by()
        .values("committee_id")
        .annotate(first=Min("date"))
        .values_list("committee_id", "first")
    )
    by = max([today, *next_meetings.values()])
    owed = []
    for rec in (
        Recommendation.objects.visible_to(user)
        .filter(pk__in=loggable)
        .with_status(as_at=by, user=user)
        .update_due(by)
        .select_related("review__committee")
    ):
        rec.next_due = rec.next_update_due()
        rec.due_meeting_date = next_meetings.get(rec.review.committee_id)
        if rec.next_due <= (rec.due_meeting_date or today):
            owed.append(rec)
    return sorted(owed, key=lambda r: (r.next_due, r.review.title, r.review_id, r.sort_key))


def _random_world(rng: random.Random, council, today):
    committees = [CommitteeFactory(council=council) for _ in range(4)]
    for committee in committees[:3]:
        for _ in range(rng.randint(0, 3)):
            MeetingFactory(
                committee=committee,
                date=today + datetime.timedelta(days=rng.randint(0, 200)),
                cancelled=rng.random() < 0.2,
            )
    for n in range(12):
        agreed = rng.choice([*AWKWARD_DAYS, today - datetime.timedelta(days=rng.randint(30, 900))])
        review = ReviewFactory(
            committee=rng.choice(committees),
            title=f"{rng.choice(['Workforce', 'Housing', 'Transport'])} {n}",
            started_on=agreed - datetime.timedelta(days=200),
            report_agreed_on=agreed,
            response_received_on=rng.choice([None, agreed + datetime.timedelta(days=40)]),
            update_interval_months=rng.choice([3, 6, 12]),
        )
        for number in range(1, rng.randint(2, 6)):
            rec = RecommendationFactory(review=review, reference=str(number))
            if rng.random() < 0.7:
                on = rng.choice(
                    [*AWKWARD_DAYS, today - datetime.timedelta(days=rng.randint(0, 500))]
                )
                status = rng.choice([Status.ON_TRACK, Status.PAUSED, Status.ACHIEVED])
                set_status(rec, status, on=max(on, agreed), reason="Because")
    # Another council's: the officer may log on it only where their council carries it
    # (then their own council's timeline and the other's public one are both read).
    foreign = RecommendationFactory(
        review=ReviewFactory(report_agreed_on=datetime.date(2020, 10, 31))
    )
    if rng.random() < 0.5:
        foreign.responsible_bodies.add(council)


@pytest.mark.parametrize("seed", range(6))
def test_the_sql_gives_what_the_python_gave_on_random_histories(people, council, seed):
    today = datetime.date(2024, 3, 15) + datetime.timedelta(days=seed * 97)
    _random_world(random.Random(seed), council, today)
    expected = [
        (r.pk, r.next_due, r.due_meeting_date) for r in python_updates_owed(people.officer, today)
    ]
    assert expected, "a history where nothing is owed tests nothing"
    owed = updates_owed(people.officer, today)
    assert [(r.pk, r.next_due, r.due_meeting_date) for r in owed] == expected
    assert owed.count() == len(expected)
    assert [r.pk for r in owed[:5]] == [pk for pk, _, _ in expected[:5]]


def test_a_month_end_rolls_into_the_next_month_as_next_update_due_says(people, committee):
    review = ReviewFactory(
        committee=committee,
        report_agreed_on=datetime.date(2023, 8, 31),
        response_received_on=None,
        update_interval_months=6,
    )
    rec = RecommendationFactory(review=review)
    (owed,) = updates_owed(people.officer, datetime.date(2024, 3, 1))
    assert owed.pk == rec.pk and owed.next_due == datetime.date(2024, 3, 1)
    assert not updates_owed(people.officer, datetime.date(2024, 2, 29)).exists()


@pytest.fixture
def many_owed(committee):
    review = ReviewFactory(
        committee=committee,
        title="Workforce review",
        report_agreed_on=TODAY - relativedelta(years=2),
        response_received_on=None,
    )
    recs = [RecommendationFactory(review=review, reference=str(n)) for n in range(1, 26)]
    for n, rec in enumerate(recs):
        # Each a day apart, so the order is by date, not by number.
        set_status(rec, Status.ON_TRACK, on=TODAY - relativedelta(years=1) - datetime.timedelta(n))
    return recs


def test_the_home_page_shows_the_20_due_soonest_and_links_to_all(client, people, many_owed):
    client.force_login(people.officer)
    html = section(client.get(HOME), "updates-you-owe")
    words = text_of_html(html)
    assert "25 recommendations you report on have a progress update due" in words
    assert "the 20 due soonest are shown" in words
    # Soonest due first: the one updated longest ago; the five updated last are left out.
    assert html.index(many_owed[-1].get_absolute_url()) < html.index(
        many_owed[5].get_absolute_url()
    )
    assert not [rec for rec in many_owed[:5] if rec.get_absolute_url() in html]
    assert f'href="{OWED_LIST}"' in html and "See all 25 updates you owe" in words


def test_the_list_of_updates_owed_is_paged(client, people, many_owed, settings):
    client.force_login(people.officer)
    response = client.get(OWED_LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "25 recommendations you report on have a progress update due" in text_of_html(html)
    for rec in many_owed:
        assert rec.get_absolute_url() in html
    assert client.get(OWED_LIST + "?page=9").status_code == 200  # the last page, not an error


def test_the_list_of_updates_owed_needs_a_signed_in_user(client):
    response = client.get(OWED_LIST)
    assert response.status_code == 302 and "login" in response.url


def test_fewer_than_the_limit_need_no_link(client, people, many_owed):
    for rec in many_owed[5:]:
        set_status(rec, Status.ACHIEVED, on=TODAY)
    client.force_login(people.officer)
    words = text_of_html(section(client.get(HOME), "updates-you-owe"))
    assert "5 recommendations you report on have a progress update due" in words
    assert "See all" not in words

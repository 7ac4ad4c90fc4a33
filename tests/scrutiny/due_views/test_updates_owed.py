"""The progress updates officers and partners owe, on their home page: which recommendations,
by which meeting or date, with a link to log one; and who is told."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse

from recommendations.models import Status
from tests.factories import CommitteeFactory, MeetingFactory, RecommendationFactory, ReviewFactory
from tests.scrutiny.committee_people import day, section, sign_in
from tests.scrutiny.due_views.helpers import HOME, TODAY, set_status, text_of_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def owed(committee, people):
    """Recommendations of the council's review due by the Commission's next meeting, one due
    only after it, one another council's; one carried by the partner."""
    MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=30))
    review = ReviewFactory(
        committee=committee,
        title="Workforce review",
        report_agreed_on=TODAY - relativedelta(months=9),
        response_received_on=TODAY - relativedelta(months=8),
    )
    due = RecommendationFactory(review=review, reference="4", title="Quality of care")
    carried = RecommendationFactory(review=review, reference="5", title="Community solutions")
    carried.responsible_bodies.add(people.partner.organisation)
    not_yet = RecommendationFactory(review=review, reference="6", title="Recruitment campaign")
    set_status(not_yet, Status.ON_TRACK, on=TODAY - relativedelta(months=2))
    # A committee with no meeting planned: due by today.
    quiet = ReviewFactory(
        committee=CommitteeFactory(council=committee.council, name="Health Scrutiny"),
        title="Hospital discharge",
        report_agreed_on=TODAY - relativedelta(years=1),
        response_received_on=None,
    )
    overdue = RecommendationFactory(review=quiet, reference="1", title="Discharge to assess")
    foreign = RecommendationFactory(title="Another council's recommendation")
    foreign.review.report_agreed_on = TODAY - relativedelta(years=2)
    foreign.review.save()
    return {"due": due, "carried": carried, "not_yet": not_yet, "overdue": overdue}


def test_officers_see_the_updates_they_owe_with_a_link_to_log_one(client, people, owed):
    client.force_login(people.officer)
    html = section(client.get(HOME), "updates-you-owe")
    words = text_of_html(html)
    assert "3 recommendations you report on have a progress update due" in words
    assert "Quality of care" in words and "Community solutions" in words
    assert "Discharge to assess" in words
    assert "Recruitment campaign" not in words and "Another council's" not in words
    rec = owed["due"]
    link = reverse("recommendations:update-create", args=[rec.review_id])
    assert f'href="{link}?recommendation={rec.pk}"' in html
    next_meeting = day(*(TODAY + datetime.timedelta(days=30)).timetuple()[:3])
    assert f"The meeting of {next_meeting}" in words
    assert "No meeting planned" in words
    due_on = rec.review.response_received_on + relativedelta(months=6)
    assert day(due_on.year, due_on.month, due_on.day) in words


def test_a_partner_sees_only_the_updates_its_body_owes(client, people, owed):
    client.force_login(people.partner)
    words = text_of_html(section(client.get(HOME), "updates-you-owe"))
    assert "1 recommendation you report on has a progress update due" in words
    assert "Community solutions" in words
    assert "Quality of care" not in words and "Discharge to assess" not in words


@pytest.mark.parametrize("who", ["anonymous", "councillor", "democratic_services"])
def test_only_officers_and_partners_are_told_what_they_owe(client, people, owed, who):
    sign_in(client, people, who)
    assert "Updates you owe" not in client.get(HOME).content.decode()

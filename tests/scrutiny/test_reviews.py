"""The review pages: the list, a review with its tracker, and the form democratic services
use to add and edit reviews."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Role
from recommendations.models import Status
from scrutiny.models import Committee, Review
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    PartnershipFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
    user_with_role,
)
from tests.scrutiny.committee_people import day, text_of
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db

LIST_URL = "/reviews/"
CREATE_URL = "/reviews/new/"


def detail_url(review):
    return reverse("scrutiny:review-detail", args=[review.pk])


def edit_url(review):
    return reverse("scrutiny:review-edit", args=[review.pk])


@pytest.fixture
def leicester():
    return CouncilFactory(name="Leicester City Council", short_name="LCC")


@pytest.fixture
def commission(leicester):
    return CommitteeFactory(
        council=leicester, name="Adult Social Care Scrutiny Commission", chair="Cllr Chair"
    )


@pytest.fixture
def review(commission):
    return ReviewFactory(
        committee=commission,
        title="Social Care External Workforce",
        report_title="Social Care Workforce: task group report",
        lead_member="Councillor Vice Chair",
        started_on=datetime.date(2020, 6, 1),
        report_agreed_on=datetime.date(2020, 10, 1),
    )


@pytest.fixture
def people(leicester):
    """Someone in every role: of Leicester, and democratic services of another council."""
    lscdg = PartnershipFactory(name="Leicester/shire Social Care Development Group")
    return {
        "councillor": user_with_role(Role.COUNCILLOR, organisation=leicester),
        "officer": user_with_role(Role.OFFICER, organisation=leicester),
        "partner": user_with_role(Role.PARTNER, organisation=lscdg),
        "other_dem": user_with_role(Role.DEMOCRATIC_SERVICES, organisation=CouncilFactory()),
        "dem": user_with_role(Role.DEMOCRATIC_SERVICES, organisation=leicester),
    }


def review_post(committee, /, **overrides) -> dict:
    """What democratic services type to add a review: all valid unless overridden."""
    data = {
        "committee": committee.pk,
        "title": "Residential care home quality",
        "report_title": "Quality in residential care",
        "lead_member": "Councillor Lead",
        "status": Review.Status.REPORT_AGREED,
        "published": "on",
        "summary": "How the council assures the quality of care homes.",
        "started_on_0": "1",
        "started_on_1": "6",
        "started_on_2": "2020",
        "report_agreed_on_0": "1",
        "report_agreed_on_1": "10",
        "report_agreed_on_2": "2020",
        "response_received_on_0": "",
        "response_received_on_1": "",
        "response_received_on_2": "",
        "response_meeting": "",
        "update_interval_months": "6",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- The list --------------------------------------------------------------------------


def test_list_shows_public_reviews_by_committee_with_dates_and_counts(client, review):
    RecommendationFactory(review=review, number=1)
    UpdateEntryFactory(recommendation=RecommendationFactory(review=review, number=2))
    entry = UpdateEntryFactory(
        recommendation=RecommendationFactory(review=review, number=3),
        new_status=Status.ON_TRACK,
    )
    UpdateEntryFactory(
        recommendation=RecommendationFactory(review=review, number=4),
        update=entry.update,
        new_status=Status.ON_TRACK,
    )
    ReviewFactory(committee=review.committee, title="A draft review", published=False)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    page = text_of(response)
    assert "Adult Social Care Scrutiny Commission" in page
    assert "Social Care External Workforce" in page
    assert day(2020, 10, 1) in page  # report agreed
    assert f"Due {day(2020, 12, 1)}" in page  # two months later
    assert "2 Not started" in page
    assert "2 On track" in page
    assert "A draft review" not in page


def test_list_marks_a_late_executive_response_overdue(client, commission):
    ReviewFactory(
        committee=commission,
        title="Late",
        started_on=None,
        report_agreed_on=datetime.date(2020, 1, 6),
    )
    ReviewFactory(
        committee=commission,
        title="Answered",
        started_on=None,
        report_agreed_on=datetime.date(2020, 1, 6),
        response_received_on=datetime.date(2020, 3, 1),
    )
    soon = timezone.localdate() - datetime.timedelta(days=7)
    ReviewFactory(
        committee=commission, title="Not yet late", started_on=None, report_agreed_on=soon
    )
    page = text_of(client.get(LIST_URL))
    assert re.search(
        rf"Late Led by Councillor Vice Chair Monitoring recommendations {day(2020, 1, 6)} "
        rf"Due {day(2020, 3, 6)} Overdue",
        page,
    )
    assert f"Received {day(2020, 3, 1)}" in page
    assert page.count("Overdue") == 1


def test_list_shows_drafts_to_the_councils_own_people_only(client, review, people):
    ReviewFactory(committee=review.committee, title="A draft review", published=False)
    for who in ["councillor", "officer", "dem"]:
        client.force_login(people[who])
        assert "A draft review" in text_of(client.get(LIST_URL)), who
    for who in ["partner", "other_dem"]:
        client.force_login(people[who])
        assert "A draft review" not in text_of(client.get(LIST_URL)), who


def test_list_filters_by_council_committee_status_and_overdue(client, review):
    other = ReviewFactory(title="Vale review", status=Review.Status.SCOPING, report_agreed_on=None)
    page = text_of(client.get(LIST_URL, {"committee": review.committee.pk}))
    assert "Social Care External Workforce" in page and "Vale review" not in page
    page = text_of(client.get(LIST_URL, {"council": other.committee.council_id}))
    assert "Vale review" in page and "Social Care External Workforce" not in page
    page = text_of(client.get(LIST_URL, {"status": Review.Status.SCOPING}))
    assert "Vale review" in page and "Social Care External Workforce" not in page
    page = text_of(client.get(LIST_URL, {"overdue": "on"}))
    assert "Social Care External Workforce" in page and "Vale review" not in page
    response = client.get(LIST_URL, {"committee": "not-a-number"})
    assert response.status_code == 200
    assert "Vale review" in text_of(response)


def test_list_offers_adding_a_review_to_democratic_services_only(client, review, people):
    for who in ["councillor", "officer", "partner"]:
        client.force_login(people[who])
        assert CREATE_URL not in client.get(LIST_URL).content.decode(), who
    client.force_login(people["dem"])
    assert CREATE_URL in client.get(LIST_URL).content.decode()


def _many_reviews(committee, n: int):
    for i in range(n):
        r = ReviewFactory(
            committee=CommitteeFactory(council=committee.council) if i % 2 else committee
        )
        rec = RecommendationFactory(review=r, number=1)
        RecommendationFactory(review=r, number=2)
        UpdateEntryFactory(
            recommendation=rec,
            new_status=Status.SLIPPED,
            revised_target_date=datetime.date(2023, 1, 1),
            reason="Funding",
        )


@pytest.mark.parametrize("n", [3, 30])
def test_list_runs_the_same_few_queries_for_3_or_30_reviews(
    client, commission, people, n, django_assert_max_num_queries
):
    _many_reviews(commission, n)
    client.force_login(people["councillor"])
    # Session, user, groups; reviews; status counts; the filters' councils and committees.
    with django_assert_max_num_queries(8 + SESSION_SAVE):
        response = client.get(LIST_URL)
    assert response.status_code == 200
    assert text_of(response).count("1 Slipped") == n


# --- A review and its tracker ----------------------------------------------------------


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
        RecommendationFactory(review=review, number=number, title=f"Heading number {number}")
    rec_10 = review.recommendations.get(number=10)
    UpdateEntryFactory(
        recommendation=rec_10,
        new_status=Status.SLIPPED,
        revised_target_date=datetime.date(2023, 3, 31),
        reason="Waiting for the careers pathway report",
    )
    UpdateEntryFactory(recommendation=review.recommendations.get(number=4), new_status="on_track")
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
    rec = RecommendationFactory(review=review, number=1)
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
    rec = RecommendationFactory(review=review, number=1)
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
    RecommendationFactory(review=review, number=1)
    client.force_login(people["partner"])
    html = client.get(detail_url(review)).content.decode()
    assert reverse("recommendations:update-create", args=[review.pk]) not in html


@pytest.mark.parametrize("n", [3, 30])
def test_detail_runs_the_same_few_queries_for_3_or_30_recommendations(
    client, review, people, n, django_assert_max_num_queries
):
    partner_body = people["partner"].organisation
    for number in range(1, n + 1):
        rec = RecommendationFactory(review=review, number=number)
        rec.responsible_bodies.add(partner_body, review.committee.council)
        UpdateEntryFactory(recommendation=rec, new_status=Status.ON_TRACK)
        item = AgendaItemFactory(meeting__committee=review.committee, review=review)
        AgreedActionFactory(meeting=item.meeting, item=item, due_meeting=MeetingFactory())
    client.force_login(people["partner"])
    # Session, user, groups; review; recommendations and their bodies; agenda items;
    # agreed actions; may this partner log on any of them.
    with django_assert_max_num_queries(10 + SESSION_SAVE):
        response = client.get(detail_url(review))
    assert response.status_code == 200
    # Each row, and the status chart and its table.
    assert text_of(response).count("On track") == n + 2


# --- Adding and editing ----------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in_and_nothing_is_saved(client, review):
    for url in [CREATE_URL, edit_url(review)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
        response = client.post(url, review_post(review.committee))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert Review.objects.count() == 1
    review.refresh_from_db()
    assert review.title == "Social Care External Workforce"


@pytest.mark.parametrize("who", ["councillor", "officer", "partner"])
def test_other_roles_may_not_add_or_edit_reviews(client, review, people, who):
    client.force_login(people[who])
    for url in [CREATE_URL, edit_url(review)]:
        assert client.get(url).status_code == 403
        assert client.post(url, review_post(review.committee)).status_code == 403
    assert Review.objects.count() == 1
    review.refresh_from_db()
    assert review.title == "Social Care External Workforce"


def test_democratic_services_of_another_council_cannot_touch_this_councils_reviews(
    client, review, people
):
    client.force_login(people["other_dem"])
    assert client.get(edit_url(review)).status_code == 403
    assert client.post(edit_url(review), review_post(review.committee)).status_code == 403
    # Their own add page offers only their own council's committees.
    response = client.get(CREATE_URL)
    assert response.status_code == 200
    assert "Adult Social Care Scrutiny Commission" not in text_of(response)
    response = client.post(CREATE_URL, review_post(review.committee))
    assert response.status_code == 200
    assert "Select a valid choice" in text_of(response)
    assert Review.objects.count() == 1


def test_democratic_services_add_a_review(client, commission, people):
    CommitteeFactory(council=commission.council, name="Cabinet", kind=Committee.Kind.CABINET)
    client.force_login(people["dem"])
    response = client.get(CREATE_URL)
    assert response.status_code == 200
    page = text_of(response)
    assert "Adult Social Care Scrutiny Commission" in page
    assert "Cabinet (LCC)" not in page  # a Cabinet does not carry out reviews
    response = client.post(CREATE_URL, review_post(commission))
    review = Review.objects.get()
    assert response.status_code == 302
    assert response.url == detail_url(review)
    assert review.committee == commission
    assert review.title == "Residential care home quality"
    assert review.started_on == datetime.date(2020, 6, 1)
    assert review.response_due_on == datetime.date(2020, 12, 1)
    assert review.published
    page = text_of(client.get(response.url))
    assert "Review added: Residential care home quality" in page
    assert f"Executive response due {day(2020, 12, 1)}" in page


def test_response_meeting_gives_the_date_received(client, commission, people):
    meeting = MeetingFactory(committee=commission, date=datetime.date(2021, 1, 19))
    client.force_login(people["dem"])
    response = client.post(CREATE_URL, review_post(commission, response_meeting=meeting.pk))
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.response_meeting == meeting
    assert review.response_received_on == datetime.date(2021, 1, 19)


BAD_INPUT = [
    (
        {"started_on_0": "2", "started_on_1": "11", "report_agreed_on_1": "1"},
        "The date the report was agreed must be the same as or after the date the review started",
    ),
    (
        {"report_agreed_on_0": "30", "report_agreed_on_1": "2", "report_agreed_on_2": "2021"},
        "Enter a real date",
    ),
    ({"started_on_0": "30", "started_on_1": "2", "started_on_2": "2021"}, "Enter a real date"),
    ({"started_on_1": ""}, "Enter the month"),
    (
        {
            "report_agreed_on_0": "",
            "report_agreed_on_1": "",
            "report_agreed_on_2": "",
            "response_received_on_0": "19",
            "response_received_on_1": "1",
            "response_received_on_2": "2021",
        },
        "a response cannot be received before there is a report",
    ),
    (
        {
            "response_received_on_0": "19",
            "response_received_on_1": "1",
            "response_received_on_2": "2020",
        },
        "The response cannot be received before the report was agreed (1 October 2020)",
    ),
    ({"title": "  "}, "Enter the title of the review"),
    ({"committee": ""}, "Choose the committee that carries out the review"),
    ({"update_interval_months": ""}, "Enter how often progress should be reported, in months"),
    (
        {"update_interval_months": "0"},
        "How often progress should be reported must be between 1 and 36 months",
    ),
    (
        {"update_interval_months": "37"},
        "How often progress should be reported must be between 1 and 36 months",
    ),
    (
        {"update_interval_months": "six"},
        "Enter how often progress should be reported as a whole number of months, like 6",
    ),
]


@pytest.mark.parametrize(("changes", "message"), BAD_INPUT)
def test_bad_input_is_an_error_on_the_page_and_nothing_is_saved(
    client, commission, people, changes, message
):
    client.force_login(people["dem"])
    response = client.post(CREATE_URL, review_post(commission, **changes))
    assert response.status_code == 200
    page = text_of(response)
    assert "There is a problem" in page
    assert message in page
    assert "govuk-error-summary" in response.content.decode()
    assert not Review.objects.exists()
    # What was typed stays on the page.
    assert 'value="Quality in residential care"' in response.content.decode()


def test_duplicate_title_in_the_committee_is_a_form_error(client, review, people):
    client.force_login(people["dem"])
    response = client.post(
        CREATE_URL, review_post(review.committee, title="social care external workforce")
    )
    assert response.status_code == 200
    assert (
        "Adult Social Care Scrutiny Commission already has a review called "
        "“social care external workforce”"
    ) in text_of(response)
    assert Review.objects.count() == 1
    # The same title under another committee is fine.
    other = CommitteeFactory(council=review.committee.council)
    response = client.post(CREATE_URL, review_post(other, title="Social Care External Workforce"))
    assert response.status_code == 302
    assert Review.objects.count() == 2


def test_response_meeting_must_be_of_the_reviews_committee(client, commission, people):
    elsewhere = MeetingFactory(committee=CommitteeFactory(council=commission.council))
    client.force_login(people["dem"])
    response = client.post(CREATE_URL, review_post(commission, response_meeting=elsewhere.pk))
    assert response.status_code == 200
    assert "Choose a meeting of Adult Social Care Scrutiny Commission" in text_of(response)
    assert not Review.objects.exists()


def test_democratic_services_edit_a_review(client, review, people):
    client.force_login(people["dem"])
    response = client.get(edit_url(review))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Social Care External Workforce"' in html
    assert 'name="report_agreed_on_2" value="2020"' in html
    response = client.post(
        edit_url(review),
        review_post(
            review.committee,
            title="Social Care External Workforce",
            status=Review.Status.MONITORING,
            published=None,  # unticked: back to a draft
            response_received_on_0="19",
            response_received_on_1="1",
            response_received_on_2="2021",
            version="1",
        ),
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.response_received_on == datetime.date(2021, 1, 19)
    assert review.report_agreed_on == datetime.date(2020, 10, 1)
    assert not review.published
    assert Review.objects.count() == 1


def test_a_failed_edit_keeps_the_saved_title_in_the_headings(client, review, people):
    client.force_login(people["dem"])
    response = client.post(
        edit_url(review),
        review_post(review.committee, title="A new name", started_on_2="2021"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="govuk-caption-l">Social Care External Workforce</span>' in html
    assert 'value="A new name"' in html
    review.refresh_from_db()
    assert review.title == "Social Care External Workforce"


def test_draft_review_edit_is_404_outside_its_council(client, review, people):
    review.published = False
    review.save()
    client.force_login(people["other_dem"])
    assert client.get(edit_url(review)).status_code == 404


def test_administrator_may_add_a_review_to_any_council(client, commission):
    admin = user_with_role(None, is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(CREATE_URL, review_post(commission))
    assert response.status_code == 302
    assert Review.objects.get().committee == commission


@pytest.mark.parametrize("who", [None, "councillor", "dem"])
def test_read_pages_only_answer_get(client, review, people, who):
    if who:
        client.force_login(people[who])
    for url in [LIST_URL, detail_url(review)]:
        assert client.post(url, {"title": "x"}).status_code == 405
        assert client.head(url).status_code == 200
    review.refresh_from_db()
    assert review.title == "Social Care External Workforce"

"""A meeting's due page: what falls to it (agreed actions and requested reports, and the
recommendations whose next update is due) and adding them to its agenda in one step; the
updates officers and partners owe, on their home page; overdue actions flagged with when
they were due wherever actions show; and how often a review wants progress."""

import datetime
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from recommendations.models import Status
from scrutiny.models import AgendaItem, AgreedAction, Review
from scrutiny.services import agenda_items_add_from_due
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    MeetingFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)
from tests.scrutiny.committee_people import (
    EVERYONE,
    WRONG_ROLES,
    day,
    error_summary,
    people_of,
    section,
    sign_in,
    text_of,
)
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
HOME = reverse("scrutiny:home")


def due_url(meeting) -> str:
    return reverse("scrutiny:meeting-due", args=[meeting.pk])


def set_status(rec, status, on, **entry):
    if status in Status.closing():
        entry.setdefault("reason", "Done")
    return UpdateEntryFactory(
        update=ProgressUpdateFactory(given_on=on), recommendation=rec, new_status=status, **entry
    )


@pytest.fixture
def world(committee):
    """The Commission's meetings of 2021, one to come and one after it; what they agreed; and
    a review whose response came on 19 January 2021 (updates every six months)."""
    meet = {
        "january": MeetingFactory(committee=committee, date=datetime.date(2021, 1, 19)),
        "may": MeetingFactory(committee=committee, date=datetime.date(2021, 5, 25)),
        "november": MeetingFactory(committee=committee, date=datetime.date(2021, 11, 2)),
        "next": MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=60)),
        "later": MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=120)),
    }
    january = meet["january"]
    review = ReviewFactory(
        committee=committee,
        title="Social Care External Workforce",
        report_agreed_on=datetime.date(2020, 10, 1),
        response_received_on=datetime.date(2021, 1, 19),
    )
    item = AgendaItemFactory(meeting=january, number=7, title="Workforce update", review=review)
    exempt_item = AgendaItemFactory(
        meeting=january, number=8, title="Provider rates", exempt=True, exempt_reason="Para 3"
    )
    actions = {
        "future": AgreedActionFactory(
            meeting=january,
            item=item,
            review=review,
            text="That a detailed update report be brought to a future meeting.",
            falls_to="Director of Adult Social Care",
        ),
        "by_date": AgreedActionFactory(
            meeting=january,
            text="That the recruitment figures be circulated.",
            due_on=datetime.date(2021, 4, 30),
        ),
        "slipped": AgreedActionFactory(
            meeting=january,
            text="That the careers pathway report come back.",
            due_meeting=meet["may"],
        ),
        "placed_here": AgreedActionFactory(
            meeting=january, text="That the Chair write to the Minister.", due_meeting=meet["next"]
        ),
        "placed_later": AgreedActionFactory(
            meeting=january, text="That a site visit be arranged.", due_meeting=meet["later"]
        ),
        "delivered": AgreedActionFactory(
            meeting=january,
            text="That the workforce plan be shared.",
            delivered_on=datetime.date(2021, 5, 25),
            delivered_meeting=meet["may"],
        ),
        "exempt": AgreedActionFactory(
            meeting=january,
            item=exempt_item,
            review=review,
            text="That the provider rates be reviewed in private.",
        ),
        "elsewhere": AgreedActionFactory(
            meeting=MeetingFactory(date=datetime.date(2021, 1, 19)),
            text="That another committee hear about it.",
        ),
    }
    recs = {
        "quiet": RecommendationFactory(review=review, number=4, title="Quality of care"),
        "recent": RecommendationFactory(review=review, number=5, title="Community solutions"),
        "closed": RecommendationFactory(review=review, number=8, title="Younger people"),
    }
    recs["quiet"].responsible_bodies.add(people_of(committee.council).partner.organisation)
    set_status(recs["recent"], Status.ON_TRACK, on=TODAY - datetime.timedelta(days=10))
    set_status(recs["closed"], Status.ACHIEVED, on=datetime.date(2021, 5, 25))
    draft = ReviewFactory(committee=committee, title="Draft review of respite", published=False)
    recs["draft"] = RecommendationFactory(review=draft, number=1, title="Respite beds")
    return {"meet": meet, "review": review, "draft": draft, "actions": actions, "recs": recs}


# --- The due page --------------------------------------------------------------------------


def test_the_due_page_lists_what_falls_to_the_meeting_and_why(client, world):
    response = client.get(due_url(world["meet"]["next"]))
    assert response.status_code == 200
    page = text_of(response)
    actions = section(response, "actions")
    for key in ("future", "by_date", "slipped", "placed_here"):
        assert world["actions"][key].text in actions, key
    for key in ("placed_later", "delivered", "exempt", "elsewhere"):
        assert world["actions"][key].text not in actions, key

    def row(key):
        html = actions[actions.index(f'id="action-{world["actions"][key].pk}"') :]
        return text_of_html(html[: html.index("</tr>")])

    assert f"Overdue It was due at the meeting of {day(2021, 5, 25)}." in row("slipped")
    assert (
        f"Overdue It was due by {day(2021, 4, 30)}; the meeting of {day(2021, 5, 25)} did not "
        "receive it." in row("by_date")
    )
    assert (
        f"Carried forward Asked for at a future meeting; the meeting of {day(2021, 5, 25)} did "
        "not receive it." in row("future")
    )
    assert "Outstanding" in row("placed_here") and "Overdue" not in row("placed_here")

    recommendations = text_of_html(section(response, "recommendations"))
    assert "Social Care External Workforce" in recommendations
    assert "Quality of care" in recommendations
    assert "Community solutions" not in recommendations  # updated ten days ago
    assert "Younger people" not in recommendations  # achieved
    assert "Respite beds" not in recommendations  # a draft review
    # Status as at the meeting, last update, when the next fell due, who owes it.
    assert (
        f"4 Quality of care Not started None yet {day(2021, 7, 19)} "
        "Director of Adult Social Care and Commissioning" in recommendations
    )
    assert "Not yet on the agenda." in recommendations
    assert "Add to the agenda" not in page  # anonymous visitors only read it


def text_of_html(html: str) -> str:
    class Fake:
        content = html.encode()

    return text_of(Fake)


def test_exempt_actions_and_draft_reviews_only_for_the_councils_people(client, people, world):
    exempt_text = world["actions"]["exempt"].text
    for who, sees in [
        ("anonymous", False),
        ("partner", False),
        ("councillor", True),
        ("democratic_services", True),
    ]:
        client.logout()
        sign_in(client, people, who)
        page = client.get(due_url(world["meet"]["next"])).content.decode()
        assert (exempt_text in page) is sees, who
        assert ("Respite beds" in page) is sees, who


def test_a_meeting_held_in_the_past_flags_slips_as_they_stood_then(client, world):
    page = text_of_html(section(client.get(due_url(world["meet"]["november"])), "actions"))
    assert "That a site visit be arranged." not in page
    assert f"It was due at the meeting of {day(2021, 5, 25)}." in page
    # At 25 May 2021, the first meeting since, nothing had yet been carried forward; only
    # the date of the report due by 30 April had passed.
    may = text_of_html(section(client.get(due_url(world["meet"]["may"])), "actions"))
    assert "Carried forward" not in may and "did not receive it" not in may
    assert may.count("Overdue") == 1
    assert f"Overdue It was due by {day(2021, 4, 30)}." in may
    assert "That a detailed update report be brought to a future meeting." in may


def test_an_unknown_meeting_is_not_found(client):
    assert client.get("/meetings/999999/due/").status_code == 404


# --- Adding to the agenda ------------------------------------------------------------------


def post_due(client, meeting, reviews=(), actions=()):
    return client.post(
        due_url(meeting),
        {
            "reviews": [str(r.pk) for r in reviews],
            # An action is ticked as the page shows it: its id and version.
            "actions": [f"{a.pk}:{a.version}" for a in actions],
        },
    )


def test_democratic_services_add_reviews_and_actions_in_one_step(client, people, world):
    meeting = world["meet"]["next"]
    AgendaItemFactory(meeting=meeting, number=1, title="Apologies for absence")
    actions = world["actions"]
    client.force_login(people.democratic_services)
    response = post_due(
        client,
        meeting,
        reviews=[world["review"]],
        actions=[actions["future"], actions["by_date"], actions["exempt"]],
    )
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()

    items = list(meeting.items.order_by("number"))
    assert [(i.number, i.title, i.review_id, i.exempt) for i in items] == [
        (1, "Apologies for absence", None, False),
        (
            2,
            "Social Care External Workforce: progress on recommendations",
            world["review"].pk,
            False,
        ),
        (
            3,
            f"That the recruitment figures be circulated (agreed {day(2021, 1, 19)})",
            None,
            False,
        ),
        (
            4,
            f"That the provider rates be reviewed in private (agreed {day(2021, 1, 19)})",
            world["review"].pk,
            True,
        ),
    ]
    # The action about the chosen review is taken at the review's item.
    assert "That a detailed update report be brought to a future meeting." in items[1].description
    assert "numbers 4" in items[1].description or "number 4" in items[1].description
    # An action agreed in private keeps an exempt item, never a public one.
    assert items[3].exempt_reason == "Para 3"
    assert "provider rates" not in items[1].description
    # Every chosen action is placed at the meeting; the others are not.
    placed = set(AgreedAction.objects.filter(due_meeting=meeting).values_list("pk", flat=True))
    assert placed == {actions[k].pk for k in ("future", "by_date", "exempt", "placed_here")}
    # Due at the meeting now, not also by its old date (a date or a meeting, never both).
    actions["by_date"].refresh_from_db()
    assert actions["by_date"].due_on is None
    assert actions["by_date"].due_label == f"at the meeting of {day(*meeting.date.timetuple()[:3])}"

    page = client.get(response["Location"]).content.decode()
    assert "Added to the agenda: item 2, Social Care External Workforce: progress on" in page
    assert "item 3, That the recruitment figures be circulated" in page

    # What is on the agenda now is no longer offered, and says where it is.
    due = client.get(due_url(meeting))
    assert "On the agenda: item 2." in text_of_html(section(due, "recommendations"))
    form = section(due, "add")

    def offered(name):
        found = re.findall(rf'name="{name}"[^>]*?value="(\d+)(?::\d+)?"', form, re.S)
        return {int(pk) for pk in found}

    assert offered("reviews") == {world["draft"].pk}  # their council's draft is due too
    assert offered("actions") == {actions["slipped"].pk, actions["placed_here"].pk}


def test_an_action_about_a_review_already_on_the_agenda_is_taken_at_its_item(client, people, world):
    meeting = world["meet"]["next"]
    AgendaItemFactory(meeting=meeting, number=3, title="Workforce review", review=world["review"])
    client.force_login(people.democratic_services)
    response = post_due(client, meeting, actions=[world["actions"]["future"]])
    assert response.status_code == 302
    assert meeting.items.count() == 1
    item = meeting.items.get()
    assert "That a detailed update report be brought to a future meeting." in item.description
    world["actions"]["future"].refresh_from_db()
    assert world["actions"]["future"].due_meeting == meeting
    page = text_of(client.get(response["Location"]))
    assert "item 3, Workforce review (now also takes an agreed action)" in page


def test_choosing_nothing_is_an_error_on_the_page(client, people, world):
    client.force_login(people.democratic_services)
    response = post_due(client, world["meet"]["next"])
    assert response.status_code == 200
    summary = error_summary(response)
    assert "Choose at least one review or agreed action to add to the agenda" in summary
    assert 'href="#id_reviews_1"' in summary
    assert "govuk-checkboxes" in section(response, "add")
    assert not world["meet"]["next"].items.exists()


def test_a_forged_id_is_an_error_and_nothing_is_saved(client, people, world):
    meeting = world["meet"]["next"]
    client.force_login(people.democratic_services)
    other_review = ReviewFactory()
    RecommendationFactory(review=other_review)
    for forged in (
        {"actions": [world["actions"]["future"], world["actions"]["elsewhere"]]},
        {"actions": [world["actions"]["placed_later"]]},
        {"reviews": [world["review"], other_review]},
    ):
        response = post_due(client, meeting, **forged)
        assert response.status_code == 200
        assert "Choose only from the" in error_summary(response)
    assert not meeting.items.exists()
    assert (
        not AgreedAction.objects.filter(due_meeting=meeting)
        .exclude(pk=world["actions"]["placed_here"].pk)
        .exists()
    )


def test_the_service_rechecks_everything_all_or_nothing(people, world):
    meeting = world["meet"]["next"]
    dem = people.democratic_services
    good, forged = world["actions"]["by_date"], world["actions"]["elsewhere"]
    with pytest.raises(ValidationError, match="is not due at this meeting"):
        agenda_items_add_from_due(
            meeting=meeting, reviews=[world["review"]], actions=[good, forged], actor=dem
        )
    with pytest.raises(ValidationError, match="has no recommendation due"):
        agenda_items_add_from_due(meeting=meeting, reviews=[ReviewFactory()], actions=[], actor=dem)
    with pytest.raises(ValidationError, match="Choose at least one"):
        agenda_items_add_from_due(meeting=meeting, reviews=[], actions=[], actor=dem)
    assert not meeting.items.exists()
    good.refresh_from_db()
    assert good.due_meeting is None

    added = agenda_items_add_from_due(
        meeting=meeting, reviews=[world["review"]], actions=[], actor=dem
    )
    assert [i.number for i in added] == [1]
    with pytest.raises(ValidationError, match="already on the agenda, at item 1"):
        agenda_items_add_from_due(meeting=meeting, reviews=[world["review"]], actions=[], actor=dem)

    for who in WRONG_ROLES:
        with pytest.raises(PermissionDenied):
            agenda_items_add_from_due(
                meeting=meeting, reviews=[], actions=[good], actor=getattr(people, who)
            )
    with pytest.raises(PermissionDenied):
        agenda_items_add_from_due(
            meeting=meeting, reviews=[], actions=[good], actor=AnonymousUser()
        )

    meeting.cancelled = True
    meeting.save()
    with pytest.raises(ValidationError, match="cancelled"):
        agenda_items_add_from_due(meeting=meeting, reviews=[], actions=[good], actor=dem)
    assert meeting.items.count() == 1


@pytest.mark.parametrize("who", EVERYONE)
def test_anyone_may_read_the_due_page(client, people, world, who):
    sign_in(client, people, who)
    response = client.get(due_url(world["meet"]["next"]))
    assert response.status_code == 200
    assert ("Add to the agenda" in response.content.decode()) is (who == "democratic_services")


def test_only_the_councils_democratic_services_may_add(client, people, world):
    meeting = world["meet"]["next"]
    url = due_url(meeting)
    response = post_due(client, meeting, reviews=[world["review"]])
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"
    for who in WRONG_ROLES:
        client.force_login(getattr(people, who))
        assert post_due(client, meeting, reviews=[world["review"]]).status_code == 403, who
    assert not meeting.items.exists()
    client.force_login(people.democratic_services)
    assert post_due(client, meeting, reviews=[world["review"]]).status_code == 302
    assert meeting.items.count() == 1


def _due_data(committee, meeting, size: int) -> None:
    """``size`` reviews with due recommendations and ``size`` due actions, some exempt, some
    about draft reviews."""
    for n in range(size):
        review = ReviewFactory(committee=committee, published=bool(n % 3))
        for number in (1, 2):
            rec = RecommendationFactory(review=review, number=number)
            rec.responsible_bodies.add(people_of(committee.council).partner.organisation)
        earlier = MeetingFactory(
            committee=committee, date=datetime.date(2019, 1, 1) + relativedelta(months=n)
        )
        item = AgendaItemFactory(meeting=earlier, exempt=n % 2 == 0, exempt_reason="Para 3")
        AgreedActionFactory(meeting=earlier, item=item, review=review)
        AgreedActionFactory(meeting=earlier, due_on=datetime.date(2019, 12, 31), review=review)


@pytest.mark.parametrize("size", [2, 12])
@pytest.mark.parametrize(
    ("who", "queries"), [("anonymous", 8), ("democratic_services", 12 + SESSION_SAVE)]
)
def test_the_due_page_runs_a_fixed_number_of_queries(
    client, people, committee, django_assert_max_num_queries, size, who, queries
):
    meeting = MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=30))
    _due_data(committee, meeting, size)
    sign_in(client, people, who)
    with django_assert_max_num_queries(queries):
        response = client.get(due_url(meeting))
    assert response.status_code == 200
    # One table per review with updates due; drafts (every third) only for the council.
    shown = size if who != "anonymous" else sum(1 for n in range(size) if n % 3)
    assert response.content.decode().count("govuk-table app-due") == shown


def test_a_cancelled_meeting_offers_nothing_to_add(client, people, world):
    meeting = world["meet"]["next"]
    meeting.cancelled = True
    meeting.save()
    client.force_login(people.democratic_services)
    add = text_of_html(section(client.get(due_url(meeting)), "add"))
    assert "This meeting was cancelled: nothing can be added to its agenda." in add
    response = post_due(client, meeting, reviews=[world["review"]])
    assert response.status_code == 200
    assert "This meeting was cancelled" in error_summary(response)
    assert not meeting.items.exists()


def test_when_everything_due_is_on_the_agenda_the_page_says_so(client, people, committee):
    meeting = MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=10))
    client.force_login(people.democratic_services)
    add = text_of_html(section(client.get(due_url(meeting)), "add"))
    assert "Everything due at this meeting is on its agenda." in add
    assert "None: no agreed action or requested report falls to this meeting." in text_of(
        client.get(due_url(meeting))
    )


# --- Links ------------------------------------------------------------------------------


def test_the_meeting_page_links_to_its_due_page(client, world):
    meeting = world["meet"]["next"]
    assert f'href="{due_url(meeting)}"' in client.get(meeting.get_absolute_url()).content.decode()


# --- Updates owed, on the home page ---------------------------------------------------------


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
    due = RecommendationFactory(review=review, number=4, title="Quality of care")
    carried = RecommendationFactory(review=review, number=5, title="Community solutions")
    carried.responsible_bodies.add(people.partner.organisation)
    not_yet = RecommendationFactory(review=review, number=6, title="Recruitment campaign")
    set_status(not_yet, Status.ON_TRACK, on=TODAY - relativedelta(months=2))
    # A committee with no meeting planned: due by today.
    quiet = ReviewFactory(
        committee=CommitteeFactory(council=committee.council, name="Health Scrutiny"),
        title="Hospital discharge",
        report_agreed_on=TODAY - relativedelta(years=1),
        response_received_on=None,
    )
    overdue = RecommendationFactory(review=quiet, number=1, title="Discharge to assess")
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


# --- Overdue actions say when they were due, wherever they show -----------------------------


def test_an_action_that_slipped_is_flagged_with_when_it_was_due_everywhere(
    client, people, committee, world
):
    slipped = world["actions"]["slipped"]
    slipped.falls_to_organisation = people.partner.organisation
    slipped.review = world["review"]
    slipped.save()
    flag = f"Overdue It was due at the meeting of {day(2021, 5, 25)}."
    pages = {
        "committee": committee.get_absolute_url(),
        "review": world["review"].get_absolute_url(),
        "meeting that agreed it": world["meet"]["january"].get_absolute_url(),
        "meeting it was due at": world["meet"]["may"].get_absolute_url(),
        "organisation": people.partner.organisation.get_absolute_url(),
        "home": HOME,
    }
    for name, url in pages.items():
        response = client.get(url)
        html = response.content.decode()
        assert f'id="action-{slipped.pk}"' in html, name
        row = html[html.index(f'id="action-{slipped.pk}"') :]
        assert flag in text_of_html(row[: row.index("</tr>")]), name
    home = text_of_html(section(client.get(HOME), "actions-overdue"))
    assert "2 agreed actions not delivered by the meeting or date they were due at" in home


# --- How often progress is reported -----------------------------------------------------------


def test_the_review_form_saves_how_often_progress_is_reported(client, people, world):
    from tests.scrutiny.reviews.helpers import review_post

    client.force_login(people.democratic_services)
    response = client.post(
        reverse("scrutiny:review-create"),
        review_post(world["review"].committee, update_interval_months="3"),
    )
    assert response.status_code == 302
    review = Review.objects.get(title="Residential care home quality")
    assert review.update_interval_months == 3
    edit = client.get(reverse("scrutiny:review-edit", args=[world["review"].pk]))
    assert 'name="update_interval_months" value="6"' in edit.content.decode()
    assert "How often should progress be reported?" in edit.content.decode()


def test_the_review_page_shows_the_interval_and_each_open_recommendations_next_update(
    client, world
):
    review = world["review"]
    review.update_interval_months = 3
    review.save()
    response = client.get(review.get_absolute_url())
    page = text_of(response)
    assert "Progress reported Every 3 months" in page
    next_updates = text_of_html(section(response, "next-updates"))
    assert f"Recommendation 4 None yet {day(2021, 4, 19)} Due now" in next_updates
    recent = (TODAY - datetime.timedelta(days=10)) + relativedelta(months=3)
    assert f"Recommendation 5 {day(*(TODAY - datetime.timedelta(days=10)).timetuple()[:3])} " in (
        next_updates
    )
    assert day(recent.year, recent.month, recent.day) in next_updates
    assert "Recommendation 8" not in next_updates  # achieved


def test_agenda_items_added_are_numbered_after_the_last(people, world):
    meeting = world["meet"]["next"]
    AgendaItemFactory(meeting=meeting, number=9, title="Any other business")
    items = agenda_items_add_from_due(
        meeting=meeting,
        reviews=[world["review"]],
        actions=[world["actions"]["slipped"], world["actions"]["by_date"]],
        actor=people.democratic_services,
    )
    assert [i.number for i in items] == [10, 11, 12]
    assert AgendaItem.objects.filter(meeting=meeting).count() == 4

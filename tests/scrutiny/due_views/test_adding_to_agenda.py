"""Adding to a meeting's agenda from its due page in one step: reviews and actions become
numbered items (or join a review's item already there), who may add, every way it is
refused with nothing saved, a cancelled meeting, and the service rechecking it all."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from scrutiny.models import AgendaItem, AgreedAction
from scrutiny.services import agenda_items_add_from_due
from tests.factories import AgendaItemFactory, MeetingFactory, RecommendationFactory, ReviewFactory
from tests.scrutiny.committee_people import WRONG_ROLES, day, error_summary, section, text_of
from tests.scrutiny.due_views.helpers import TODAY, due_url, text_of_html

pytestmark = pytest.mark.django_db


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
    assert "whose next update is due: 4" in items[1].description
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

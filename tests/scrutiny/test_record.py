"""The meeting record screen: democratic services record, item by item, the update given
(who, how, what was said of each recommendation, new statuses), what the committee agreed
and which earlier actions an item delivered; all saved together or nothing at all."""

import datetime
import html as html_lib
import re

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from recommendations.models import ProgressUpdate, Status, UpdateEntry, UpdateKind
from recommendations.services import EntryInput
from scrutiny.models import AgreedAction
from scrutiny.services import ActionRecord, ItemRecord, UpdateRecord, meeting_record
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    MeetingFactory,
    PartnershipFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.scrutiny.committee_people import (
    EVERYONE,
    date_fields,
    error_summary,
    section,
    sign_in,
    text_of,
)
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db

JANUARY = datetime.date(2021, 1, 19)
MAY = datetime.date(2021, 5, 25)
NOVEMBER = datetime.date(2021, 11, 2)
FURTHER_REPORT = "That a detailed update report be brought to a future meeting."

# What the LSCDG representative said at item 7 on 25 May 2021, point by point.
SAID = {
    4: "LSDG had received a report on career pathways today; it would be worked through.",
    5: "The sub regional workforce group was due to meet in June to motion this.",
    8: "Part of the careers pathway work and the Inspire to Care Programme workshops.",
    10: "Local workforce plans and packs had been created; meetings had been arranged.",
    11: "Points 11, 12 and 13 taken together: LSDG had run a Leadership Programme.",
    12: "Points 11, 12 and 13 taken together: LSDG applied to deliver the programme.",
    13: "Points 11, 12 and 13 taken together: workforce development fund sessions.",
    15: "Interlinked with the work being done across the career's pathway.",
}


def record_url(meeting) -> str:
    return reverse("scrutiny:meeting-record", args=[meeting.pk])


@pytest.fixture
def leicester(council, committee):
    """The Social Care External Workforce review (recommendations 1 to 15, carried by the
    LSCDG) and the commission's meetings: the response in January, the LSCDG's verbal
    update at item 7 in May (with an exempt item 8), and a later meeting in November."""
    lscdg = PartnershipFactory(
        name="Leicester/shire Social Care Development Group", short_name="LSCDG"
    )
    review = ReviewFactory(
        committee=committee,
        title="Social Care External Workforce",
        report_agreed_on=datetime.date(2020, 10, 1),
        response_received_on=JANUARY,
    )
    recs = {n: RecommendationFactory(review=review, number=n) for n in range(1, 16)}
    for rec in recs.values():
        rec.responsible_bodies.add(lscdg)
    MeetingFactory(committee=committee, date=JANUARY)
    may = MeetingFactory(committee=committee, date=MAY)
    november = MeetingFactory(committee=committee, date=NOVEMBER)
    AgendaItemFactory(meeting=may, number=1, title="Apologies for absence")
    item7 = AgendaItemFactory(
        meeting=may,
        number=7,
        title="Social Care External Workforce: verbal update",
        review=review,
    )
    AgendaItemFactory(
        meeting=may,
        number=8,
        title="Care home fees negotiation",
        exempt=True,
        exempt_reason="Schedule 12A, paragraph 3",
    )
    item5 = AgendaItemFactory(
        meeting=november, number=5, title="Detailed update report", review=review
    )
    return {
        "lscdg": lscdg,
        "review": review,
        "recs": recs,
        "may": may,
        "item7": item7,
        "november": november,
        "item5": item5,
    }


def verbal_update(leicester) -> dict[str, str]:
    """The POST of the May screen as a browser sends it after the LSCDG's update."""
    data = {
        "item-7-update-given_by_role": "Representative",
        "item-7-update-organisation": str(leicester["lscdg"].pk),
        "item-7-update-kind": UpdateKind.VERBAL,
        "item-7-update-summary": "Members received a verbal update on workforce planning.",
        "item-7-action-1-text": FURTHER_REPORT,
        "item-7-action-1-due": "future",
    }
    for number, words in SAID.items():
        data[f"item-7-rec-{leicester['recs'][number].pk}-text"] = words
    data[f"item-7-rec-{leicester['recs'][4].pk}-new_status"] = Status.ON_TRACK
    return data


def model_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def delivered_state() -> list:
    return list(AgreedAction.objects.values_list("pk", "delivered_on", "delivered_meeting"))


def page_words(response) -> str:
    return html_lib.unescape(response.content.decode())


# --- Recording the Leicester verbal update ------------------------------------------------


def test_the_leicester_verbal_update_is_recorded_in_one_submission(client, people, leicester):
    client.force_login(people.democratic_services)
    response = client.post(record_url(leicester["may"]), verbal_update(leicester), follow=True)

    assert response.redirect_chain == [(leicester["may"].get_absolute_url(), 302)]
    assert "Recorded 1 update covering 8 recommendations, 1 agreed action" in text_of(response)

    update = ProgressUpdate.objects.get()
    assert update.item == leicester["item7"]
    assert update.given_on == MAY
    assert update.kind == UpdateKind.VERBAL
    assert update.organisation == leicester["lscdg"]
    assert update.given_by_role == "Representative"
    assert update.recorded_by == people.democratic_services
    entries = {e.recommendation.number: e for e in update.entries.select_related("recommendation")}
    assert sorted(entries) == [4, 5, 8, 10, 11, 12, 13, 15]
    assert {n: e.text for n, e in entries.items()} == SAID
    assert entries[4].new_status == Status.ON_TRACK
    assert all(e.new_status == "" for n, e in entries.items() if n != 4)

    action = AgreedAction.objects.get()
    assert action.text == FURTHER_REPORT
    assert (action.meeting, action.item, action.review) == (
        leicester["may"],
        leicester["item7"],
        leicester["review"],
    )
    assert action.due_on is None and action.due_meeting is None
    assert action.due_label == "at a future meeting"
    assert action.delivered_on is None

    # The meeting page shows both.
    words = text_of(response)
    assert SAID[11] in words
    assert FURTHER_REPORT in words


def test_a_later_meeting_records_the_action_delivered(client, people, leicester):
    client.force_login(people.democratic_services)
    client.post(record_url(leicester["may"]), verbal_update(leicester))
    action = AgreedAction.objects.get()
    november = leicester["november"]

    screen = client.get(record_url(november))
    assert FURTHER_REPORT in page_words(screen)
    assert "Due at this meeting" in page_words(screen)

    response = client.post(
        record_url(november),
        {"item-5-delivered-delivered": f"{action.pk}:{action.version}"},
        follow=True,
    )
    assert response.redirect_chain == [(november.get_absolute_url(), 302)]
    assert "Recorded 1 action delivered" in text_of(response)
    action.refresh_from_db()
    assert action.delivered_on == NOVEMBER
    assert action.delivered_meeting == november

    delivered = section(response, "delivered")
    assert FURTHER_REPORT in delivered
    assert "at this meeting" in delivered

    # Where it was agreed, it is delivered, with a link to where.
    may_page = client.get(leicester["may"].get_absolute_url())
    agreed = section(may_page, "agreed")
    assert "Delivered" in agreed
    assert f'href="{november.get_absolute_url()}"' in agreed

    # Delivered, it is no longer offered to the meeting after.
    later = MeetingFactory(committee=november.committee, date=datetime.date(2022, 1, 18))
    assert FURTHER_REPORT not in page_words(client.get(record_url(later)))


def test_every_status_is_offered_and_closing_needs_an_outcome(client, people, leicester):
    client.force_login(people.democratic_services)
    rec = leicester["recs"][15]
    screen = page_words(client.get(record_url(leicester["may"])))
    for status in Status:
        assert f'value="{status.value}"' in screen

    data = {
        "item-7-update-given_by_role": "Director of Adult Social Care and Commissioning",
        "item-7-update-organisation": str(leicester["may"].committee.council_id),
        "item-7-update-kind": UpdateKind.WRITTEN,
        f"item-7-rec-{rec.pk}-text": "The work is done.",
        f"item-7-rec-{rec.pk}-new_status": Status.ACHIEVED,
    }
    response = client.post(record_url(leicester["may"]), data)
    assert response.status_code == 200
    assert "Item 7, recommendation 15: give the outcome when you close it" in error_summary(
        response
    )
    data[f"item-7-rec-{rec.pk}-reason"] = "Agreed as achieved by the commission."
    response = client.post(record_url(leicester["may"]), data)
    assert response.status_code == 302
    entry = UpdateEntry.objects.get()
    assert entry.new_status == Status.ACHIEVED
    assert entry.update.kind == UpdateKind.WRITTEN


def test_an_action_due_by_a_date_or_at_a_chosen_meeting(client, people, leicester):
    client.force_login(people.democratic_services)
    november = leicester["november"]
    data = {
        "item-1-action-1-text": "That the Chair write to the Minister.",
        "item-1-action-1-falls_to": "Chair",
        "item-1-action-1-falls_to_organisation": str(leicester["may"].committee.council_id),
        "item-1-action-1-due": "date",
        **date_fields("item-1-action-1-due_on", 30, 9, 2021),
        "item-7-action-2-text": FURTHER_REPORT,
        "item-7-action-2-due": "meeting",
        "item-7-action-2-due_meeting": str(november.pk),
        # A date typed and then hidden by choosing a meeting is ignored.
        **date_fields("item-7-action-2-due_on", 31, 2, 2021),
    }
    response = client.post(record_url(leicester["may"]), data, follow=True)
    assert "Recorded 2 agreed actions" in text_of(response)
    by_date, at_meeting = AgreedAction.objects.order_by("id")
    assert by_date.due_on == datetime.date(2021, 9, 30)
    assert by_date.falls_to == "Chair"
    assert by_date.item.number == 1 and by_date.review is None
    assert at_meeting.due_meeting == november and at_meeting.due_on is None
    assert at_meeting.item == leicester["item7"]


def test_the_screen_shows_every_item_in_order_exempt_ones_marked(client, people, leicester):
    client.force_login(people.democratic_services)
    response = client.get(record_url(leicester["may"]))
    assert response.status_code == 200
    words = text_of(response)
    assert (
        words.index("Item 1: Apologies")
        < words.index("Item 7: Social Care")
        < words.index("Item 8: Care home fees negotiation Exempt")
    )
    assert "Not open to the public: Schedule 12A, paragraph 3" in words
    # Only the item with a review asks about an update; every item can agree actions.
    html = response.content.decode()
    assert 'name="item-7-update-given_by_role"' in html
    assert 'name="item-1-update-given_by_role"' not in html
    assert 'name="item-8-action-1-text"' in html
    assert "One update per item" in words or "one update per item" in words.lower()


# --- All or nothing -------------------------------------------------------------------


@pytest.fixture
def three_items(committee, leicester):
    """A meeting whose item 2 reports on one review and item 3 on another."""
    meeting = MeetingFactory(committee=committee, date=datetime.date(2021, 7, 6))
    other = ReviewFactory(committee=committee, title="Carers")
    carers = {n: RecommendationFactory(review=other, number=n) for n in (1, 2)}
    AgendaItemFactory(meeting=meeting, number=1, title="Minutes")
    AgendaItemFactory(meeting=meeting, number=2, title="Workforce", review=leicester["review"])
    AgendaItemFactory(meeting=meeting, number=3, title="Carers", review=other)
    return meeting, carers


def test_an_error_at_one_item_saves_nothing_and_keeps_every_value(
    client, people, leicester, three_items
):
    meeting, carers = three_items
    earlier = AgreedActionFactory(meeting=leicester["may"], text="That the Chair visit the LSCDG.")
    client.force_login(people.democratic_services)
    four = leicester["recs"][4]
    data = {
        "item-1-action-1-text": "That the minutes be agreed as a correct record.",
        "item-1-action-1-due": "future",
        "item-2-update-given_by_role": "Head of Workforce Development",
        "item-2-update-given_by_name": "Jo Bloggs",
        "item-2-update-organisation": str(leicester["lscdg"].pk),
        "item-2-update-kind": UpdateKind.WRITTEN,
        "item-2-update-summary": "A written report on the workforce.",
        f"item-2-rec-{four.pk}-text": "Career pathways published.",
        f"item-2-rec-{four.pk}-new_status": Status.PAUSED,
        f"item-2-rec-{four.pk}-reason": "Waiting for funding.",
        "item-2-delivered-delivered": f"{earlier.pk}:{earlier.version}",
        "item-3-update-given_by_role": "Carers Lead",
        "item-3-update-organisation": str(meeting.committee.council_id),
        "item-3-update-kind": UpdateKind.VERBAL,
        f"item-3-rec-{carers[2].pk}-text": "Respite places cut back.",
        f"item-3-rec-{carers[2].pk}-new_status": Status.SLIPPED,
        f"item-3-rec-{carers[2].pk}-reason": "Budget pressures.",
        "item-3-action-2-text": "That the Carers Lead report back in January.",
        "item-3-action-2-due": "date",
        **date_fields("item-3-action-2-due_on", 31, 1, 2022),
    }
    before, delivered_before = model_counts(), delivered_state()
    response = client.post(record_url(meeting), data)

    assert response.status_code == 200
    assert model_counts() == before
    assert delivered_state() == delivered_before
    summary = error_summary(response)
    assert "Item 3, recommendation 2: enter the revised target date when it has slipped" in (
        summary
    )
    assert f'href="#id_item-3-rec-{carers[2].pk}-revised_target_date"' in summary
    assert "(error)" in response.content.decode().split("</title>")[0]

    page = page_words(response)
    for key, value in data.items():
        if key.endswith(("-organisation", "-kind", "-due", "-new_status", "-delivered")):
            assert re.search(rf'name="{key}"[^>]*value="{value}"[^>]*checked', page) or (
                re.search(rf'value="{value}"[^>]*selected', page)
            ), key
        elif re.search(r"_\d$", key):
            assert f'name="{key}" value="{value}"' in page, key
        else:
            assert value in page, key
    # The other action rows at item 3 are open so that what was typed shows.
    item3 = page[page.index('id="item-3"') :]
    assert "<details" in item3 and " open>" in item3


def test_a_rule_broken_after_an_item_was_saved_rolls_every_item_back(
    people, leicester, three_items
):
    """Item 2's update is written before item 3's fails its rules in ``update_create``:
    the outer transaction takes item 2's back too."""
    meeting, carers = three_items
    items = {i.number: i for i in meeting.items.all()}
    four = leicester["recs"][4]
    good = ItemRecord(
        item=items[2],
        updates=[
            UpdateRecord(
                kind=UpdateKind.VERBAL,
                organisation=leicester["lscdg"],
                given_by_role="Representative",
                entries=[EntryInput(recommendation=four, text="Under way.")],
            )
        ],
        actions=[ActionRecord(text=FURTHER_REPORT)],
    )
    bad = ItemRecord(
        item=items[3],
        updates=[
            UpdateRecord(
                kind=UpdateKind.VERBAL,
                organisation=leicester["lscdg"],
                given_by_role="Representative",
                entries=[
                    EntryInput(recommendation=carers[2], text="Late.", new_status=Status.SLIPPED)
                ],
            )
        ],
    )
    before = model_counts()
    with pytest.raises(ValidationError) as error:
        meeting_record(meeting=meeting, actor=people.democratic_services, items=[good, bad])
    assert model_counts() == before
    assert error.value.message_dict["item-3"] == [
        "Item 3, recommendation 2: enter the revised target date when it has slipped",
        "Item 3, recommendation 2: give the reason it slipped",
    ]

    result = meeting_record(meeting=meeting, actor=people.democratic_services, items=[good])
    assert result.summary() == "Recorded 1 update covering 1 recommendation, 1 agreed action"


def test_an_empty_submission_is_an_error(client, people, leicester):
    client.force_login(people.democratic_services)
    before = model_counts()
    response = client.post(
        record_url(leicester["may"]),
        {"item-7-update-kind": UpdateKind.VERBAL, "item-7-action-1-due": "future"},
    )
    assert response.status_code == 200
    assert "Nothing to record:" in error_summary(response)
    # It leads to the first field the screen shows, the role of item 7's update.
    assert 'href="#id_item-7-update-given_by_role"' in error_summary(response)
    assert model_counts() == before
    with pytest.raises(ValidationError, match="Nothing to record"):
        meeting_record(meeting=leicester["may"], actor=people.democratic_services, items=[])


def test_an_update_needs_who_gave_it_and_words_need_a_recommendation(client, people, leicester):
    client.force_login(people.democratic_services)
    rec = leicester["recs"][5]
    response = client.post(
        record_url(leicester["may"]), {f"item-7-rec-{rec.pk}-text": "Meeting in June."}
    )
    summary = error_summary(response)
    assert "Item 7: enter the role of the person who gave the update" in summary
    assert "Item 7: select the organisation the update was given for" in summary
    assert "Item 7: select whether the update was verbal or written" in summary

    response = client.post(
        record_url(leicester["may"]),
        {"item-7-update-given_by_role": "Representative", "item-7-update-kind": "verbal"},
    )
    assert "Item 7: say what was reported on at least one recommendation" in error_summary(response)
    assert not ProgressUpdate.objects.exists()


def test_the_same_action_cannot_be_delivered_at_two_items(client, people, leicester):
    client.force_login(people.democratic_services)
    action = AgreedActionFactory(meeting=leicester["may"], text=FURTHER_REPORT)
    AgendaItemFactory(meeting=leicester["november"], number=6, title="Any other business")
    response = client.post(
        record_url(leicester["november"]),
        {
            "item-5-delivered-delivered": f"{action.pk}:{action.version}",
            "item-6-delivered-delivered": f"{action.pk}:{action.version}",
        },
    )
    assert "Item 6: an action ticked here is also ticked at item 5" in error_summary(response)
    action.refresh_from_db()
    assert action.delivered_on is None


def test_a_meeting_to_come_or_cancelled_records_nothing(client, people, committee, leicester):
    client.force_login(people.democratic_services)
    future = MeetingFactory(committee=committee, date=datetime.date.today().replace(year=2999))
    AgendaItemFactory(meeting=future, number=1, title="Work programme")
    response = client.get(record_url(future))
    assert "once it has taken place" in text_of(response)
    assert "Save the record" not in text_of(response)
    response = client.post(record_url(future), {"item-1-action-1-text": "Something"})
    assert "has not taken place yet" in error_summary(response)
    assert not AgreedAction.objects.exists()

    cancelled = MeetingFactory(committee=committee, date=datetime.date(2021, 6, 1), cancelled=True)
    AgendaItemFactory(meeting=cancelled, number=1, title="Work programme")
    response = client.post(record_url(cancelled), {"item-1-action-1-text": "Something"})
    assert "was cancelled" in error_summary(response)
    assert not AgreedAction.objects.exists()


# --- Forged ids -----------------------------------------------------------------------


def test_words_on_a_recommendation_of_another_review_are_refused(
    client, people, leicester, three_items
):
    _, carers = three_items
    client.force_login(people.democratic_services)
    data = verbal_update(leicester)
    data[f"item-7-rec-{carers[1].pk}-text"] = "Smuggled in."
    before = model_counts()
    assert client.post(record_url(leicester["may"]), data).status_code == 403
    assert model_counts() == before


def test_an_action_of_another_committee_cannot_be_delivered(client, people, leicester):
    elsewhere = CommitteeFactory(council=leicester["may"].committee.council, name="Cabinet")
    foreign = AgreedActionFactory(
        meeting=MeetingFactory(committee=elsewhere, date=MAY), text="Cabinet's own action"
    )
    # November offers the commission's own outstanding action, never another committee's.
    AgreedActionFactory(meeting=leicester["may"], text=FURTHER_REPORT)
    client.force_login(people.democratic_services)
    before = model_counts()
    response = client.post(
        record_url(leicester["november"]),
        {"item-5-delivered-delivered": str(foreign.pk)},
    )
    assert response.status_code == 200
    assert "Item 5: select a valid choice" in error_summary(response)
    assert model_counts() == before
    foreign.refresh_from_db()
    assert foreign.delivered_on is None


def test_the_service_refuses_forged_records(people, leicester, three_items):
    meeting, carers = three_items
    user = people.democratic_services
    items = {i.number: i for i in meeting.items.all()}
    elsewhere = CommitteeFactory(council=meeting.committee.council, name="Cabinet")
    foreign = AgreedActionFactory(meeting=MeetingFactory(committee=elsewhere, date=MAY))
    delivered = AgreedActionFactory(
        meeting=leicester["may"], delivered_on=MAY, delivered_meeting=leicester["may"]
    )
    later = AgreedActionFactory(meeting=leicester["november"])
    update_elsewhere = UpdateRecord(
        kind=UpdateKind.VERBAL,
        organisation=leicester["lscdg"],
        given_by_role="Representative",
        entries=[EntryInput(recommendation=carers[1], text="Not this review's.")],
    )
    before, delivered_before = model_counts(), delivered_state()
    cases = [
        (ItemRecord(item=items[2], updates=[update_elsewhere]), "is not one of the review"),
        (ItemRecord(item=items[2], delivered=[foreign]), "not one of this committee's"),
        (ItemRecord(item=items[2], delivered=[delivered]), "has already been delivered"),
        (ItemRecord(item=items[2], delivered=[later]), "was not agreed before this meeting"),
        (
            ItemRecord(item=leicester["item7"], actions=[ActionRecord(text="x")]),
            "is not on this meeting's agenda",
        ),
        (
            ItemRecord(
                item=items[1],
                actions=[ActionRecord(text="x", due_meeting=leicester["may"])],
            ),
            "choose a later meeting of the committee",
        ),
        (
            ItemRecord(item=items[1], actions=[ActionRecord(text="x", due_on=MAY)]),
            "the due date must be on or after the meeting",
        ),
    ]
    for record, message in cases:
        with pytest.raises(ValidationError, match=message):
            meeting_record(
                meeting=meeting,
                actor=user,
                items=[ItemRecord(item=items[1], actions=[ActionRecord(text="Fine.")]), record],
            )
    assert model_counts() == before
    assert delivered_state() == delivered_before


# --- Who may record -------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_councils_democratic_services_may_record(client, people, leicester, who):
    sign_in(client, people, who)
    url = record_url(leicester["may"])
    get = client.get(url)
    before = model_counts()
    post = client.post(url, verbal_update(leicester))
    if who == "anonymous":
        assert get.status_code == 302 and get["Location"].startswith("/accounts/login/?next=")
        assert post.status_code == 302 and post["Location"].startswith("/accounts/login/")
        assert model_counts() == before
    elif who == "democratic_services":
        assert get.status_code == 200
        assert post.status_code == 302
        assert ProgressUpdate.objects.count() == 1
        assert AgreedAction.objects.count() == 1
    else:
        assert get.status_code == 403
        assert post.status_code == 403
        assert model_counts() == before


@pytest.mark.parametrize("who", ["councillor", "officer", "partner", "other_democratic_services"])
def test_the_service_checks_who_records_too(people, leicester, who):
    record = ItemRecord(item=leicester["item7"], actions=[ActionRecord(text=FURTHER_REPORT)])
    with pytest.raises(PermissionDenied):
        meeting_record(meeting=leicester["may"], actor=getattr(people, who), items=[record])
    assert not AgreedAction.objects.exists()


def test_the_meeting_page_links_to_the_screen_for_democratic_services_only(
    client, people, leicester
):
    url = record_url(leicester["may"])
    client.force_login(people.democratic_services)
    assert url in client.get(leicester["may"].get_absolute_url()).content.decode()
    client.force_login(people.officer)
    assert url not in client.get(leicester["may"].get_absolute_url()).content.decode()


# --- Queries ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 20])
def test_the_screen_runs_a_fixed_number_of_queries(
    client, people, committee, django_assert_max_num_queries, size
):
    review = ReviewFactory(committee=committee)
    partner = PartnershipFactory()
    for n in range(1, size + 1):
        RecommendationFactory(review=review, number=n).responsible_bodies.add(partner)
    earlier = MeetingFactory(committee=committee, date=JANUARY)
    for _ in range(size // 3):
        AgreedActionFactory(meeting=earlier)
    meeting = MeetingFactory(committee=committee, date=MAY)
    MeetingFactory(committee=committee, date=NOVEMBER)
    AgendaItemFactory(meeting=meeting, number=1, review=review)
    AgendaItemFactory(meeting=meeting, number=2)
    client.force_login(people.democratic_services)
    with django_assert_max_num_queries(14 + SESSION_SAVE):
        response = client.get(record_url(meeting))
    assert response.status_code == 200
    assert response.content.decode().count('class="govuk-fieldset app-entry"') == size

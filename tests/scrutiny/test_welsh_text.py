"""What people wrote, in the reader's language, on the scrutiny pages: the Welsh version
where there is one, otherwise the English marked as English."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from scrutiny.common.bilingual import localised
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    MeetingFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)

pytestmark = pytest.mark.django_db


def test_a_recommendations_heading_is_its_welsh_title_when_welsh_is_chosen():
    rec = RecommendationFactory(title="Fund the library", title_cy="Ariannu'r llyfrgell")
    with translation.override("cy"):
        assert localised(rec, "heading") == "Ariannu'r llyfrgell"
    with translation.override("en-gb"):
        assert localised(rec, "heading") == "Fund the library"


def test_a_heading_from_the_text_uses_the_start_of_the_welsh_text():
    rec = RecommendationFactory(title="", text="Open on Sundays.", text_cy="Agor ar y Sul. " * 10)
    with translation.override("cy"):
        heading = localised(rec, "heading")
    assert heading.startswith("Agor ar y Sul.") and heading.endswith("…")
    assert len(heading) <= 88


def test_a_titled_recommendation_without_a_welsh_title_falls_back_to_the_english_title():
    rec = RecommendationFactory(title="Fund the library", text_cy="Ariannu'r llyfrgell yn llawn.")
    with translation.override("cy"):
        heading = localised(rec, "heading")
    assert heading == "Fund the library" and heading.fell_back


def welsh(name, *args):
    """The Welsh address of a page (under /cy/)."""
    with translation.override("cy"):
        return reverse(name, args=args)


@pytest.fixture
def bilingual_meeting():
    """A public review with Welsh versions, discussed at a March meeting where an update with
    a Welsh summary and entry was given and an action with Welsh words was agreed."""
    review = ReviewFactory(
        title="Homelessness in the city",
        title_cy="Digartrefedd yn y ddinas",
        summary="We looked at rough sleeping.",
        summary_cy="Buom yn edrych ar gysgu allan.",
    )
    rec = RecommendationFactory(
        review=review, reference="1", title="Open a night shelter", title_cy="Agor lloches nos"
    )
    meeting = MeetingFactory(committee=review.committee, date=datetime.date(2021, 3, 4))
    item = AgendaItemFactory(meeting=meeting, review=review, title="Homelessness")
    update = ProgressUpdateFactory(
        item=item, given_on=meeting.date, summary="Good progress.", summary_cy="Cynnydd da."
    )
    UpdateEntryFactory(
        update=update, recommendation=rec, text="The shelter opened.", text_cy="Agorodd y lloches."
    )
    AgreedActionFactory(
        meeting=meeting,
        item=item,
        review=review,
        text="Report back in June.",
        text_cy="Adrodd yn ôl ym mis Mehefin.",
    )
    return review, meeting


def test_a_review_page_in_welsh_shows_the_welsh_title_and_summary(client, bilingual_meeting):
    review, _ = bilingual_meeting
    html = client.get(welsh("scrutiny:review-detail", review.pk)).content.decode()
    assert "<title>Digartrefedd yn y ddinas" in html
    assert "Buom yn edrych ar gysgu allan." in html
    assert "Homelessness in the city" not in html
    assert "app-fallback-note" not in html


def test_a_review_page_in_english_shows_the_english_only(client, bilingual_meeting):
    review, _ = bilingual_meeting
    html = client.get(review.get_absolute_url()).content.decode()
    assert "Homelessness in the city" in html and "We looked at rough sleeping." in html
    assert "Digartrefedd" not in html and 'lang="en"' not in html.split("<body", 1)[1]


def test_a_review_without_welsh_is_shown_in_english_marked_as_english_with_a_note(client):
    review = ReviewFactory(title="Library opening hours", summary="Hours were cut.")
    html = client.get(welsh("scrutiny:review-detail", review.pk)).content.decode()
    assert '<span lang="en">Library opening hours</span>' in html
    assert '<div lang="en"><p>Hours were cut.</p></div>' in html
    assert html.count("app-fallback-note") == 1


def test_a_meeting_page_in_welsh_shows_welsh_words_and_welsh_dates(client, bilingual_meeting):
    _, meeting = bilingual_meeting
    html = client.get(welsh("scrutiny:meeting-detail", meeting.pk)).content.decode()
    for words in (
        "Digartrefedd yn y ddinas",
        "Agor lloches nos",
        "Cynnydd da.",
        "Agorodd y lloches.",
        "Adrodd yn ôl ym mis Mehefin.",
        "4 Mawrth 2021",
    ):
        assert words in html, words
    for english in ("Good progress.", "The shelter opened.", "Report back in June.", "March"):
        assert english not in html, english


def test_the_meeting_pack_in_welsh_shows_the_welsh_versions(client, bilingual_meeting):
    _, meeting = bilingual_meeting
    html = client.get(welsh("scrutiny:meeting-pack", meeting.pk)).content.decode()
    for words in (
        "Digartrefedd yn y ddinas",
        "Agor lloches nos",
        "Cynnydd da.",
        "Agorodd y lloches.",
    ):
        assert words in html, words
    said = html.split('<dl class="pack-said">', 1)[1].split("</dl>", 1)[0]
    assert "Agorodd y lloches." in said and "The shelter opened." not in said
    # Nor anywhere else, the tracker's "latest update" column included.
    assert "The shelter opened." not in html


@pytest.mark.django_db
@override_settings(
    COUNCIL_NAME="Cardiff Council",
    COUNCIL_NAME_CY="Cyngor Caerdydd",
    SERVICE_NAME="Scrutiny tracker",
    SERVICE_NAME_CY="Traciwr craffu",
)
def test_the_council_and_service_take_their_welsh_names_on_welsh_pages(client):
    english = client.get("/").content.decode()
    welsh = client.get("/cy/").content.decode()
    assert "Cardiff Council" in english and "Scrutiny tracker" in english
    assert "Cyngor Caerdydd" not in english and "Traciwr craffu" not in english
    assert "Cyngor Caerdydd" in welsh and "Traciwr craffu" in welsh
    assert "Cardiff Council" not in welsh


@pytest.mark.django_db
@override_settings(COUNCIL_NAME="Cardiff Council", COUNCIL_NAME_CY="", SERVICE_NAME_CY="")
def test_without_welsh_names_the_default_service_name_is_said_in_welsh(client):
    welsh = client.get("/cy/").content.decode()
    assert "Cardiff Council" in welsh
    assert "Scrutiny recommendation tracker" not in welsh

"""A council's own words for our statuses: shown on its pages (in Welsh too), never on
another council's, while counts, charts and filters keep our fixed statuses; the RAG rating
in words; one query for the words however many rows a page shows."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recommendations.models import Response, Status, StatusWord, StatusWords, rag_rating
from tests.factories import (
    CouncilFactory,
    PartnershipFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)
from tests.recommendations.views.helpers import LIST, detail_url
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 3)


def set_status(rec, status, **fields):
    if status == Status.SLIPPED:
        fields.setdefault("revised_target_date", datetime.date(2099, 3, 31))
    if status in (Status.SLIPPED, Status.PAUSED, *Status.closing()):
        fields.setdefault("reason", "As reported to the committee.")
    return UpdateEntryFactory(recommendation=rec, new_status=status, **fields)


@pytest.fixture
def words(council):
    """The council's scheme: slipped and paused share "On hold"; on track "In progress"
    (with Welsh); achieved "Done"; the rest keep ours."""
    made = [
        StatusWord(
            council=council, status=Status.ON_TRACK, label="In progress", label_cy="Ar y gweill"
        ),
        StatusWord(
            council=council, status=Status.SLIPPED, label="On hold", label_cy="Wedi'i ohirio"
        ),
        StatusWord(
            council=council, status=Status.PAUSED, label="On hold", label_cy="Wedi'i ohirio"
        ),
        StatusWord(council=council, status=Status.ACHIEVED, label="Done"),
    ]
    for word in made:
        word.full_clean()
        word.save()
    return made


@pytest.fixture
def statuses(recs, words):
    """4 on track, 5 slipped, 8 paused."""
    set_status(recs[4], Status.ON_TRACK)
    set_status(recs[5], Status.SLIPPED)
    set_status(recs[8], Status.PAUSED)
    return recs


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


class TestTheWordsRule:
    def test_one_word_per_council_and_status(self, council, words):
        again = StatusWord(council=council, status=Status.ON_TRACK, label="Going")
        with pytest.raises(ValidationError) as error:
            again.full_clean()
        assert "already has a word for this status" in str(error.value)

    def test_the_english_word_is_needed(self, council):
        with pytest.raises(ValidationError) as error:
            StatusWord(
                council=council, status=Status.PAUSED, label="", label_cy="Ar saib"
            ).full_clean()
        assert error.value.message_dict["label"]

    def test_only_a_council_names_statuses(self, db):
        body = PartnershipFactory()
        with pytest.raises(ValidationError) as error:
            StatusWord(council=body, status=Status.PAUSED, label="Paused").full_clean()
        assert "Only a council" in str(error.value.message_dict["council"])


class TestResolving:
    def test_the_councils_word_else_ours(self, council, words):
        resolve = StatusWords()
        assert resolve.label(Status.SLIPPED, council.pk) == "On hold"
        assert resolve.label(Status.PAUSED, council.pk) == "On hold"
        assert resolve.label(Status.NOT_STARTED, council.pk) == "Not started"
        assert resolve.label(Status.SLIPPED, None) == "Slipped"
        assert resolve.label(Status.SLIPPED, CouncilFactory().pk) == "Slipped"

    def test_welsh_word_on_welsh_pages_english_where_none(self, council, words):
        from django.utils import translation

        resolve = StatusWords()
        with translation.override("cy"):
            assert resolve.label(Status.ON_TRACK, council.pk) == "Ar y gweill"
            assert resolve.label(Status.ACHIEVED, council.pk) == "Done"
            assert resolve.label(Status.NOT_STARTED, council.pk) != "Not started"  # ours, in Welsh

    def test_with_ours_beside_it(self, council, words):
        assert StatusWords().label_with_ours(Status.SLIPPED, council.pk) == "On hold (Slipped)"
        assert StatusWords().label_with_ours(Status.NOT_STARTED, council.pk) == "Not started"


class TestRag:
    @pytest.mark.parametrize(
        ("status", "target", "words"),
        [
            (Status.ACHIEVED, None, "Green: achieved"),
            (Status.ON_TRACK, TODAY + datetime.timedelta(days=100), "Green: on track"),
            (Status.ON_TRACK, TODAY - datetime.timedelta(days=1), "Red: overdue"),
            (
                Status.SLIPPED,
                TODAY + datetime.timedelta(days=1),
                "Amber: slipped, revised date ahead",
            ),
            (Status.SLIPPED, TODAY - datetime.timedelta(days=1), "Red: overdue"),
            (Status.PAUSED, None, "Amber: paused"),
            (Status.PAUSED, TODAY - datetime.timedelta(days=1), "Red: overdue"),
            (
                Status.NOT_STARTED,
                TODAY + datetime.timedelta(days=30),
                "Amber: not started, target date near",
            ),
            (
                Status.NOT_STARTED,
                TODAY + datetime.timedelta(days=31),
                "Green: not started, within target",
            ),
            (Status.NOT_STARTED, None, "Green: not started, no target date set"),
            (Status.NOT_ACHIEVED, None, "Red: not achieved"),
            (Status.SUPERSEDED, TODAY - datetime.timedelta(days=1), "No rating: superseded"),
        ],
    )
    def test_the_rule(self, status, target, words):
        assert rag_rating(status, target, TODAY).words == words

    @pytest.mark.parametrize(
        "status, target, words",
        [
            (Status.NOT_STARTED, None, "No rating: not accepted"),
            (Status.NOT_STARTED, TODAY - datetime.timedelta(days=1), "No rating: not accepted"),
            # Once something is reported against it, it is rated like any other.
            (Status.ON_TRACK, TODAY + datetime.timedelta(days=9), "Green: on track"),
            (Status.ACHIEVED, None, "Green: achieved"),
        ],
    )
    def test_a_recommendation_the_executive_did_not_accept(self, status, target, words):
        """Nobody has undertaken it: no colour claims progress or failure."""
        assert rag_rating(status, target, TODAY, Response.NOT_ACCEPTED).words == words
        # Accepted, the same dates rate as the rule above says, never "No rating".
        assert rag_rating(status, target, TODAY, Response.ACCEPTED).colour != "none"

    def test_every_rating_has_words_naming_its_colour(self):
        for status in Status.values:
            for target in (None, TODAY, TODAY - datetime.timedelta(days=5)):
                rag = rag_rating(status, target, TODAY)
                prefix = {
                    "red": "Red: ",
                    "amber": "Amber: ",
                    "green": "Green: ",
                    "none": "No rating: ",
                }
                assert rag.words.startswith(prefix[rag.colour])


class TestPages:
    def test_tracker_and_chart_on_the_review_page(self, client, review, statuses):
        html = page(client, review.get_absolute_url())
        assert '<strong class="govuk-tag govuk-tag--orange">On hold</strong>' in html
        assert '<strong class="govuk-tag govuk-tag--yellow">On hold</strong>' in html
        assert ">In progress</strong>" in html
        assert ">Slipped</strong>" not in html
        # The chart's rows stay our statuses, each with the council's word.
        assert "On hold (Slipped)" in html
        assert "On hold (Paused)" in html
        assert "Amber: slipped, revised date ahead" in html  # the RAG rating, in words

    def test_recommendation_page(self, client, statuses):
        html = page(client, detail_url(statuses[5]))
        assert ">On hold</strong>" in html
        assert "status set to on hold" in html

    def test_list_shows_the_words_and_the_filter_keeps_our_values(self, client, statuses):
        html = page(client, LIST + "?status=slipped")
        assert ">On hold</strong>" in html
        assert f"recommendation-{statuses[5].reference}" in html
        assert f'recommendation-{statuses[8].reference}"' not in html  # paused, also "On hold"
        # The one council's list offers its words beside ours, on our values.
        assert '<option value="slipped" selected>On hold (Slipped)</option>' in html

    def test_welsh_pages_use_the_welsh_words(self, client, review, statuses):
        html = page(client, "/cy" + review.get_absolute_url())
        assert ">Ar y gweill</strong>" in html
        assert ">Wedi&#x27;i ohirio</strong>" in html or ">Wedi'i ohirio</strong>" in html

    def test_another_councils_pages_keep_our_words(self, client, statuses, words):
        other = ReviewFactory(committee__council=CouncilFactory())
        rec = RecommendationFactory(review=other, reference="1")
        set_status(rec, Status.SLIPPED)
        html = page(client, other.get_absolute_url())
        assert ">Slipped</strong>" in html
        assert "On hold" not in html

    def test_counts_do_not_change_with_words(self, client, review, statuses, words):
        before_chart = page(client, review.get_absolute_url())
        StatusWord.objects.all().delete()
        after_chart = page(client, review.get_absolute_url())

        def counts(html):
            start = html.index('id="status-chart"')
            return [
                part.split("<")[0]
                for part in html[start : html.index("</figure>", start)].split(
                    'app-chart__value">'
                )[1:]
            ]

        assert counts(before_chart) == counts(after_chart)


@pytest.mark.parametrize("size", [3, 20])
def test_queries_flat_with_words(client, review, words, size, django_assert_max_num_queries):
    for n in range(size):
        rec = RecommendationFactory(review=review, reference=str(100 + n))
        set_status(rec, [Status.ON_TRACK, Status.SLIPPED, Status.PAUSED][n % 3])
    with django_assert_max_num_queries(10 + SESSION_SAVE) as captured:
        page(client, review.get_absolute_url())
    words_read = [q for q in captured.captured_queries if "statusword" in q["sql"]]
    assert len(words_read) == 1
    with django_assert_max_num_queries(10 + SESSION_SAVE):
        page(client, LIST)


def test_admin_keeps_the_same_rules(client, superuser, council, words):
    client.force_login(superuser)
    url = reverse("admin:recommendations_statusword_add")
    response = client.post(url, {"council": council.pk, "status": "on_track", "label": "Again"})
    assert response.status_code == 200
    assert "already has a word for this status" in response.content.decode()
    body = PartnershipFactory()
    response = client.post(url, {"council": body.pk, "status": "paused", "label": "Paused"})
    assert response.status_code == 200
    assert StatusWord.objects.filter(council=body).count() == 0


def test_committee_and_review_lists_count_in_the_councils_words(client, review, statuses):
    for url in (review.committee.get_absolute_url(), reverse("scrutiny:review-list")):
        html = page(client, url)
        assert ">On hold</strong>" in html, url
        assert ">In progress</strong>" in html, url


def test_meeting_page_says_the_status_set_in_the_councils_words(client, recs, item, words):
    from tests.factories import ProgressUpdateFactory

    set_status(recs[5], Status.SLIPPED, update=ProgressUpdateFactory(item=item))
    html = page(client, item.meeting.get_absolute_url())
    assert ">On hold</strong>" in html
    assert ">Slipped</strong>" not in html


def test_the_update_form_offers_our_statuses_with_the_councils_words(
    client, officer, review, recs, words
):
    from tests.recommendations.views.helpers import log_url

    client.force_login(officer)
    html = page(client, log_url(review))
    assert '<option value="slipped">On hold (Slipped)</option>' in html
    assert '<option value="not_started">Not started</option>' in html

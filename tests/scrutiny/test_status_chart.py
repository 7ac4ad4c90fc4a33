"""The status charts on the review and committee pages: each bar's figure is the real count
of recommendations at that status now (as the user may see them), its table alternative has
the same figures, the bars are drawn without inline styles, and each status links to the
recommendation list filtered to exactly those recommendations."""

import datetime
import html as html_lib
import re
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from recommendations.models import Recommendation, Status
from scrutiny.templatetags.charts import bar_width
from tests.factories import (
    AgendaItemFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
)
from tests.scrutiny.committee_people import sign_in

pytestmark = pytest.mark.django_db

LIST = reverse("recommendations:recommendation-list")


def chart(response) -> dict:
    """The page's chart as {status words: (count, width step, link)} and its table as
    {status words: count}, with the table's total."""
    page = response.content.decode()
    figure = re.search(r'<figure class="app-chart".*?</figure>', page, flags=re.S).group(0)
    bars = {}
    for row in re.findall(r'<li class="app-chart__row">(.*?)</li>', figure, flags=re.S):
        link = re.search(r'<a class="govuk-link app-chart__label" href="([^"]+)">([^<]+)</a>', row)
        width = re.search(r"app-chart__bar--w(\d+)", row)
        value = re.search(r'<span class="app-chart__value">\s*(\d+)', row)
        bars[link.group(2)] = (
            int(value.group(1)),
            int(width.group(1)),
            html_lib.unescape(link.group(1)),
        )
    table_html = re.search(
        r"<table class=\"govuk-table\">.*?</table>", page[page.index("</figure>") :], flags=re.S
    ).group(0)
    table = {
        html_lib.unescape(re.sub(r"<[^>]+>", "", label)).strip(): int(count)
        for label, count in re.findall(
            r'<th scope="row"[^>]*>(.*?)</th>\s*<td[^>]*>(\d+)</td>', table_html, flags=re.S
        )
    }
    return {"bars": bars, "table": table, "figure": figure}


def real_counts(recommendations, user) -> Counter:
    return Counter(
        Recommendation.objects.filter(pk__in=[r.pk for r in recommendations])
        .visible_to(user)
        .with_status(user=user)
        .values_list("status", flat=True)
    )


def set_status(rec, status, **fields):
    if status in Status.closing() or status == Status.SLIPPED:
        fields.setdefault("reason", "As reported to the committee.")
    if status == Status.SLIPPED:
        fields.setdefault("revised_target_date", datetime.date(2023, 3, 31))
    return UpdateEntryFactory(recommendation=rec, new_status=status, **fields)


@pytest.fixture
def review(committee):
    review = ReviewFactory(committee=committee, title="Social Care External Workforce")
    statuses = [Status.ON_TRACK] * 3 + [Status.SLIPPED] + [Status.ACHIEVED] * 2
    for number, status in enumerate(statuses, start=1):
        set_status(RecommendationFactory(review=review, reference=number), status)
    for number in range(10, 14):  # four not started
        RecommendationFactory(review=review, reference=number)
    return review


@pytest.fixture
def second_review(committee):
    review = ReviewFactory(committee=committee, title="Home care")
    set_status(RecommendationFactory(review=review, reference=1), Status.ON_TRACK)
    set_status(RecommendationFactory(review=review, reference=2), Status.PAUSED)
    return review


@pytest.fixture
def draft_review(committee):
    review = ReviewFactory(committee=committee, title="Draft: day centres", published=False)
    set_status(RecommendationFactory(review=review, reference=1), Status.PAUSED)
    set_status(RecommendationFactory(review=review, reference=2), Status.PAUSED)
    return review


def listed_statuses(client, url) -> Counter:
    response = client.get(url)
    assert response.status_code == 200
    return Counter(
        rec.status for group in response.context["groups"] for rec in group["recommendations"]
    )


class TestReviewChart:
    def test_figures_are_the_real_counts_in_bars_and_table(self, client, review):
        response = client.get(review.get_absolute_url())
        drawn = chart(response)
        counts = real_counts(review.recommendations.all(), response.wsgi_request.user)
        assert counts == {"on_track": 3, "slipped": 1, "achieved": 2, "not_started": 4}
        expected = {Status(s).label: n for s, n in counts.items()}
        assert {label: bar[0] for label, bar in drawn["bars"].items()} == expected
        assert drawn["table"] == expected | {"Total": 10}
        # Tracker order, each bar as wide as its share of the ten, in steps of 5%.
        assert list(drawn["bars"]) == ["Not started", "On track", "Slipped", "Achieved"]
        assert [bar[1] for bar in drawn["bars"].values()] == [40, 30, 10, 20]

    def test_each_status_links_to_exactly_those_recommendations(self, client, review):
        drawn = chart(client.get(review.get_absolute_url()))
        for label, (count, _, link) in drawn["bars"].items():
            url = urlsplit(link)
            assert url.path == LIST
            status = parse_qs(url.query)["status"][0]
            assert parse_qs(url.query)["review"] == [str(review.pk)]
            assert Status(status).label == label
            assert listed_statuses(client, link) == {status: count}

    def test_updates_at_exempt_items_count_only_for_those_who_may_see_them(
        self, client, review, people
    ):
        rec = review.recommendations.get(reference="10")
        item = AgendaItemFactory(
            meeting__committee=review.committee,
            exempt=True,
            exempt_reason="Schedule 12A, paragraph 3",
        )
        update = ProgressUpdateFactory(item=item, given_on=item.meeting.date)
        set_status(rec, Status.PAUSED, update=update)

        public = chart(client.get(review.get_absolute_url()))["bars"]
        assert "Paused" not in public and public["Not started"][0] == 4
        sign_in(client, people, "councillor")
        own = chart(client.get(review.get_absolute_url()))
        assert own["bars"]["Paused"][0] == 1 and own["bars"]["Not started"][0] == 3
        assert own["table"]["Paused"] == 1
        assert listed_statuses(client, own["bars"]["Paused"][2]) == {"paused": 1}

    def test_no_inline_styles_and_the_bars_hidden_from_screen_readers(self, client, review):
        drawn = chart(client.get(review.get_absolute_url()))
        assert "style=" not in drawn["figure"]
        assert drawn["figure"].count('<span class="app-chart__track" aria-hidden="true">') == 4
        # The words and figures stay readable: never inside the hidden part.
        assert re.search(r'aria-hidden="true">[^<]*\w', drawn["figure"]) is None

    def test_no_chart_without_recommendations(self, client, committee):
        empty = ReviewFactory(committee=committee)
        assert 'class="app-chart"' not in client.get(empty.get_absolute_url()).content.decode()


class TestCommitteeChart:
    @pytest.mark.parametrize(
        ("who", "sees_draft"),
        [
            ("anonymous", False),
            ("partner", False),
            ("other_democratic_services", False),
            ("councillor", True),
        ],
    )
    def test_adds_up_the_reviews_the_user_may_see(
        self, client, people, committee, review, second_review, draft_review, who, sees_draft
    ):
        sign_in(client, people, who)
        response = client.get(committee.get_absolute_url())
        drawn = chart(response)
        reviews = [review, second_review] + ([draft_review] if sees_draft else [])
        counts = real_counts(
            Recommendation.objects.filter(review__in=reviews), response.wsgi_request.user
        )
        expected = {Status(s).label: n for s, n in counts.items()}
        assert {label: bar[0] for label, bar in drawn["bars"].items()} == expected
        assert drawn["table"] == expected | {"Total": sum(counts.values())}
        assert drawn["bars"]["Paused"][0] == (3 if sees_draft else 1)
        for count, _, link in drawn["bars"].values():
            assert parse_qs(urlsplit(link).query)["committee"] == [str(committee.pk)]
            status = parse_qs(urlsplit(link).query)["status"][0]
            assert listed_statuses(client, link) == {status: count}


@pytest.mark.parametrize(
    ("count", "total", "step"),
    [(0, 0, 0), (0, 5, 0), (1, 200, 5), (1, 3, 35), (2, 3, 65), (3, 3, 100), (1, 8, 10)],
)
def test_bar_width_steps(count, total, step):
    assert bar_width(count, total) == step

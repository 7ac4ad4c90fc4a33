"""The list's review choice follows its committee choice (issue 17: a national list offered
all 16,450 reviews, 1 MB of HTML): without JavaScript, the reviews are offered once a
committee is chosen and the filters applied; a link naming a review alone still works; a
review that does not belong to the chosen committee is an error in the page."""

import re

from django.urls import reverse

from tests.factories import CommitteeFactory, RecommendationFactory
from tests.support.pages import words

LIST = reverse("recommendations:recommendation-list")


def options(response, name: str) -> dict[str, str]:
    html = response.content.decode()
    select = re.search(rf'<select name="{name}".*?</select>', html, flags=re.S)
    assert select, f"no <select name={name!r}> on the page"
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', select.group(0)))


def listed(response) -> set[str]:
    assert response.status_code == 200
    return {rec.heading for group in response.context["groups"] for rec in group["recommendations"]}


def test_no_committee_chosen_offers_no_review_and_says_why(client, recs):
    response = client.get(LIST)
    assert options(response, "review") == {}
    html = response.content.decode()
    assert "Choose a committee and apply the filters: its reviews are then offered here." in html
    # The hint is the select's description, for screen readers too.
    assert re.search(r'<select name="review" aria-describedby="id_review_hint"', html)


def test_a_chosen_committee_offers_its_reviews_only(client, review, recs):
    other = RecommendationFactory(
        review__committee=CommitteeFactory(council=review.committee.council),
        review__title="Another committee's review",
        title="Elsewhere in the council",
    )
    sibling = RecommendationFactory(
        review__committee=review.committee, review__title="A second review", title="Second"
    )
    response = client.get(LIST, {"committee": review.committee_id})
    assert options(response, "review") == {
        str(sibling.review_id): "A second review",
        str(review.pk): review.title,
    }
    assert "Choose a committee and apply" not in response.content.decode()
    assert "Elsewhere in the council" not in listed(response)

    narrowed = client.get(LIST, {"committee": review.committee_id, "review": sibling.review_id})
    assert listed(narrowed) == {"Second"}
    assert f'<option value="{sibling.review_id}" selected>' in narrowed.content.decode()
    assert str(other.review_id) not in options(narrowed, "review")


def test_a_review_of_another_committee_is_an_error_not_a_silent_match(client, review, recs):
    other = RecommendationFactory(
        review__committee=CommitteeFactory(council=review.committee.council),
        title="Elsewhere in the council",
    )
    response = client.get(LIST, {"committee": review.committee_id, "review": other.review_id})
    assert response.status_code == 200
    page = words(response)
    assert "There is a problem" in page
    assert "Choose one of the committee's reviews, or all reviews" in page
    assert 'href="#id_review"' in response.content.decode()
    assert listed(response) == set()


def test_a_link_naming_a_review_alone_still_lists_it(client, review, recs):
    response = client.get(LIST, {"review": review.pk})
    assert options(response, "review") == {str(review.pk): review.title}
    assert listed(response) == {rec.heading for rec in recs.values()}


def test_nonsense_committee_or_review_values_are_errors_not_500s(client, recs):
    for query in (
        {"committee": "abc"},
        {"committee": "99999999999999999999999"},
        {"review": "-1"},
        {"committee": "0", "review": "abc"},
    ):
        response = client.get(LIST, query)
        assert response.status_code == 200, query
        assert "Select a valid choice" in words(response), query
        assert listed(response) == set()

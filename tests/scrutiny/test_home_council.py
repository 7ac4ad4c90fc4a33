"""The home page shows one council's figures (issue 17: a site of 400 councils counted and
listed every council's on each visit). A site with one council shows it; with several, a
signed-in council member sees their own council first, an anonymous reader chooses one
(searched and paged), and the choice is kept in the session with a way to change it. A
partnership's councils are offered to the councils and bodies it joins."""

import pytest
from django.urls import reverse

from partnerships.models import Role
from tests.factories import (
    CommitteeFactory,
    CouncilFactory,
    PartnershipFactory,
    RecommendationFactory,
    ReviewFactory,
    user_with_role,
)
from tests.scrutiny.committee_people import error_summary, section, text_of

pytestmark = pytest.mark.django_db

HOME = reverse("scrutiny:home")
CHOOSER = reverse("scrutiny:home-council-list")


def _with_recommendations(council, count: int, title: str):
    review = ReviewFactory(committee=CommitteeFactory(council=council), title=title)
    for number in range(1, count + 1):
        RecommendationFactory(review=review, reference=str(number))
    return review


@pytest.fixture
def two_councils():
    ashby = CouncilFactory(name="Ashby Borough Council", short_name="ABC")
    blaby = CouncilFactory(name="Blaby District Council", short_name="BDC")
    _with_recommendations(ashby, 2, "Ashby review")
    _with_recommendations(blaby, 3, "Blaby review")
    return ashby, blaby


def _total(response) -> str:
    return text_of(response).split(" recommendations in all")[0].rsplit(" ", 1)[-1]


def test_a_site_with_one_council_shows_it_with_no_chooser(client):
    council = CouncilFactory(name="Ashby Borough Council")
    _with_recommendations(council, 2, "Ashby review")
    response = client.get(HOME)
    words = text_of(response)
    assert "2 recommendations in all" in words and "Ashby Borough Council" in words
    assert "Change council" not in words


def test_an_anonymous_reader_of_several_councils_chooses_one(client, two_councils):
    ashby, blaby = two_councils
    response = client.get(HOME)
    assert response.status_code == 200
    words = text_of(response)
    assert "Choose a council" in words and "recommendations in all" not in words
    html = response.content.decode()
    assert f'href="{HOME}?council={ashby.pk}"' in html
    assert f'href="{HOME}?council={blaby.pk}"' in html

    chosen = client.get(f"{HOME}?council={blaby.pk}")
    assert _total(chosen) == "3"
    assert f'href="{CHOOSER}"' in chosen.content.decode()
    assert "Change council" in text_of(chosen)
    # Remembered: the home page shows Blaby again without asking.
    again = client.get(HOME)
    assert _total(again) == "3" and "Blaby District Council" in text_of(again)
    # Changed: the new choice is remembered instead.
    assert _total(client.get(f"{HOME}?council={ashby.pk}")) == "2"
    assert _total(client.get(HOME)) == "2"


@pytest.mark.parametrize("value", ["abc", "999999", ""])
def test_a_council_that_is_not_one_is_a_clear_error_on_the_chooser(client, two_councils, value):
    partnership = PartnershipFactory()
    for bad in [value, str(partnership.pk)]:
        response = client.get(f"{HOME}?council={bad}")
        assert response.status_code == 200
        summary = error_summary(response)
        assert "Choose a council" in summary, bad
        assert 'href="#id_q"' in summary
        assert "Error:" in response.content.decode().split("</title>")[0]


def test_the_chooser_searches_by_name_and_short_name(client, two_councils):
    words = text_of(client.get(f"{CHOOSER}?q=blaby"))
    assert "1 council matches “blaby”" in words
    assert "Blaby District Council" in words and "Ashby Borough Council" not in words
    assert "Ashby Borough Council" in text_of(client.get(f"{CHOOSER}?q=ABC"))
    none = text_of(client.get(f"{CHOOSER}?q=Nowhere"))
    assert "No council matches “Nowhere”" in none
    too_long = client.get(f"{CHOOSER}?q={'x' * 101}")
    assert "Enter no more than 100 characters" in error_summary(too_long)


def test_the_chooser_is_paged(client):
    for n in range(55):
        CouncilFactory(name=f"Council {n:02d}")
    first = text_of(client.get(CHOOSER))
    assert "55 councils" in first and "Council 49" in first and "Council 50" not in first
    second = text_of(client.get(f"{CHOOSER}?page=2"))
    assert "Council 50" in second and "Council 54" in second and "Council 00" not in second


def test_a_signed_in_councillor_sees_their_own_council_first(client, two_councils):
    ashby, blaby = two_councils
    client.force_login(user_with_role(Role.COUNCILLOR, organisation=blaby))
    response = client.get(HOME)
    assert _total(response) == "3" and "Blaby District Council" in text_of(response)
    # Another council's figures on request, with the way back to their own.
    other = client.get(f"{HOME}?council={ashby.pk}")
    assert _total(other) == "2"
    assert f'href="?council={blaby.pk}"' in other.content.decode()
    assert "Your council’s figures" in text_of(other)


def test_a_partnership_shares_its_councils_figures(client, two_councils):
    ashby, blaby = two_councils
    CouncilFactory(name="Charnwood Borough Council")
    partnership = PartnershipFactory(name="Workforce Partnership", host=ashby)
    partnership.members.add(blaby)
    client.force_login(user_with_role(Role.OFFICER, organisation=ashby))
    html = client.get(HOME).content.decode()
    assert 'id="partnership-councils"' in html
    offered = html[html.index('id="partnership-councils"') :].split("</p>")[0]
    assert f'href="?council={blaby.pk}"' in offered and "Charnwood" not in offered

    # The partnership's own representative is offered its host and members to choose from.
    client.force_login(user_with_role(Role.PARTNER, organisation=partnership))
    home = client.get(HOME)
    assert "Choose a council" in text_of(home) and "recommendations in all" not in text_of(home)
    chooser = section(client.get(CHOOSER), "councils-you-work-with")
    assert "Ashby Borough Council" in chooser and "Blaby District Council" in chooser
    assert "Charnwood" not in chooser


def test_a_council_with_no_partnership_is_offered_none(client, two_councils):
    client.force_login(user_with_role(Role.COUNCILLOR, organisation=two_councils[0]))
    assert 'id="partnership-councils"' not in client.get(HOME).content.decode()
    assert 'id="councils-you-work-with"' not in client.get(CHOOSER).content.decode()


@pytest.mark.parametrize("size", [3, 40])
def test_the_chooser_and_a_chosen_council_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, size
):
    councils = [CouncilFactory() for _ in range(size)]
    for council in councils:
        _with_recommendations(council, 2, f"Review of {council.name}")
    with django_assert_max_num_queries(2):
        assert client.get(CHOOSER).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(HOME).status_code == 200
    # The summary's ten, the councils' status words, the council chosen and the session
    # saved with the choice.
    with django_assert_max_num_queries(14):
        assert client.get(f"{HOME}?council={councils[0].pk}").status_code == 200


def test_a_choice_made_before_signing_in_does_not_hide_the_members_own_council(
    client, two_councils
):
    ashby, blaby = two_councils
    assert _total(client.get(f"{HOME}?council={ashby.pk}")) == "2"
    client.force_login(user_with_role(Role.COUNCILLOR, organisation=blaby))
    assert _total(client.get(HOME)) == "3"
    # Their own choice, signed in, is remembered as theirs.
    client.get(f"{HOME}?council={ashby.pk}")
    assert _total(client.get(HOME)) == "2"

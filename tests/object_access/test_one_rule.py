"""Drafts are hidden wherever exempt items are: one rule for both (issue 13, "Nothing
leaks"). A council's user with no role sees neither its exempt items nor its drafts; a
draft review never reaches the public through an action about it agreed at a public item
of another review, nor through an agenda item added from the due list."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scrutiny.services import agenda_items_add_from_due
from tests.factories import AgreedActionFactory, user_with_role
from tests.object_access.test_hidden_records import OUTSIDERS, readable_pages, text_of
from tests.support.world import DRAFT_MARK, EXEMPT_MARK, client_for, words


def _leaks(client, urls: list[str]) -> list[str]:
    leaks = []
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue
        found = words(text_of(response))
        leaks += [f"{url}: {mark}" for mark in (EXEMPT_MARK, DRAFT_MARK) if words(mark) in found]
    return leaks


@pytest.fixture
def draft_action_on_public_review(world, db):
    """An action agreed at the public review's item, about the draft review."""
    return AgreedActionFactory(
        meeting=world.meeting_a,
        item=world.item_a,
        review=world.draft_review_a,
        text="That the scoping of the next review be reported.",
    )


def _pages(world) -> list[str]:
    return [
        *readable_pages(world),
        reverse("scrutiny:review-detail", kwargs={"pk": world.review_a.pk}),
        reverse("scrutiny:meeting-detail", kwargs={"pk": world.meeting_a.pk}),
        reverse("scrutiny:meeting-pack", kwargs={"pk": world.meeting_a.pk}),
        reverse("scrutiny:committee-detail", kwargs={"pk": world.committee_a.pk}),
    ]


@pytest.mark.parametrize("who", [*OUTSIDERS, "no role"])
def test_a_draft_review_never_reaches_outsiders_through_an_action(
    client, world, db, draft_action_on_public_review, who
):
    user = user_with_role(None, world.council_a) if who == "no role" else world.user(who)
    client_for(client, user)
    leaks = _leaks(client, _pages(world))
    assert not leaks, f"{who} reads what they may not:\n  " + "\n  ".join(leaks)


def test_the_review_page_names_the_draft_to_its_own_council(
    client, world, db, draft_action_on_public_review
):
    url = reverse("scrutiny:review-detail", kwargs={"pk": world.review_a.pk})
    client_for(client, world.councillor)
    assert words(DRAFT_MARK) in words(client.get(url).content.decode())


def test_a_user_of_the_council_with_no_role_is_refused_its_drafts(client, world, db):
    client_for(client, user_with_role(None, world.council_a))
    for name, obj in (
        ("scrutiny:review-detail", world.draft_review_a),
        ("scrutiny:review-tracker-pdf", world.draft_review_a),
        ("recommendations:recommendation-detail", world.draft_rec_a),
    ):
        assert client.get(reverse(name, kwargs={"pk": obj.pk})).status_code == 404, name


def test_a_draft_review_is_not_added_to_a_public_agenda(world, db):
    """ "Add from due" titled a public item after the draft review, printed in the public
    pack."""
    with pytest.raises(ValidationError) as refused:
        agenda_items_add_from_due(
            meeting=world.next_meeting_a,
            reviews=[world.draft_review_a],
            actions=[],
            actor=world.democratic,
        )
    assert "draft" in " ".join(refused.value.messages)
    assert not world.next_meeting_a.items.filter(review=world.draft_review_a).exists()

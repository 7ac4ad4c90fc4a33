"""The meeting pack's queries do not grow with it: the page, and the selector with
everything the templates read, run as many queries at 3 recommendations as at 30."""

import pytest

from scrutiny.selectors.packs import meeting_pack
from tests.scrutiny.packs.helpers import build_meeting, pack_url
from tests.support.queries import SESSION_SAVE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("full", [False, True])
def test_pack_page_queries_do_not_grow(
    client, committee, people, size, full, django_assert_max_num_queries
):
    may, _, _ = build_meeting(committee, size)
    client.force_login(people.councillor)
    # Session, user and groups, then the pack's own reads: the same at 3 and 30.
    # (One of them reads the reviews each item also reports on: a prefetch.)
    with django_assert_max_num_queries(18 + SESSION_SAVE):
        response = client.get(pack_url(may, full=full))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_meeting_pack_reads_in_constant_queries(
    committee, people, size, django_assert_max_num_queries
):
    may, _, _ = build_meeting(committee, size)
    with django_assert_max_num_queries(13):
        pack = meeting_pack(meeting=may, user=people.councillor, full=True)
        # Reading what the templates read runs no more queries.
        for paper in pack.items:
            for review in paper.reviews:
                for rec in review.tracked:
                    list(rec.responsible_bodies.all())
            for update in paper.updates:
                for entry in update.entries.all():
                    _ = entry.recommendation.reference
            for decision in paper.decisions:
                _ = decision.decided_by.name
            for action in paper.actions_due + paper.actions_agreed:
                _ = (action.meeting.date, action.item, action.review, action.due_label)
    assert len(pack.items) == 6

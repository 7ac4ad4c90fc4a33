"""An agreed action not delivered by the meeting or date it was due at is flagged with when
it was due on every page that shows it, and counted on the home page."""

import pytest

from tests.scrutiny.committee_people import day, section
from tests.scrutiny.due_views.helpers import HOME, text_of_html

pytestmark = pytest.mark.django_db


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
        "home": f"{HOME}?council={committee.council_id}",
    }
    for name, url in pages.items():
        response = client.get(url)
        html = response.content.decode()
        assert f'id="action-{slipped.pk}"' in html, name
        row = html[html.index(f'id="action-{slipped.pk}"') :]
        assert flag in text_of_html(row[: row.index("</tr>")]), name
    # The council is remembered: the home page shows it without asking again.
    home = text_of_html(section(client.get(HOME), "actions-overdue"))
    assert "2 agreed actions not delivered by the meeting or date they were due at" in home

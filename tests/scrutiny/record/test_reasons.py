"""On the meeting record screen, every status that needs a reason asks for it, against the
reason box of the right item and recommendation, in English and in Welsh; nothing is saved."""

import html

import pytest

from recommendations.models import ProgressUpdate, Status
from tests.scrutiny.committee_people import error_summary
from tests.scrutiny.record.helpers import record_url, verbal_update

pytestmark = pytest.mark.django_db

# Welsh: the reason's words as the catalogue gives them (the item's place is said in Welsh
# before them).
NEEDS_CY = {
    Status.SLIPPED: "rhowch y rheswm pam y llithrodd",
    Status.PAUSED: "rhowch y rheswm pam y cafodd ei oedi",
    Status.NOT_ACHIEVED: "rhowch y canlyniad pan fyddwch yn ei gau",
    Status.SUPERSEDED: "rhowch y canlyniad pan fyddwch yn ei gau",
}
NEEDS = {
    Status.SLIPPED: "give the reason it slipped",
    Status.PAUSED: "give the reason it is paused",
    Status.NOT_ACHIEVED: "give the outcome when you close it",
    Status.SUPERSEDED: "give the outcome when you close it",
}


@pytest.mark.parametrize("status", list(NEEDS))
@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_a_status_without_its_reason_is_refused_on_its_field(
    client, people, leicester, status, prefix
):
    client.force_login(people.democratic_services)
    five = leicester["recs"][5]
    data = verbal_update(leicester)
    data[f"item-7-rec-{five.pk}-new_status"] = status
    if status == Status.SLIPPED:
        data |= {
            f"item-7-rec-{five.pk}-revised_target_date_{i}": v
            for i, v in enumerate(["30", "9", "2022"])
        }
    response = client.post(prefix + record_url(leicester["may"]), data)
    assert response.status_code == 200
    summary = html.unescape(error_summary(response))
    assert f'href="#id_item-7-rec-{five.pk}-reason"' in summary
    if prefix:
        assert NEEDS_CY[status] in summary
        assert NEEDS[status] not in summary
    else:
        assert f"Item 7, recommendation 5: {NEEDS[status]}" in summary
    assert not ProgressUpdate.objects.exists()

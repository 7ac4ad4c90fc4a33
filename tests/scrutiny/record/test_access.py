"""Who may record a meeting: only the council's own democratic services, at the screen
and in the service, and the meeting page links to the screen for them alone."""

import pytest
from django.core.exceptions import PermissionDenied

from recommendations.models import ProgressUpdate
from scrutiny.models import AgreedAction
from scrutiny.services import ActionRecord, ItemRecord, meeting_record
from tests.scrutiny.committee_people import EVERYONE, sign_in
from tests.scrutiny.record.helpers import FURTHER_REPORT, model_counts, record_url, verbal_update

pytestmark = pytest.mark.django_db


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
        # Nothing saved; only a session, holding the key to what was typed, to give it
        # back after signing in (scrutiny.common.kept).
        after = model_counts()
        assert after.pop("sessions.Session") == before.pop("sessions.Session") + 1
        assert after == before
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

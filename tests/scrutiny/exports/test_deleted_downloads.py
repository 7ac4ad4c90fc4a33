"""The deleted list as a file: for those who may restore what it holds (democratic services
their council's, admins every council's), with who deleted each item, when and why, in the
reader's language; linked from the list when something is deleted."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Role
from recommendations.services import recommendation_delete, update_delete
from tests.factories import CouncilFactory, user_with_role
from tests.scrutiny.exports.helpers import by_heading, rows_of
from tests.scrutiny.exports.scenes import build_scene

pytestmark = pytest.mark.django_db
KINDS = ["csv", "xlsx"]


@pytest.fixture
def scene(db):
    scene = build_scene(exempt=False, closed=False)
    recommendation_delete(
        recommendation=scene.recs["2"], actor=scene.clerk, reason="Entered twice."
    )
    update = scene.recs["4"].entries.get().update
    update_delete(update=update, actor=scene.clerk, reason="Given to the wrong meeting.")
    scene.update = update
    return scene


def _get(client, kind: str, *, lang: str = ""):
    return rows_of(client.get(lang + reverse(f"recommendations:deleted-list-{kind}")), kind)


@pytest.mark.parametrize("kind", KINDS)
def test_what_was_deleted_by_whom_and_why(client, scene, kind):
    client.force_login(scene.clerk)
    rows = _get(client, kind)
    assert by_heading(rows, "Kind") == ["Recommendation", "Progress update"]
    assert by_heading(rows, "Why") == ["Entered twice.", "Given to the wrong meeting."]
    assert by_heading(rows, "What")[0].startswith("2. ")
    assert by_heading(rows, "What")[1].startswith(scene.update.name)
    reviews = by_heading(rows, "Review")
    assert reviews[0] == f"Social Care Workforce, {scene.council.name}"
    assert reviews[1].startswith("Social Care Workforce: ") and "4" in reviews[1]
    assert all(scene.clerk.display_name in who for who in by_heading(rows, "Deleted by"))
    today = str(timezone.localdate())
    assert [str(day)[:10] for day in by_heading(rows, "Deleted on")] == [today, today]


@pytest.mark.parametrize("kind", KINDS)
def test_in_welsh(client, scene, kind):
    client.force_login(scene.clerk)
    rows = _get(client, kind, lang="/cy")
    assert rows[0][0] == "Math" and "Deleted by" not in rows[0]
    assert by_heading(rows, "Math") == ["Argymhelliad", "Diweddariad cynnydd"]


def test_only_for_those_who_may_restore(client, scene):
    address = reverse("recommendations:deleted-list-csv")
    assert client.get(address).status_code == 302
    client.force_login(user_with_role(Role.OFFICER, scene.council))
    assert client.get(address).status_code == 403
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, CouncilFactory()))
    assert len(_get(client, "csv")) == 1  # another council's: nothing of this one's


def test_the_list_links_to_its_files(client, scene):
    client.force_login(scene.clerk)
    page = client.get(reverse("recommendations:deleted-list")).content.decode()
    assert reverse("recommendations:deleted-list-xlsx") in page

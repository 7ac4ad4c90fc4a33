"""Anonymous visitors' PDFs take turns (issue 13: four at once took 11 s each and slowed the
site): at most ``PDF_RENDERS_AT_ONCE`` render at once on the machine; when every slot is
taken for ``PDF_RENDER_WAIT`` seconds the answer is 503 with Retry-After. A PDF already in
the cache needs no turn, and signed-in people never wait."""

from contextlib import ExitStack

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from scrutiny.common.slots import Busy, slot
from tests.scrutiny.packs.helpers import pack_url

pytestmark = pytest.mark.django_db


def _hold_every_slot(stack: ExitStack) -> None:
    """Take every slot, as renders already under way in other workers would."""
    for _ in range(settings.PDF_RENDERS_AT_ONCE):
        stack.enter_context(
            slot(settings.PDF_SLOT_DIR, "pdf", slots=settings.PDF_RENDERS_AT_ONCE, wait=0)
        )


@override_settings(PDF_RENDER_WAIT=0.3)
def test_an_anonymous_pdf_waits_its_turn_then_is_asked_to_come_back(client, scene):
    may, _, _ = scene
    cache.clear()
    with ExitStack() as stack:
        _hold_every_slot(stack)
        response = client.get(pack_url(may, pdf=True))
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "Try again" in response.content.decode()
    # With the slots free again, it renders.
    response = client.get(pack_url(may, pdf=True))
    assert response.status_code == 200
    assert response["X-PDF-Cache"] == "miss"


@override_settings(PDF_RENDER_WAIT=0.3)
def test_a_cached_pdf_and_signed_in_people_need_no_turn(client, scene, people):
    may, review, _ = scene
    cache.clear()
    assert client.get(pack_url(may, pdf=True)).status_code == 200  # now in the cache
    with ExitStack() as stack:
        _hold_every_slot(stack)
        cached = client.get(pack_url(may, pdf=True))
        assert (cached.status_code, cached["X-PDF-Cache"]) == (200, "hit")
        client.force_login(people.councillor)
        response = client.get(pack_url(may, pdf=True, full=True))
        assert (response.status_code, response["X-PDF-Cache"]) == (200, "miss")


def test_slots_are_counted_across_holders_and_freed_after(tmp_path):
    with (
        slot(tmp_path, "x", slots=2, wait=0),
        slot(tmp_path, "x", slots=2, wait=0),
        pytest.raises(Busy),
        slot(tmp_path, "x", slots=2, wait=0.2),
    ):
        pass
    with slot(tmp_path, "x", slots=2, wait=0):
        pass

"""The optimistic lock itself (scrutiny.common.locking): a save goes through only while the
stored version is the one the user loaded, moves it on in the same transaction, and
otherwise writes nothing and says who holds the record now."""

import threading

import pytest
from django.db import connection, connections, transaction

from partnerships.models import Organisation
from scrutiny.common.locking import EditConflict, move_versions_on, save_if_current
from tests.factories import CouncilFactory


@pytest.mark.django_db
def test_a_save_of_the_stored_version_goes_through_and_moves_it_on():
    council = CouncilFactory(website="https://old.example")
    council.website = "https://new.example"
    save_if_current(council, 1)
    council.refresh_from_db()
    assert (council.website, council.version) == ("https://new.example", 2)


@pytest.mark.django_db
@pytest.mark.parametrize("version", [None, 0, 2, 7])
def test_any_other_version_writes_nothing_and_carries_the_stored_record(version):
    council = CouncilFactory(website="https://old.example")
    stale = Organisation.objects.get(pk=council.pk)
    stale.website = "https://stale.example"
    with pytest.raises(EditConflict) as raised:
        save_if_current(stale, version)
    assert raised.value.current.website == "https://old.example"
    council.refresh_from_db()
    assert (council.website, council.version) == ("https://old.example", 1)


@pytest.mark.django_db
def test_a_record_deleted_meanwhile_is_a_conflict_with_nothing_stored():
    council = CouncilFactory()
    Organisation.objects.filter(pk=council.pk).delete()
    with pytest.raises(EditConflict) as raised:
        save_if_current(council, 1)
    assert raised.value.current is None
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_moving_versions_on_names_those_someone_else_moved_first():
    one, two = CouncilFactory(), CouncilFactory()
    Organisation.objects.filter(pk=two.pk).update(version=5)
    assert move_versions_on([one, two]) == [two]
    assert one.version == 2
    assert list(Organisation.objects.order_by("pk").values_list("version", flat=True)) == [2, 5]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs row locks held by two connections at once"
)
@pytest.mark.django_db(transaction=True)
def test_of_two_people_saving_the_same_version_at_once_exactly_one_wins():
    """Alex's save has moved the version on and holds the row; Blake's save of the same
    version waits for it, then finds the version moved on and writes nothing."""
    council = CouncilFactory(website="https://old.example")
    alex_holds_the_row, blake_started = threading.Event(), threading.Event()
    outcome = {}

    def alex():
        try:
            mine = Organisation.objects.get(pk=council.pk)
            mine.website = "https://alex.example"
            with transaction.atomic():
                save_if_current(mine, 1)
                alex_holds_the_row.set()
                blake_started.wait(5)
                # Blake's UPDATE is now queued behind this transaction's row lock.
                threading.Event().wait(0.5)
            outcome["alex"] = "saved"
        finally:
            connections.close_all()

    def blake():
        try:
            alex_holds_the_row.wait(5)
            mine = Organisation.objects.get(pk=council.pk)
            mine.website = "https://blake.example"
            blake_started.set()
            try:
                save_if_current(mine, 1)
            except EditConflict as conflict:
                outcome["blake"] = ("conflict", conflict.current.website)
            else:
                outcome["blake"] = "saved"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=alex), threading.Thread(target=blake)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert outcome == {"alex": "saved", "blake": ("conflict", "https://alex.example")}
    council.refresh_from_db()
    assert (council.website, council.version) == ("https://alex.example", 2)

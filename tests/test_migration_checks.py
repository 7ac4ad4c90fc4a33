"""A migration adding a rule stops, naming each row that breaks it, rather than change data."""

import pytest

from scrutiny.common.rules import stop_if_rows_break


def test_rows_breaking_a_new_rule_stop_the_migration_and_are_each_named():
    rows = (f"AgendaItem {pk}: number 0" for pk in (4, 9))
    with pytest.raises(RuntimeError) as stopped:
        stop_if_rows_break("agenda items are numbered from 1", rows)
    message = str(stopped.value)
    assert message.startswith("Cannot add the rule that agenda items are numbered from 1:")
    assert "  - AgendaItem 4: number 0\n  - AgendaItem 9: number 0" in message


def test_no_rows_breaking_it_lets_the_migration_go_on():
    assert stop_if_rows_break("agenda items are numbered from 1", iter(())) is None

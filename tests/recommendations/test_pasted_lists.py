"""Splitting a report's pasted numbered list into references and texts, as councils' reports
and trackers word them (the Leicester review, the trackers in tests/data/trackers)."""

from recommendations.services.pasted import PastedItem, split_numbered_list


def pairs(text: str) -> list[tuple[str, str]]:
    return [(item.reference, item.text) for item in split_numbered_list(text)]


def test_numbers_with_full_stops_and_wrapped_lines():
    pasted = """1. That the Council works with the Leicester/shire Social Care Development
Group (LSCDG) to develop a career pathway for care workers.

2. That retention rates are reported by provider twice a year.
3. That accredited leadership training is funded for
   registered managers.
"""
    assert pairs(pasted) == [
        (
            "1",
            "That the Council works with the Leicester/shire Social Care Development "
            "Group (LSCDG) to develop a career pathway for care workers.",
        ),
        ("2", "That retention rates are reported by provider twice a year."),
        ("3", "That accredited leadership training is funded for registered managers."),
    ]


def test_every_way_reports_number_them():
    pasted = "\n".join(
        [
            "1) Develop a career pathway for care workers.",
            "R2 Report retention rates by provider twice a year.",
            "3a. Fund accredited leadership training for registered managers.",
            "3b) Publish the training offer in one place for all three councils.",
            "(i) Review eligibility letters so parents understand appeal rights.",
            "(ii) Trial independent travel training for sixth-formers.",
            "R10: Report the cost per pupil to this committee each year.",
            "12(ii). Consult providers on the new rates.",
            "4.1 That the Executive writes to the Minister.",
            "Recommendation 5: That Cabinet notes the report.",
            "• 6. That the unit is hosted by Cardiff.",
            "7 – That the business case is brought back to this committee.",
        ]
    )
    assert [item.reference for item in split_numbered_list(pasted)] == [
        "1",
        "R2",
        "3a",
        "3b",
        "i",
        "ii",
        "R10",
        "12(ii)",
        "4.1",
        "5",
        "6",
        "7",
    ]
    assert split_numbered_list(pasted)[4] == PastedItem(
        "i", "Review eligibility letters so parents understand appeal rights."
    )


def test_a_blank_line_inside_an_item_keeps_its_paragraphs():
    pasted = """R1 Review eligibility letters.

The letters should say how to appeal.

R2 Trial independent travel training."""
    assert pairs(pasted) == [
        ("R1", "Review eligibility letters.\n\nThe letters should say how to appeal."),
        ("R2", "Trial independent travel training."),
    ]


def test_numbers_inside_the_text_do_not_start_an_item():
    pasted = """1. That the Council funds training for 20 care homes.
3.5 million pounds is set aside for it in 2025/26, and
2020 figures are the baseline.
10:30 meetings are kept.
2. That the training offer is published."""
    assert pairs(pasted) == [
        (
            "1",
            "That the Council funds training for 20 care homes. 3.5 million pounds is set "
            "aside for it in 2025/26, and 2020 figures are the baseline. 10:30 meetings are "
            "kept.",
        ),
        ("2", "That the training offer is published."),
    ]


def test_a_number_on_a_line_of_its_own_takes_the_next_lines():
    pasted = "1.\nThat the Council reports\nevery six months.\n2.\nThat Cabinet notes it."
    assert pairs(pasted) == [
        ("1", "That the Council reports every six months."),
        ("2", "That Cabinet notes it."),
    ]


def test_text_before_the_first_number_is_kept_without_a_reference():
    pasted = "The Commission recommends:\n\n1. That the Council reports.\n"
    assert pairs(pasted) == [
        ("", "The Commission recommends:"),
        ("1", "That the Council reports."),
    ]


def test_spaces_are_tidied_and_nothing_else_changes():
    pasted = "  1.\u00a0That   the Council’s “offer” is published –\tsoon.  \r\n"
    assert pairs(pasted) == [("1", "That the Council’s “offer” is published – soon.")]


def test_nothing_pasted_is_no_items():
    assert split_numbered_list("") == []
    assert split_numbered_list("\n \n\t\n") == []

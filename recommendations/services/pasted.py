"""A report's numbered list of recommendations, pasted as text, split into references and
texts (``split_numbered_list``). A pure function: it reads nothing and writes nothing; the
page shows what it found for the user to correct before anything is saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line that starts an item: the report's reference, as reports write it, then its text
# (or nothing, where a PDF put the number on a line of its own).
_MARKER = re.compile(
    r"""^(?:[•·▪◦‣*]\s*)?                          # a bullet before it
    (?:(?:recommendation|rec\.?)\s+)?               # "Recommendation 3:"
    (?:
        \((?P<paren>[0-9]{1,3}[a-z]?|[ivx]{1,6}|[a-z])\)          # (i) (a) (3)
      | (?P<num>[0-9]{1,3}(?:\.[0-9]{1,3})*[a-z]?(?:\((?:[ivx]{1,6}|[a-z])\))?)
        (?:[.):]|\s[-–—](?=\s))                                    # 1. 1) 3a. 12(ii): 4 –
      | (?P<r>R[0-9]{1,3}[a-z]?)(?:[.):]|\s[-–—](?=\s))?           # R1 R1. R10:
      | (?P<dec>[0-9]{1,3}(?:\.[0-9]{1,3})+)(?=\s+(?-i:["“‘'A-Z]))       # 4.1 That the ...
      | (?P<letter>[ivx]{1,6}|[a-z])\)                             # i) a)
    )
    (?:\s+(?P<text>\S.*))?$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class PastedItem:
    """One recommendation found in the pasted text: its reference as the report gives it
    (blank for text before the first numbered item) and its text."""

    reference: str
    text: str


def _reference(match: re.Match) -> str:
    for group in ("paren", "num", "r", "dec", "letter"):
        if match[group]:
            reference = match[group]
            return reference.upper() if group == "r" else reference
    return ""  # pragma: no cover - the pattern always matches one of them


def split_numbered_list(pasted: str) -> list[PastedItem]:
    """The items of a pasted numbered list, in order.

    Rules: a line starting with a reference ("1. ", "1) ", "R1 ", "3a. ", "(i) ",
    "12(ii) ", "4.1 That", "Recommendation 3: ") starts an item; a line that does not
    continues the item before it (a line wrapped by the report's layout joins it with a
    space; after a blank line it starts a new paragraph of the same item). Text before the
    first numbered line is an item of its own with no reference, so that nothing pasted is
    lost. Spaces are tidied (runs of spaces and non-breaking spaces are one space); nothing
    else in the wording is changed.
    """
    items: list[tuple[str, list[list[str]]]] = []
    gap = False
    for raw in pasted.splitlines():
        line = " ".join(raw.split())
        if not line:
            gap = True
            continue
        match = _MARKER.match(line)
        if match:
            items.append((_reference(match), [[match["text"]] if match["text"] else []]))
        elif not items:
            items.append(("", [[line]]))
        elif gap and items[-1][1][-1]:
            items[-1][1].append([line])
        else:
            items[-1][1][-1].append(line)
        gap = False
    return [
        PastedItem(reference, "\n\n".join(" ".join(lines) for lines in paragraphs if lines))
        for reference, paragraphs in items
    ]

"""A recommendation's reference as the council's report writes it ("7", "R10", "3a",
"12(ii)", "OSC (24/25) 07"), and the key that sorts references naturally.

The key is stored beside the reference (``Recommendation.sort_key``) so that every list,
pack and export orders in the database. Rows made without ``save()`` (``bulk_create``) must
set it with ``natural_sort_key`` too.
"""

from __future__ import annotations

import re
import unicodedata

REFERENCE_MAX_LENGTH = 40
# Numbers of up to this many digits compare by value. A reference of 40 characters has at
# most 20 numbers, each padded to 10 digits, between 20 letters: a key is at most 220.
NUMBER_DIGITS = 10
SORT_KEY_MAX_LENGTH = 220

_RUNS = re.compile(r"[0-9]+|[a-z]+")


def natural_sort_key(reference: str) -> str:
    """The key that orders ``reference`` naturally among its review's: each run of digits
    zero-padded by value (R2 before R10, 3 before 3a before 4), letters case-folded and
    stripped of accents, everything else left out.

    The key holds only digits and lower-case letters, which sort the same way in every
    collation (SQLite's bytes, PostgreSQL's C and language collations), digits first.
    """
    folded = unicodedata.normalize("NFKD", reference.strip().casefold())
    folded = folded.encode("ascii", "ignore").decode()
    parts = []
    for run in _RUNS.findall(folded):
        if run[0].isdigit():
            run = run.lstrip("0") or "0"
            run = run.zfill(NUMBER_DIGITS)
        parts.append(run)
    return "".join(parts)[:SORT_KEY_MAX_LENGTH]

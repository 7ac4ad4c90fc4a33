"""Cells of a spreadsheet or CSV file we write, and read back: text stays text.

Spreadsheet formula injection (OWASP, "CSV Injection"): a cell beginning with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return may be run as a formula by Excel or
LibreOffice. Anyone who may write a recommendation or an update types words that end up in
our files, so every writer passes its text through here:

- CSV: such a cell is written with a single quote before it (``'=1+1``), as OWASP
  advises; ``csv_value_read`` takes that quote off again, so that our import reads our
  export as it was typed.
- XLSX: every text cell is a string cell (``data_type "s"``), never a formula, whatever
  it begins with, so it shows the original characters; the characters XML 1.0 cannot hold
  are dropped (openpyxl refuses them, or writes a corrupt file).
"""

from __future__ import annotations

import datetime
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# XML 1.0 forbids the control characters other than tab and the line breaks.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: str) -> str:
    """Text as a spreadsheet can hold it: the characters XML cannot carry dropped, a
    carriage return as the line break XML reads it as, the rest (markup, odd Unicode, a
    leading "=") kept as typed."""
    return _NOT_IN_XML.sub("", value).replace("\r\n", "\n").replace("\r", "\n")


def could_be_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_value(value) -> str:
    """A value as a CSV cell: text that a spreadsheet could run as a formula behind a
    single quote, dates as YYYY-MM-DD (which Excel reads as a date, in any locale), nothing
    for None."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    value = str(value)
    return f"'{value}" if could_be_formula(value) else value


def csv_value_read(value: str) -> str:
    """A CSV cell as ``csv_value`` wrote it: the single quote before a would-be formula
    taken off."""
    if value.startswith("'") and could_be_formula(value[1:]):
        return value[1:]
    return value


def xlsx_value(value):
    """A value for an openpyxl cell: text cleaned by ``xml_safe`` (``as_text`` makes the
    cell a string cell), anything else (dates, numbers, None) as it is."""
    return xml_safe(value) if isinstance(value, str) else value


def as_text(cell) -> None:
    """Make an openpyxl cell holding text a string cell: openpyxl takes a value starting
    with "=" for a formula, and Excel would run it."""
    if isinstance(cell.value, str):
        cell.data_type = "s"

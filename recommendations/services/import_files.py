"""Reading a tracker spreadsheet (XLSX or CSV) into rows, refusing what is not one, and
proposing which of our fields each column fills from its heading.

Rules:
- The kind is told by the content, never by the name: a workbook is a zip holding
  ``xl/workbook.xml`` and no macros (``xl/vbaProject.bin``, or a macro-enabled content
  type); anything else must be text (UTF-8, with or without a byte order mark, or
  Windows-1252 as older Excel saves CSV) without NUL bytes. An old binary ``.xls`` is
  refused with a word on how to save it.
- Limits: ``TRACKER_IMPORT_MAX_BYTES`` for the upload, ``TRACKER_IMPORT_MAX_UNPACKED``
  for what a workbook unpacks to, ``TRACKER_IMPORT_MAX_ROWS`` rows with something in them;
  reading stops after ``EMPTY_RUN_LIMIT`` empty rows in a row (a sheet formatted down to
  row 1,048,576).
- A cell holding a formula is a problem to correct (save the values), never evaluated;
  so are merged cells below the header row (a title block above it may merge cells).
- The header row is the first of the first ``HEADER_SEARCH_ROWS`` rows in which at least
  ``HEADER_MIN_MATCHES`` cells are headings we know; else the first row with something in
  it. A title block above it ("Topic:", "Committee:") is read for the review's title.

Read with openpyxl (read-only) and the csv module, not django-import-export's formats: they
read the first sheet only, take its first row as the header, refuse a ragged CSV (a note
row) and cannot say which cells hold formulas or are merged.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from scrutiny.common.cells import csv_value_read

EMPTY_RUN_LIMIT = 1000
HEADER_SEARCH_ROWS = 30
HEADER_MIN_MATCHES = 2

# Our fields a column can fill, in the order the mapping page offers them.
FIELDS: list[tuple[str, str]] = [
    ("", _("Not imported")),
    ("reference", _("Reference")),
    ("title", _("Title")),
    ("text", _("Recommendation")),
    ("review", _("Review")),
    ("committee", _("Committee that agreed it")),
    ("agreed_on", _("Date agreed")),
    ("minute", _("Minute number")),
    ("directorate", _("Directorate or service area")),
    ("decision_maker", _("Decision-maker")),
    ("response", _("Executive response")),
    ("response_text", _("Response and reasons")),
    ("lead_officer", _("Lead officer")),
    ("bodies", _("Responsible bodies")),
    ("target_date", _("Target date")),
    ("status", _("Status")),
    ("rag", _("RAG rating (shown, not imported)")),
    ("progress", _("Progress update")),
    ("expected_outcome", _("Expected outcome")),
    ("update_date", _("Date of update")),
]
FIELD_NAMES = [name for name, _label in FIELDS]

# Headings we recognise, after lower-casing and turning everything but letters and digits
# into single spaces ("Partner(s)" is "partner s", "No." is "no").
HEADINGS: dict[str, str] = {
    **dict.fromkeys(
        ["ref", "reference", "number", "no", "rec no", "recommendation number", "rec ref"],
        "reference",
    ),
    **dict.fromkeys(["title", "short heading", "heading"], "title"),
    **dict.fromkeys(["recommendation", "recommendations", "recommendation text"], "text"),
    **dict.fromkeys(["review", "topic", "review title", "scrutiny review", "task group"], "review"),
    **dict.fromkeys(["committee", "origin", "agreed by"], "committee"),
    **dict.fromkeys(["date agreed", "agreed on", "date of meeting"], "agreed_on"),
    **dict.fromkeys(
        ["minute", "minute no", "minute number", "minute ref", "min ref", "min no"], "minute"
    ),
    **dict.fromkeys(
        ["directorate", "area", "service area", "department", "directorate or service area"],
        "directorate",
    ),
    **dict.fromkeys(
        ["decision maker", "cabinet member", "portfolio holder", "portfolio", "executive member"],
        "decision_maker",
    ),
    **dict.fromkeys(["response", "executive response", "cabinet response", "accepted"], "response"),
    **dict.fromkeys(["response and reasons", "reasons"], "response_text"),
    **dict.fromkeys(["expected outcome", "outcome"], "expected_outcome"),
    **dict.fromkeys(["lead officer", "lead officers", "responsible officer"], "lead_officer"),
    **dict.fromkeys(
        [
            "partner",
            "partners",
            "partner s",
            "responsible bodies",
            "responsible body",
            "carried by",
        ],
        "bodies",
    ),
    **dict.fromkeys(["target date", "timetable", "timescale", "deadline"], "target_date"),
    **dict.fromkeys(["status", "current status"], "status"),
    **dict.fromkeys(["rag", "rag rating", "rag status"], "rag"),
    **dict.fromkeys(
        ["progress", "progress update", "action taken", "latest update", "update"], "progress"
    ),
    **dict.fromkeys(
        ["date of update", "update date", "date updated", "last updated", "latest update date"],
        "update_date",
    ),
}

# The headings our own files write (``scrutiny.exports.recommendations``) that carry what
# the import reads: recognised in Welsh too, as a Welsh reader downloads them.
OUR_HEADINGS: list[tuple[str, str]] = [
    (_("Ref."), "reference"),
    (_("Title"), "title"),
    (_("Recommendation"), "text"),
    (_("Review"), "review"),
    (_("Agreed by"), "committee"),
    (_("Date agreed"), "agreed_on"),
    (_("Minute number"), "minute"),
    (_("Directorate or service area"), "directorate"),
    (_("Decision-maker"), "decision_maker"),
    (_("Executive response"), "response"),
    (_("Response and reasons"), "response_text"),
    (_("Expected outcome"), "expected_outcome"),
    (_("Lead officer"), "lead_officer"),
    (_("Carried by"), "bodies"),
    (_("Target date"), "target_date"),
    (_("Status"), "status"),
    (_("RAG rating"), "rag"),
    (_("Latest update"), "progress"),
    (_("Latest update date"), "update_date"),
]


@functools.cache
def _welsh_headings() -> dict[str, str]:
    from django.utils import translation

    with translation.override("cy"):
        return {heading_key(str(heading)): name for heading, name in OUR_HEADINGS}


def known_heading(heading) -> str:
    """The field a heading names ("" for none): one of ours in English, or in Welsh."""
    key = heading_key(heading)
    return HEADINGS.get(key) or _welsh_headings().get(key, "")


def heading_key(heading) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(heading or "").lower()).strip()


def propose_mapping(headings: list[str]) -> list[str]:
    """The field each heading fills, each field at most once (the first column wins)."""
    taken, mapping = set(), []
    for heading in headings:
        name = known_heading(heading)
        if name in taken:
            name = ""
        taken.add(name)
        mapping.append(name)
    return mapping


def headings_keys(headings: list[str]) -> list[str]:
    """The headings as a saved mapping compares them: normalised, in order."""
    return [heading_key(h) for h in headings]


def mapping_from_saved(headings: list[str], saved_headings: list[str], saved: list[str]) -> list:
    """The field of each column whose heading a saved mapping knows (by its normalised
    heading; "" for the others), each field at most once."""
    fields = {key: name for key, name in zip(saved_headings, saved, strict=False) if key}
    taken, mapping = set(), []
    for key in headings_keys(headings):
        name = fields.get(key, "") if key else ""
        if name in taken or name not in FIELD_NAMES:
            name = ""
        taken.add(name)
        mapping.append(name)
    return mapping


@dataclass
class Table:
    """A sheet as read: its rows (each with its row number in the file), the header row's
    headings, the title block's topic, and the formulas found (row, column heading)."""

    sheets: list[str]
    sheet: str
    header_row: int
    headings: list[str]
    rows: list[tuple[int, list]] = field(default_factory=list)
    topic: str = ""
    formulas: list[tuple[int, str]] = field(default_factory=list)
    # The first row of each block of merged cells below the header row.
    merged: list[int] = field(default_factory=list)


def _refuse(message) -> ValidationError:
    return ValidationError(str(message), code="refused")


def file_kind(content: bytes) -> str:
    """ "xlsx" or "csv" by what the content is; refuse anything else (ValidationError)."""
    if len(content) > settings.TRACKER_IMPORT_MAX_BYTES:
        raise _refuse(
            gettext("The file is larger than %(size)s MB: split it, or delete empty rows")
            % {"size": round(settings.TRACKER_IMPORT_MAX_BYTES / 1024 / 1024, 1)}
        )
    if not content.strip():
        raise _refuse(gettext("The file is empty"))
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse(gettext("This is an old Excel (.xls) file: save it as .xlsx or CSV first"))
    if content.startswith(b"PK\x03\x04"):
        _check_workbook(content)
        return "xlsx"
    if b"\x00" in content:
        raise _refuse(gettext("The file must be an Excel workbook (.xlsx) or a CSV file"))
    _decode(content)
    return "csv"


def _check_workbook(content: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        raise _refuse(gettext("The file is damaged: it is not a workbook we can read")) from None
    if "xl/workbook.xml" not in names:
        raise _refuse(gettext("The file must be an Excel workbook (.xlsx) or a CSV file"))
    if "xl/vbaProject.bin" in names or b"macroEnabled" in types:
        raise _refuse(
            gettext("The workbook contains macros: save it as an ordinary workbook (.xlsx)")
        )
    if unpacked > settings.TRACKER_IMPORT_MAX_UNPACKED:
        raise _refuse(gettext("The workbook is too large once unpacked: delete empty rows"))


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        raise _refuse(gettext("The file must be an Excel workbook (.xlsx) or a CSV file")) from None


def _cell(value):
    """A cell's value as the import reads it: text stripped, whole numbers as text ("1"),
    dates as dates."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, datetime.date):
        return value
    return str(value).strip()


class _Rows(list):
    """Rows as read, counting as it goes: stops after EMPTY_RUN_LIMIT empty rows in a row
    (``done``) and refuses more than the rows allowed."""

    def __init__(self):
        super().__init__()
        self.filled = self.empty_run = 0

    def add(self, number: int, values: list, formulas: list) -> bool:
        """Keep a row; True when reading should stop."""
        self.append((number, values, formulas))
        if _empty(values):
            self.empty_run += 1
            return self.empty_run >= EMPTY_RUN_LIMIT
        self.empty_run = 0
        self.filled += 1
        if self.filled > settings.TRACKER_IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS:
            raise _too_many()
        return False


def _too_many() -> ValidationError:
    return _refuse(
        gettext("The file has more than %(rows)s rows: split it into smaller files")
        % {"rows": settings.TRACKER_IMPORT_MAX_ROWS}
    )


def _raw_xlsx(content: bytes, sheet: str) -> tuple[list[str], str, list]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise _refuse(gettext("The file is damaged: it is not a workbook we can read")) from None
    try:
        names = book.sheetnames
        chosen = sheet if sheet in names else names[0]
        rows = _Rows()
        for number, cells in enumerate(book[chosen].iter_rows(), start=1):
            values = [_cell(c.value) for c in cells]
            formulas = [i for i, c in enumerate(cells) if getattr(c, "data_type", "") == "f"]
            if rows.add(number, values, formulas):
                break
        return names, chosen, rows, _merged_rows(content, book[chosen])
    finally:
        book.close()


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')


def _merged_rows(content: bytes, sheet) -> list[tuple[int, int]]:
    """(first, last) row of each block of merged cells (the read-only reader skips them)."""
    from openpyxl.utils.cell import coordinate_to_tuple

    path = getattr(sheet, "_worksheet_path", "")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read(path) if path in archive.namelist() else b""
    return [
        (coordinate_to_tuple(a.decode())[0], coordinate_to_tuple(b.decode())[0])
        for a, b in _MERGE.findall(xml)
    ]


def _raw_csv(content: bytes) -> list:
    text = _decode(content)
    rows = _Rows()
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            values = [_cell(c) for c in cells]
            formulas = [i for i, v in enumerate(values) if isinstance(v, str) and v[:1] == "="]
            # A would-be formula our export (or Excel) wrote as text behind a quote: the text.
            values = [_cell(csv_value_read(v)) if isinstance(v, str) else v for v in values]
            if rows.add(number, values, formulas):
                break
    except csv.Error:
        raise _refuse(gettext("The CSV file cannot be read: save it again from Excel")) from None
    return rows


def _empty(values) -> bool:
    return not any(v not in ("", None) for v in values)


def _header_index(raw) -> int:
    for index, (_n, values, _f) in enumerate(raw[:HEADER_SEARCH_ROWS]):
        known = sum(1 for v in values if known_heading(v))
        if known >= HEADER_MIN_MATCHES:
            return index
    return next((i for i, (_n, values, _f) in enumerate(raw) if not _empty(values)), 0)


def _topic(raw) -> str:
    """The review's title in a title block: the cell after one saying "Topic:" or "Review:"."""
    for _n, values, _f in raw:
        for i, value in enumerate(values[:-1]):
            if heading_key(value) in ("topic", "review", "review title") and values[i + 1]:
                return str(values[i + 1])
    return ""


def read_table(content: bytes, kind: str, sheet: str = "") -> Table:
    """The sheet (XLSX: ``sheet``, else the first) as a Table; refuse what cannot be read."""
    if kind == "xlsx":
        sheets, chosen, raw, merges = _raw_xlsx(content, sheet)
    else:
        sheets, chosen, raw, merges = [], "", _raw_csv(content), []
    if not raw or all(_empty(values) for _n, values, _f in raw):
        raise _refuse(gettext("The sheet is empty"))
    at = _header_index(raw)
    header_number, headings, _f = raw[at]
    width = max(len(values) for _n, values, _f in raw)
    headings = [str(h) for h in headings] + [""] * (width - len(headings))
    table = Table(sheets, chosen, header_number, headings, topic=_topic(raw[:at]))
    table.merged = sorted(first for first, last in merges if last > header_number)
    for number, values, formulas in raw[at + 1 :]:
        if _empty(values):
            continue
        table.rows.append((number, values + [""] * (width - len(values))))
        table.formulas += [(number, headings[i] or str(i + 1)) for i in formulas]
    if len(table.rows) > settings.TRACKER_IMPORT_MAX_ROWS:
        raise _too_many()
    return table

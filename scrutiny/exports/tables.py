"""A list as a file: CSV or XLSX, one header row and a row per record, every text cell
written as text (``scrutiny.common.cells``: never a formula a spreadsheet would run).

``Column`` names a column (a lazy translation: the file is in the reader's language) and
its width in the spreadsheet; the rows are lists of values (text, dates, numbers, None) in
the columns' order.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

from scrutiny.common.cells import as_text, csv_value, xlsx_value, xml_safe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


@dataclass(frozen=True)
class Column:
    heading: object  # a lazy translation
    width: int = 20


@dataclass
class Sheet:
    """What a file holds: its title (the sheet's name and the document's), and rows."""

    title: str
    columns: list[Column]
    rows: Iterable[list]
    author: str = ""
    subject: str = ""

    def headings(self) -> list[str]:
        return [str(column.heading) for column in self.columns]


def csv_lines(sheet: Sheet):
    """The CSV's text, a line at a time (for a streaming response): a byte order mark first,
    so that Excel reads it as UTF-8, then the header row and the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff"
    for row in [sheet.headings(), *sheet.rows]:
        writer.writerow([csv_value(value) for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def csv_bytes(sheet: Sheet) -> bytes:
    return "".join(csv_lines(sheet)).encode("utf-8")


def sheet_title(title: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    title = xml_safe(title)
    return re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31].strip() or gettext("Sheet")


def xlsx_bytes(sheet: Sheet, *, sheet_name: str = "") -> bytes:
    """The sheet as a workbook: real dates, text never a formula, wrapped text, a bold
    frozen header row with filters, and each column's width."""
    from openpyxl import Workbook

    workbook = Workbook()
    page = workbook.active
    page.title = sheet_title(sheet_name or sheet.title)
    workbook.properties.title = xml_safe(sheet.title)
    workbook.properties.creator = xml_safe(sheet.author)
    workbook.properties.subject = xml_safe(sheet.subject)
    page.append(sheet.headings())
    for row in sheet.rows:
        page.append([xlsx_value(value) for value in row])
    _style(page, sheet.columns)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _style(page, columns: list[Column]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wrap = Alignment(wrap_text=True, vertical="top")
    for row in page.iter_rows():
        for cell in row:
            cell.alignment = wrap
            if isinstance(cell.value, datetime.date):
                cell.number_format = "d mmmm yyyy"
            else:
                as_text(cell)
    for cell in page[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        page.column_dimensions[get_column_letter(index)].width = column.width
    page.freeze_panes = "A2"
    page.auto_filter.ref = page.dimensions


def download(sheet: Sheet, kind: str, filename: str, *, sheet_name: str = ""):
    """The sheet as a file to download, ``kind`` "csv" (streamed) or "xlsx", named
    ``filename`` and the kind's extension. Never kept in a shared cache: what it holds
    depends on who asked."""
    from django.http import HttpResponse, StreamingHttpResponse

    if kind == "csv":
        response = StreamingHttpResponse(
            (line.encode("utf-8") for line in csv_lines(sheet)), content_type=CSV
        )
    else:
        response = HttpResponse(xlsx_bytes(sheet, sheet_name=sheet_name), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response

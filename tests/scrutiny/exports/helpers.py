"""Reading downloaded files back as a spreadsheet or a CSV reader would."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def rows_of(response, kind: str) -> list[list]:
    """Every row, the header first: CSV cells as text, XLSX cells as openpyxl reads them."""
    assert response.status_code == 200, response.status_code
    assert response["Cache-Control"] == "private, no-store"
    data = content_of(response)
    if kind == "csv":
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    sheet = load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def cells_of(response, kind: str) -> list:
    """Every cell object (XLSX) or text (CSV), header row included."""
    data = content_of(response)
    if kind == "csv":
        reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        return [cell for row in reader for cell in row]
    sheet = load_workbook(io.BytesIO(data)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def by_heading(rows: list[list], heading: str) -> list:
    index = rows[0].index(heading)
    return [row[index] for row in rows[1:]]

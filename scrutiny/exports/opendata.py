"""Open data files: the public datasets as CSV and JSON, written a row at a time so that a
download streams however large it is, under the Open Government Licence v3.0."""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter

from django.core.serializers.json import DjangoJSONEncoder

from scrutiny.selectors import opendata

LICENCE = {
    "name": "Open Government Licence v3.0",
    "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}

# Each dataset: its fields and how its rows are read for a reader and a council.
DATASETS = {
    "reviews": (opendata.REVIEW_FIELDS, opendata.reviews),
    "recommendations": (opendata.RECOMMENDATION_FIELDS, opendata.recommendations),
    "updates": (
        ["update_id", *opendata.UPDATE_FIELDS[1:], *opendata.ENTRY_FIELDS],
        opendata.update_entry_rows,
    ),
    "actions": (opendata.ACTION_FIELDS, opendata.agreed_actions),
}

# What a spreadsheet would take for a formula when a cell starts with it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file for ``csv.writer`` that hands back each line instead of keeping it."""

    def write(self, value: str) -> str:
        return value


def _cell(value) -> str:
    """A CSV cell: dates as ISO dates, nothing as empty, and text starting like a formula
    led by an apostrophe, so that a spreadsheet shows it as text and never runs it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_lines(fields: list[str], rows: Iterable[dict]) -> Iterator[str]:
    """The header, then one line per row (UTF-8 with a byte order mark, so that Excel
    reads the accents of Welsh words)."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(fields)
    for row in rows:
        yield writer.writerow([_cell(row[field]) for field in fields])


def _json(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def json_chunks(dataset: str, council_id: int | None, items: Iterable) -> Iterator[str]:
    """``{"dataset", "council_id", "licence", "items": [...]}``, an item at a time."""
    head = {"dataset": dataset, "council_id": council_id, "licence": LICENCE}
    yield _json(head)[:-1] + ', "items": ['
    for number, item in enumerate(items):
        yield ("," if number else "") + "\n" + _json(item)
    yield "\n]}\n"


def updates_nested(rows: Iterable[dict]) -> Iterator[dict]:
    """Entry rows (``update_entry_rows``, by update) as one item per update, with its
    ``entries``."""
    update_fields = ["update_id", *opendata.UPDATE_FIELDS[1:]]
    for update_id, entries in groupby(rows, key=itemgetter("update_id")):
        entries = list(entries)
        update = {field: entries[0][field] for field in update_fields}
        update["id"] = update.pop("update_id")
        update["entries"] = [{f: e[f] for f in opendata.ENTRY_FIELDS} for e in entries]
        yield {"id": update_id, **update}


def download(dataset: str, fmt: str, user, council_id: int | None) -> Iterator[str]:
    """The dataset's file, as ``user`` may see it (the open data pages give the public's),
    read in one query as it is written."""
    fields, read = DATASETS[dataset]
    rows = read(user, council_id).iterator(chunk_size=500)
    if fmt == "csv":
        return csv_lines(fields, rows)
    if dataset == "updates":
        rows = updates_nested(rows)
    return json_chunks(dataset, council_id, rows)

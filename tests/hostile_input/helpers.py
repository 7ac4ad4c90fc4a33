"""What the hostile-input modules share: the world's meeting dates, reading a page's form
once per test, the rows a refused form must leave as they were, and reading back what a
form saved."""

from __future__ import annotations

import datetime
import re

from django.forms import IntegerField

from recommendations.models import ProgressUpdate
from tests.support.forms import form_fields

MAY = datetime.date(2021, 5, 25)
NOVEMBER = datetime.date(2021, 11, 2)


def rows(*models) -> dict:
    """Every row of ``models``, to show that a refused form saved nothing."""
    return {m._meta.label: list(m.objects.order_by("pk").values_list()) for m in models}


# Pages read once per test (every example leaves the records as they were), kept out of
# the fixtures so that a failing example's report stays short.
_PAGES: dict[str, str] = {}


def forget_pages() -> None:
    """Forget the pages read, before and after each test."""
    _PAGES.clear()


def page_of(client, url: str) -> str:
    if url not in _PAGES:
        _PAGES[url] = client.get(url).content.decode()
    return _PAGES[url]


def form_of(client, url: str, field: str) -> dict[str, list[str]]:
    """The form on the page at ``url`` with ``field``, as a browser would send it."""
    return form_fields(page_of(client, url), field)


def pk_in(location: str) -> int:
    return int(re.search(r"/(\d+)/(?:#.*)?$", location)[1])


def entry_of(w, rec_index=0, *, at_item=False):
    updates = ProgressUpdate.objects.exclude(pk=w.update.pk)
    update = updates.get(item=w.item) if at_item else updates.get()
    return update.entries.get(recommendation=w.recs[rec_index])


def django_int(value: str) -> int | None:
    """The whole number Django's IntegerField reads in ``value``, if any."""
    try:
        return IntegerField().to_python(value)
    except Exception:
        return None

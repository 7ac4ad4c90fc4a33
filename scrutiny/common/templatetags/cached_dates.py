"""Django's ``date`` filter, the same words, remembered for plain dates: a builtin of the
template engine (``TEMPLATES`` in settings), so it replaces ``date`` in every template.

Formatting a date builds a formatter and translates its month name on each call (about
0.05 ms): a work programme or meeting pack formats thousands, most of them the same few
hundred days (issue 17). A plain date's words depend only on the date, the format asked
for and the language (a datetime's also on the time zone: those are formatted afresh); the
remembered words are forgotten when a test changes a setting.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.template.defaultfilters import date as django_date
from django.utils.translation import get_language

register = template.Library()


@lru_cache(maxsize=8192)
def _words(value: datetime.date, arg: str | None, language: str | None) -> str:
    return django_date(value, arg)


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """``{{ value|date }}``, ``{{ value|date:"j F Y" }}``: as Django's ``date`` filter."""
    if type(value) is datetime.date:
        return _words(value, arg, get_language())
    return django_date(value, arg)


def _forget(**kwargs) -> None:
    _words.cache_clear()


setting_changed.connect(_forget)

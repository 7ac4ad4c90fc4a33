"""Moments in the form HTML's ``<time datetime>`` accepts."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def html_datetime(value: datetime.datetime | None) -> str:
    """A moment in local time to the whole second with its offset, as
    2030-07-01T13:30:00+01:00. Django's ``date:"c"`` keeps microseconds, and HTML allows at
    most three digits of a fraction of a second (the W3C validator refuses six)."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()

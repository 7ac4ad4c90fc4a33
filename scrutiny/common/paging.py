"""Pages of a long list: a page with only "previous" and "next" links, read without
counting the whole list (one query: the page and one row more, to know there is a next);
and the conditions of keyset pages, which start after a row rather than at an offset.

``templates/recommendations/_pagination.html`` draws it, as it draws a Django ``Page``; with
``page_param`` naming the query parameter when a page holds more than one paged list.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q


def page_number(value) -> int:
    """The page number a query parameter asks for: a whole number from 1, else 1."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


@dataclass
class SlicedPage:
    """One page of ``size`` rows of a list, numbered from 1, and whether more follow."""

    object_list: list
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __bool__(self) -> bool:
        return bool(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def sliced_page(queryset, size: int, value) -> SlicedPage:
    """Page ``value`` (a query parameter, page 1 if it is not a number) of ``queryset``."""
    number = page_number(value)
    start = (number - 1) * size
    rows = list(queryset[start : start + size + 1])
    return SlicedPage(object_list=rows[:size], number=number, has_next=len(rows) > size)


# --- Keyset pages -----------------------------------------------------------------------
#
# A page that starts after (or ends before) a row, found by comparing the list's sort keys
# with that row's: no OFFSET, so a late page reads as few rows as the first (issue 17).


@dataclass(frozen=True)
class SortKey:
    """One key of a list's order: a field (lookups allowed), ascending (never empty), or
    descending with empty values last. The last key must be unique (the primary key), so
    the order is total and every row is on exactly one page."""

    field: str
    descending: bool = False

    def order(self, reverse: bool = False):
        """The key as ``order_by`` takes it, in the list's order or the reverse."""
        if not self.descending:
            return f"-{self.field}" if reverse else self.field
        if reverse:
            return F(self.field).asc(nulls_first=True)
        return F(self.field).desc(nulls_last=True)

    def beyond(self, value, reverse: bool) -> Q:
        """Rows strictly after ``value`` in the list's order (before it, if ``reverse``)."""
        smaller = self.descending != reverse  # whether the rows beyond have smaller values
        if value is None:  # empty values sort last (only a descending key may be empty)
            return Q(**{f"{self.field}__isnull": False}) if reverse else Q(pk__in=[])
        beyond = Q(**{f"{self.field}__lt" if smaller else f"{self.field}__gt": value})
        if self.descending and not reverse:
            beyond |= Q(**{f"{self.field}__isnull": True})
        return beyond

    def same(self, value) -> Q:
        if value is None:
            return Q(**{f"{self.field}__isnull": True})
        return Q(**{self.field: value})


def keyset_order(keys: tuple[SortKey, ...], reverse: bool = False) -> list:
    return [key.order(reverse) for key in keys]


def keyset_beyond(keys: tuple[SortKey, ...], values: tuple, reverse: bool = False) -> Q:
    """Rows strictly after the row whose keys are ``values`` in the order ``keys`` give
    (strictly before it, if ``reverse``): k1 beyond, or k1 the same and the rest beyond."""
    (key, *rest), (value, *rest_values) = keys, values
    beyond = key.beyond(value, reverse)
    if rest:
        beyond |= key.same(value) & keyset_beyond(tuple(rest), tuple(rest_values), reverse)
    return beyond

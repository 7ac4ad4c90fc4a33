"""Pages of a long list: a page with only "previous" and "next" links, read without
counting the whole list (one query: the page and one row more, to know there is a next).

``templates/recommendations/_pagination.html`` draws it, as it draws a Django ``Page``; with
``page_param`` naming the query parameter when a page holds more than one paged list.
"""

from __future__ import annotations

from dataclasses import dataclass


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

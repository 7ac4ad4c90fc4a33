"""Read a page's main content as a person would: its headings, and its words."""

from __future__ import annotations

import html as html_lib
import re

from tests.support.forms import main_of


def headings(response) -> list[tuple[str, str]]:
    """The page's headings in order, as (tag, words), from the main content."""
    return [
        (tag, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", words)).strip())
        for tag, words in re.findall(r"<(h[1-6])[^>]*>(.*?)</\1>", main_of(response), flags=re.S)
    ]


def main_text(response) -> str:
    """The page's main part without its tags, spaces collapsed (entities left as written)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main_of(response)))


def words(response) -> str:
    """The text of the page's main part, as read aloud: tags gone, spaces collapsed."""
    return html_lib.unescape(main_text(response))

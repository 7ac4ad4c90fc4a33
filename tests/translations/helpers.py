"""Paths and word finding shared by the translation tests."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
OUR_APPS = ("partnerships", "recommendations", "scrutiny")
# A template tag or variable stands in the HTML as one character that is not a word.
PLACEHOLDER = "\x00"
LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def words_in(text: str) -> str:
    """``text`` without template placeholders, punctuation, digits and whitespace: what is
    left is words, which must be translated."""
    return "".join(LETTERS.findall(text.replace(PLACEHOLDER, " ")))

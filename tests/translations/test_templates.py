"""Templates: every word a page shows is inside a translation tag, PDF templates included;
and the check itself finds words left outside them."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

from tests.translations.helpers import PLACEHOLDER, ROOT, words_in

TEMPLATES = ROOT / "templates"

# Words left in English on purpose, by template and exact text, each with its reason.
ALLOWED_TEXT: dict[tuple[str, str], str] = {}

TRANSLATION_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
SKIPPED_BLOCKS = {"comment": "endcomment", "verbatim": "endverbatim", **TRANSLATION_BLOCKS}
# Attributes whose value people read or hear.
READ_ATTRIBUTES = {"alt", "title", "aria-label", "aria-description", "placeholder"}
BUTTON_INPUTS = {"submit", "button", "reset"}
# Filter arguments that are shown when the value is missing: `|default:"…"` and the like.
SHOWN_LITERAL = re.compile(r'\|(?:default|default_if_none|yesno):(["\'])(.*?)\1')
# Not words for people: language tags ("en-GB", "cy") and ids or classes ("item-").
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?|[\w-]*-[\w-]*")


def html_without_template_code(source: str) -> str:
    """The template's HTML with each tag and variable (and whatever a translation block or
    comment holds) replaced by PLACEHOLDER, keeping its newlines so lines still match."""
    out = []
    closing = None  # the end tag of the translation block or comment we are in
    for token in Lexer(source).tokenize():
        newlines = "\n" * token.contents.count("\n")
        if closing is not None:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == closing:
                closing = None
            out.append(PLACEHOLDER + newlines)
            continue
        if token.token_type == TokenType.TEXT:
            out.append(token.contents)
            continue
        if out and out[-1].endswith(("<", "</")):
            out.append("x")  # a tag named by a variable: <{{ legend_tag }} …>
            continue
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in SKIPPED_BLOCKS:
                closing = SKIPPED_BLOCKS[name]
        out.append(PLACEHOLDER + newlines)
    return "".join(out)


class WordFinder(HTMLParser):
    """Collects (line, text) of every piece of text people read that has words left."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.in_code = 0  # inside <script> or <style>

    def _check(self, text: str | None, line: int | None = None):
        if text and words_in(text):
            self.found.append((line or self.getpos()[0], text.strip()))

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.in_code += 1
        values = dict(attrs)
        for name, value in attrs:
            if name in READ_ATTRIBUTES:
                self._check(value)
        if tag == "input" and (values.get("type") or "").lower() in BUTTON_INPUTS:
            self._check(values.get("value"))
        if tag == "meta" and (values.get("name") or "").lower() == "description":
            self._check(values.get("content"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.in_code -= 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.in_code = max(0, self.in_code - 1)

    def handle_data(self, data):
        if not self.in_code:
            # The words' own line, not the line where the text (with its indent) begins.
            leading = data[: len(data) - len(data.lstrip())]
            self._check(data, self.getpos()[0] + leading.count("\n"))


def untranslated_text(path: Path) -> list[str]:
    """file:line: text for each piece of words in ``path`` outside translation tags."""
    source = path.read_text(encoding="utf-8")
    finder = WordFinder()
    finder.feed(html_without_template_code(source))
    finder.close()
    relative = path.relative_to(TEMPLATES).as_posix()
    found = [
        f"{relative}:{line}: {text.replace(PLACEHOLDER, '…')!r}"
        for line, text in finder.found
        if (relative, text.replace(PLACEHOLDER, "…")) not in ALLOWED_TEXT
    ]
    for token in Lexer(source).tokenize():
        if token.token_type in (TokenType.VAR, TokenType.BLOCK):
            for _quote, literal in SHOWN_LITERAL.findall(token.contents):
                if words_in(literal) and not LANGUAGE_TAG.fullmatch(literal):
                    found.append(f"{relative}:{token.lineno}: {literal!r} (in {{{{ … }}}})")
    return found


def all_templates() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*") if p.suffix in (".html", ".txt", ".xml"))


def test_the_template_check_finds_words_outside_translation_tags(tmp_path):
    """The check itself: a word in text, in an attribute, in a meta description, on a
    submit input or in a default filter is found; translated words, comments and the
    doctype are not."""
    templates = tmp_path / "templates"
    templates.mkdir()
    page = templates / "page.html"
    page.write_text(
        '{% load i18n %}<!DOCTYPE html>\n<html lang="cy">\n'
        "{# a comment #}{% comment %}Why it is so{% endcomment %}\n"
        '<p>{% translate "Fine" %} – 12 {{ n }}</p>\n'
        "<p>{% blocktranslate trimmed with n=x %}Fine {{ n }}{% endblocktranslate %}</p>\n"
        "<p>Left in English</p>\n"
        '<img alt="A picture" src="x.png">\n'
        '<meta name="description" content="A page">\n'
        '<input type="submit" value="Send">\n'
        '<a href="{% url \'x\' %}" aria-label="{% translate "Fine" %}">{{ x|default:"none" }}</a>\n'
        "<p>{{ council }}'s page</p>\n",
        encoding="utf-8",
    )
    global TEMPLATES
    saved, TEMPLATES = TEMPLATES, templates
    try:
        found = untranslated_text(page)
    finally:
        TEMPLATES = saved
    text = "\n".join(found)
    assert "Left in English" in text and "page.html:6:" in text
    for words in ("A picture", "A page", "Send", "'none'", "'s page"):
        assert words in text, f"{words} not found in {found}"
    assert "Fine" not in text and "comment" not in text and "Why" not in text
    assert "DOCTYPE" not in text
    assert len(found) == 6, found


def test_no_template_has_words_outside_translation_tags():
    """Every word a template shows (text, alt, title, aria-label, placeholder, a button
    input's value, the meta description, a default filter's text) is inside
    {% translate %} or {% blocktranslate %}, PDF templates included."""
    found = [line for path in all_templates() for line in untranslated_text(path)]
    assert not found, "Words outside translation tags:\n  " + "\n  ".join(found)

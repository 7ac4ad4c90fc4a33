"""Read a page's form as a browser would send it, so that tests post back exactly what the
page holds (hidden fields included) with only the answers they change."""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """Every POST form of a page: for each, what a browser sends when it is submitted
    without a named button (text, hidden and ticked inputs, textareas, chosen options)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self._form: dict[str, list[str]] | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._option: dict | None = None
        self._multiple = False

    def _add(self, name: str, value: str) -> None:
        self._form.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(name, a.get("value", "on"))
                return
            self._add(name, a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")
        elif tag == "select" and name:
            self._select, self._options = name, []
            self._multiple = "multiple" in a
        elif tag == "option" and self._select:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
            self._options.append(self._option)

    def handle_data(self, data):
        if self._textarea is not None:
            self._form[self._textarea][-1] += data
        elif self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that may follow <textarea>.
            values = self._form[self._textarea]
            values[-1] = values[-1].removeprefix("\n")
            self._textarea = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            chosen = [o for o in self._options if o["selected"]]
            if not chosen and not self._multiple:
                chosen = self._options[:1]  # a single choice always sends one
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"]
                self._add(self._select, value)
            self._select = None


def form_data(response, *, containing: str = "csrfmiddlewaretoken") -> dict:
    """What the first POST form in the page's main content with a field named
    ``containing`` sends, as a dict for the test client (a list where a name has several
    values)."""
    html = response.content.decode()
    reader = _FormReader()
    reader.feed(html[html.index("<main") : html.index("</main>")])
    for form in reader.forms:
        if containing in form:
            return {
                name: values if len(values) > 1 else values[0]
                for name, values in form.items()
                if name != "csrfmiddlewaretoken"
            }
    raise AssertionError(f"No POST form with a field named {containing!r} on the page")


def headings(response) -> list[tuple[str, str]]:
    """The page's headings in order, as (tag, words), from the main content."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return [
        (tag, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", words)).strip())
        for tag, words in re.findall(r"<(h[1-6])[^>]*>(.*?)</\1>", main, flags=re.S)
    ]


def words(response) -> str:
    """The text of the page's main part, as read aloud: tags gone, spaces collapsed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))

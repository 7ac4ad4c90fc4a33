"""Read a page's forms as a browser would send them, so that tests post back exactly what
the page holds (hidden fields included) with only the answers they change.

One reader (``read_forms``) serves three ways of asking:

- ``form_data(response)``: the first POST form of the main content with a given field, as
  a dict for the test client (the edit-conflict and atomic-save tests);
- ``page_form(response)``: the page's main POST form as a ``Form``, whose ``body()`` posts
  it back with changes (the access and mass-assignment tests);
- ``form_fields(html, field)`` and ``page_choices(html, field)``: the form with a field, as
  lists of values by name, and what the page offers for a choice (the hostile-input tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Inputs a browser sends only when they are the button pressed (or never, for files).
_BUTTONS = {"submit", "button", "image", "reset", "file"}

# In ``Form.body``: tick the first checkbox (or radio) of that name the page offers, with
# the value the page gives it.
FIRST_OFFERED = object()


@dataclass
class Form:
    """A page's form: what a browser posts when it is sent untouched."""

    action: str = ""
    method: str = "get"  # lower case
    fields: list[tuple[str, str]] = field(default_factory=list)  # sent, in page order
    controls: dict[str, str] = field(default_factory=dict)  # every named control: its kind
    offered: dict[str, list[str]] = field(default_factory=dict)  # choices' values, in order
    empty_text: list[str] = field(default_factory=list)  # the empty text areas

    @property
    def names(self) -> set[str]:
        """Every name the form has a control for, buttons included."""
        return set(self.controls)

    @property
    def inputs(self) -> list[str]:
        """The names of the controls that hold a value (not buttons), in page order."""
        return [name for name, kind in self.controls.items() if kind not in _BUTTONS]

    def sent(self) -> dict[str, list[str]]:
        """What the form sends, as lists of values by name (names sending nothing left out)."""
        data: dict[str, list[str]] = {}
        for name, value in self.fields:
            data.setdefault(name, []).append(value)
        return data

    def body(self, fill_empty: str | None = None, **changes) -> dict[str, str | list[str]]:
        """What a browser posts, with ``changes`` (a name's value; None drops it) and, with
        ``fill_empty``, that typed into every empty text area."""
        body: dict[str, str | list[str]] = {
            name: values if len(values) > 1 else values[0] for name, values in self.sent().items()
        }
        if fill_empty is not None:
            for name in self.empty_text:
                body[name] = fill_empty
        for name, value in changes.items():
            if value is None:
                body.pop(name, None)
            elif value is FIRST_OFFERED:
                body[name] = self.offered[name][0]
            else:
                body[name] = value
        return body


class _FormReader(HTMLParser):
    """Every <form> of a page: its action and method, its controls, and for each what a
    browser sends when the form is submitted without a named button (text, hidden and
    ticked inputs, text areas, chosen options)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._text = ""
        self._select: str | None = None
        self._multiple = False
        self._options: list[tuple[str, bool]] = []
        self._option: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form(
                action=a.get("action") or "", method=(a.get("method") or "get").lower()
            )
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            form.controls.setdefault(name, kind)
            if kind in _BUTTONS:
                return
            if kind in ("checkbox", "radio"):
                value = a.get("value", "on")
                form.offered.setdefault(name, []).append(value)
                if "checked" in a:
                    form.fields.append((name, value))
                return
            form.fields.append((name, a.get("value") or ""))
        elif tag == "textarea" and name:
            form.controls.setdefault(name, "textarea")
            self._textarea, self._text = name, ""
        elif tag == "select" and name:
            form.controls.setdefault(name, "select")
            self._select, self._options = name, []
            self._multiple = "multiple" in a
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data
        elif self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        form = self._form
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and form is not None:
            # A browser drops the one newline that may follow <textarea>.
            text = self._text.removeprefix("\n")
            if not text:
                form.empty_text.append(self._textarea)
            form.fields.append((self._textarea, text))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            option, self._option = self._option, None
            value = option["value"]
            if value is None:  # an option without a value sends its words
                value = " ".join(option["text"].split())
            self._options.append((value, option["selected"]))
        elif tag == "select" and self._select is not None and form is not None:
            values = [value for value, _ in self._options]
            form.offered.setdefault(self._select, []).extend(values)
            chosen = [value for value, selected in self._options if selected]
            if not self._multiple:
                chosen = chosen[:1] or values[:1]  # a single choice always sends one
            form.fields.extend((self._select, value) for value in chosen)
            self._select = None


def read_forms(html: str) -> list[Form]:
    """Every form of ``html``, in page order."""
    reader = _FormReader()
    reader.feed(html)
    reader.close()
    return reader.forms


def main_of(response) -> str:
    """The page's main content, <main> to </main>."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def form_data(response, *, containing: str = "csrfmiddlewaretoken") -> dict:
    """What the first POST form in the page's main content with a field named
    ``containing`` sends, as a dict for the test client (a list where a name has several
    values)."""
    for form in read_forms(main_of(response)):
        sent = form.sent()
        if form.method == "post" and containing in sent:
            return {
                name: values if len(values) > 1 else values[0]
                for name, values in sent.items()
                if name != "csrfmiddlewaretoken"
            }
    raise AssertionError(f"No POST form with a field named {containing!r} on the page")


def page_form(response) -> Form:
    """The page's main POST form (not the header's sign-out form): the one with most
    controls."""
    assert response.status_code == 200, f"the form page answered {response.status_code}"
    forms = [
        f
        for f in read_forms(response.content.decode())
        if f.method == "post" and "logout" not in f.action
    ]
    assert forms, "the page has no form to post"
    return max(forms, key=lambda f: len(f.names))


def _form_with(html: str, name: str) -> Form:
    for form in read_forms(html):
        if name in form.inputs:
            return form
    raise AssertionError(f"No form on the page has a field called {name!r}")


def form_fields(html: str, name: str) -> dict[str, list[str]]:
    """What a browser would send from the page's form that has a field ``name``, unchanged,
    as lists of values by name: every input's value (hidden ones too, such as a record's
    version), ticked boxes, chosen options (the first when none is), text areas. Every
    field of the form has its list, empty for a box not ticked."""
    form = _form_with(html, name)
    data: dict[str, list[str]] = {name: [] for name in form.inputs}
    for name, value in form.fields:
        data[name].append(value)
    return data


def page_choices(html: str, name: str) -> set[str]:
    """The values the page offers for a select, radios or checkboxes called ``name``."""
    return set(_form_with(html, name).offered[name])

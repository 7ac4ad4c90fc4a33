"""Hostile input for the form tests (tests/hostile_input/): known-nasty samples,
Hypothesis strategies built on them, what a form must make of a value (``Text``,
``date_outcome``, ``whole_number``), posting a form's fields (as
``tests.support.forms.form_fields`` reads them from its page) with changes, and checks on
the pages that come back."""

from __future__ import annotations

import datetime
import re
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import transaction
from django.utils.html import escape
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# --- Samples ------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
MARKUP = [
    SCRIPT,
    IMG,
    "{{ 7*7 }}",
    "{% debug %}",
    "</textarea><script>alert(1)</script>",
    "' onmouseover='alert(1)' x='",
    "javascript:alert(1)",
    "<!--",
    "&lt;b&gt; &amp; &#x27;",
]
SQLISH = [
    "'; DROP TABLE scrutiny_committee; --",
    "1' OR '1'='1",
    '" OR 1=1 --',
    "Robert'); DELETE FROM auth_user;--",
    "%_\\%",
]
ODD_UNICODE = [
    "\u202eevil.exe\u202c",  # right-to-left override
    "a\u200db\u200cc\u200bd\u2060e",  # zero-width joiner, non-joiner, space, word joiner
    "e\u0301\u0302\u0303\u0304\u0305",  # stacked combining marks
    "Z\u0364\u0351\u0313a\u0308\u0356l\u036e\u0312g\u030co\u0319",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",  # family emoji (ZWJ)
    "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",  # Welsh flag
    "\U0001d518\U0001d52b\U0001d526\U0001d520\U0001d52c\U0001d521\U0001d522",  # outside BMP
    "\U0010fffd\U000f0000",  # private use, planes 15 and 16
    "\ufeffbyte order mark",
    "\ufffd replacement",
    "\u0085\u2028\u2029 line and paragraph separators",
    "\x01\x02\x07\x08\x0b\x0c\x1b\x7f control characters",
    "tab\tand\r\nnew\nlines\rhere",
    "Ünïcödé ñ 中文 العربية עברית",
]
NUL = ["\x00", "before\x00after"]
LONG = ["x" * 10_050, "word " * 2_100, SCRIPT * 420]
NASTY = MARKUP + SQLISH + ODD_UNICODE + NUL

# --- Strategies ---------------------------------------------------------------------------

# Any character a browser can send (lone surrogates cannot be encoded as UTF-8).
_any_char = st.characters(exclude_categories=("Cs",))


def _stretch(pair: tuple[str, int]) -> str:
    """``piece`` repeated to exactly ``length`` characters."""
    piece, length = pair
    return (piece * (length // len(piece) + 1))[:length]


def hostile_text() -> st.SearchStrategy[str]:
    """Nasty samples, random text from all of Unicode, mixtures of both, and strings of
    10 000 characters or more."""
    piece = st.one_of(st.sampled_from(NASTY), st.text(_any_char, max_size=30))
    long = st.tuples(
        st.sampled_from([*MARKUP, *ODD_UNICODE, "x", "ab "]), st.integers(10_000, 12_000)
    ).map(_stretch)
    return st.one_of(
        st.sampled_from(NASTY + LONG),
        st.lists(piece, min_size=1, max_size=4).map("".join),
        long,
    )


BAD_NUMBERS = [
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "1e3",
    "0x10",
    "NaN",
    "inf",
    "99999999999999999999",
    "9" * 400,
    "2147483648",
    "32768",
    "\uff11\uff12",  # full-width 12
    "\u00b2",  # superscript two: str.isdigit() but not int()
    "\u0663",  # Arabic-Indic three
    "1\x00",
    "1 OR 1=1",
    SCRIPT,
]


def hostile_number() -> st.SearchStrategy[str]:
    """Numbers and ids no form offers: negative, huge, not numbers at all, odd digits."""
    return st.one_of(
        st.sampled_from(BAD_NUMBERS),
        st.integers(-(10**30), 10**30).map(str),
        st.text(_any_char, max_size=12),
    )


IMPOSSIBLE_DATES = [
    ("31", "2", "2021"),
    ("29", "2", "2023"),
    ("30", "2", "2024"),
    ("1", "13", "2021"),
    ("0", "1", "2021"),
    ("1", "0", "2021"),
    ("1", "1", "0"),
    ("1", "1", "0000"),
    ("1", "1", "99999"),
    ("1", "1", "1899"),
    ("1", "1", "2201"),
    ("-1", "1", "2021"),
    ("1", "-1", "2021"),
    ("1", "1", "-2021"),
    ("one", "two", "twenty"),
    ("1", "1", "21"),
    ("1.5", "1", "2021"),
    ("\uff11", "1", "2021"),
    ("1", "1", "\u0662\u0660\u0662\u0661"),  # 2021 in Arabic-Indic digits
    ("1\x00", "1", "2021"),
    ("", "1", "2021"),
    ("1", "", ""),
    (SCRIPT, "1", "2021"),
    ("99999999999999999999", "1", "2021"),
]


def hostile_date() -> st.SearchStrategy[tuple[str, str, str]]:
    """Day, month and year boxes: impossible dates, parts missing, not numbers; some real."""
    part = st.one_of(
        st.integers(-50, 100_000).map(str),
        st.sampled_from(["", " ", "x", "\u00b2", "1\x00", "1e1", "31", "2", "2024"]),
        st.text(_any_char, max_size=6),
    )
    real = st.dates(datetime.date(1890, 1, 1), datetime.date(2210, 12, 31)).map(
        lambda d: (str(d.day), str(d.month), str(d.year))
    )
    return st.one_of(st.sampled_from(IMPOSSIBLE_DATES), st.tuples(part, part, part), real)


# A modest number of generated examples per test, besides its explicit ones: each form
# has several tests (text, dates, choices), so each gets a few dozen posts in all and the
# whole file stays well under a minute per database.
# Each test's examples run in a rolled-back transaction, so the function-scoped fixtures
# (a council, its people and business, a signed-in client) are the same for every example:
# the health check that warns of fixtures shared across examples does not apply.
HOSTILE = settings(
    deadline=None,
    max_examples=6,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextmanager
def rolled_back():
    """Whatever an example saves is undone before the next example."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- What a form must make of a value -----------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A text field's rules: Django strips the ends, refuses NUL characters (PostgreSQL
    cannot store them), then checks that a required field is not empty and the length."""

    required: bool = False
    max_length: int | None = None

    def valid(self, value: str) -> bool:
        cleaned = value.strip()
        if not cleaned:
            return not self.required
        if "\x00" in cleaned:
            return False
        return self.max_length is None or len(cleaned) <= self.max_length

    @staticmethod
    def stored(value: str) -> str:
        return value.strip()

    def fit(self, value: str) -> str:
        """``value`` made valid for the field: without NUL characters, cut to length, not
        empty when required; its odd characters and the spaces at its ends kept."""
        value = value.replace("\x00", "")
        if self.max_length is not None and len(value.strip()) > self.max_length:
            value = value.strip()[: self.max_length]
        if self.required and not value.strip():
            value = "x" + value
        return value


def date_outcome(parts: tuple[str, str, str]) -> datetime.date | None | str:
    """What the day, month and year boxes mean: a date, None (all empty), or "invalid"
    (partly filled, not ASCII digits, not a real date, or a year other than four figures
    from 1900 to 2200)."""
    day, month, year = (p.strip() for p in parts)
    if not (day or month or year):
        return None
    if not (day and month and year):
        return "invalid"
    if not all(re.fullmatch(r"[0-9]+", p) for p in (day, month, year)) or len(year) != 4:
        return "invalid"
    try:
        value = datetime.date(int(year), int(month), int(day))
    except (ValueError, OverflowError):
        return "invalid"
    return value if 1900 <= value.year <= 2200 else "invalid"


def whole_number(value: str) -> int | None:
    """The whole number ``value`` plainly is (ASCII digits, optional sign, spaces at the
    ends), else None. Django reads a few more spellings (full-width digits, "1_0", "3.0");
    tests accept those without requiring them."""
    value = value.strip()
    return int(value) if re.fullmatch(r"-?[0-9]+", value) else None


def date_data(name: str, parts: tuple[str, str, str]) -> dict[str, str]:
    return {f"{name}_{i}": part for i, part in enumerate(parts)}


# --- Posting a form -----------------------------------------------------------------------


def filled(defaults: dict[str, list[str]], **changes) -> dict[str, list[str]]:
    """``defaults`` with fields replaced: a string, a list of strings, or None (not sent).
    Only fields the form has: a misspelt name would test nothing."""
    data = {name: list(values) for name, values in defaults.items()}
    for name, value in changes.items():
        assert name in data, f"the form has no field {name!r}"
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [value]
    return data


def post(client, url: str, data: dict[str, list[str]]):
    """Post ``data`` as a browser posts a form (URL-encoded UTF-8)."""
    return client.post(
        url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded"
    )


# --- Checks on the pages ------------------------------------------------------------------


def assert_no_raw_markup(html: str, *values: str) -> None:
    """No script or image markup from our samples, nor any line of ``values`` that holds
    markup characters, appears unescaped in ``html``."""
    assert SCRIPT not in html
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html
    for value in values:
        for line in re.split(r"\r\n|\r|\n", value):
            if "<" in line and len(line.strip()) >= 6:
                assert line not in html, f"unescaped: {line[:80]!r}"


def shows_escaped(html: str, value: str) -> bool:
    """Every line of ``value`` appears in ``html``, escaped."""
    return all(escape(line) in html for line in re.split(r"\r\n|\r|\n", value) if line.strip())


def assert_rejected(response, *typed: str) -> str:
    """The form came back with an error summary (the title says so), nothing was saved,
    no markup typed was echoed unescaped."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    assert "There is a problem" in html
    assert_no_raw_markup(html, *typed)
    return html


def assert_saved(response) -> str:
    """The form was accepted: the page sends the browser on to what it saved."""
    if response.status_code == 200:
        html = response.content.decode()
        summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
        raise AssertionError(f"not saved: {summary.group(1) if summary else html[:500]}")
    assert response.status_code == 302, response.status_code
    return response["Location"]

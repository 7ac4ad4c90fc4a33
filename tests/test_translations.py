"""The whole interface in Welsh: no template words outside translation tags, every msgid of
locale/cy with its Welsh, the .po up to date with the code, Welsh pages under /cy/ with
Welsh dates and a language switch back to the same page, and every form label, error
message, model field name and status name translated.

The .mo is compiled at the start of the test session (conftest.py) from the committed .po.
"""

from __future__ import annotations

import datetime
import pkgutil
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from importlib import import_module
from pathlib import Path

import polib
import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.template.base import Lexer, TokenType
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from tests.support.world import client_for

ROOT = Path(settings.BASE_DIR)
TEMPLATES = ROOT / "templates"
PO_FILE = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"
OUR_APPS = ("partnerships", "recommendations", "scrutiny")
# What makemessages reads: our apps' Python and the project's templates.
SOURCES = [*OUR_APPS, "templates"]

# Words left in English on purpose, by template and exact text, each with its reason.
ALLOWED_TEXT: dict[tuple[str, str], str] = {}

# --- a. templates: no words outside translation tags ------------------------------------

TRANSLATION_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
SKIPPED_BLOCKS = {"comment": "endcomment", "verbatim": "endverbatim", **TRANSLATION_BLOCKS}
# A template tag or variable stands in the HTML as one character that is not a word.
PLACEHOLDER = "\x00"
# Attributes whose value people read or hear.
READ_ATTRIBUTES = {"alt", "title", "aria-label", "aria-description", "placeholder"}
BUTTON_INPUTS = {"submit", "button", "reset"}
# Filter arguments that are shown when the value is missing: `|default:"…"` and the like.
SHOWN_LITERAL = re.compile(r'\|(?:default|default_if_none|yesno):(["\'])(.*?)\1')
LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
# Not words for people: language tags ("en-GB", "cy") and ids or classes ("item-").
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?|[\w-]*-[\w-]*")


def words_in(text: str) -> str:
    """``text`` without template placeholders, punctuation, digits and whitespace: what is
    left is words, which must be translated."""
    return "".join(LETTERS.findall(text.replace(PLACEHOLDER, " ")))


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


# --- b. the .po: every msgid has its Welsh ------------------------------------------------

PO_PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdifr]|\{[^{}]*\}")


def placeholders(text: str) -> list[str]:
    return sorted(PO_PLACEHOLDER.findall(text))


def test_the_welsh_catalogue_says_it_is_welsh_with_six_plural_forms():
    po = polib.pofile(str(PO_FILE))
    assert po.metadata.get("Language") == "cy"
    assert po.metadata.get("Plural-Forms", "").startswith("nplurals=6;")


def test_every_msgid_has_its_welsh():
    """No empty or fuzzy msgstr, all six plural forms, and the same placeholders as the
    English (a missing %(name)s loses a value; an extra one breaks the page)."""
    po = polib.pofile(str(PO_FILE))
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        name = repr(entry.msgid if not entry.msgctxt else f"{entry.msgctxt}|{entry.msgid}")
        if "fuzzy" in entry.flags:
            problems.append(f"{name}: fuzzy")
        if entry.msgid_plural:
            forms_ = [entry.msgstr_plural.get(i, "") for i in range(6)]
            if not all(forms_):
                problems.append(f"{name}: plural without all 6 Welsh forms")
            allowed = set(placeholders(entry.msgid) + placeholders(entry.msgid_plural))
            for form in forms_:
                if form and not set(placeholders(form)) <= allowed:
                    problems.append(f"{name}: placeholders {placeholders(form)} in {form!r}")
            if forms_[5] and set(placeholders(forms_[5])) != set(placeholders(entry.msgid_plural)):
                problems.append(f"{name}: the 'other' form must carry the plural's placeholders")
        elif not entry.msgstr:
            problems.append(f"{name}: no Welsh")
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            problems.append(f"{name}: placeholders differ in {entry.msgstr!r}")
    assert not problems, f"{len(problems)} msgids without good Welsh:\n  " + "\n  ".join(problems)


# --- c. the .po is up to date --------------------------------------------------------------


def test_the_po_file_has_every_string_the_code_marks(tmp_path, monkeypatch):
    """makemessages, run on a copy of the sources, finds no msgid the committed .po lacks
    (and the .po keeps none the code no longer has)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "migrations")
    for name in SOURCES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=ignore)
    locale = tmp_path / "locale"
    (locale / "cy" / "LC_MESSAGES").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[locale]):
        call_command("makemessages", locale=["cy"], verbosity=0, no_location=True)

    def keys(po):
        return {(e.msgctxt, e.msgid, e.msgid_plural) for e in po if not e.obsolete and e.msgid}

    wanted = keys(polib.pofile(str(locale / "cy" / "LC_MESSAGES" / "django.po")))
    committed = keys(polib.pofile(str(PO_FILE)))
    assert len(wanted) > 100, "makemessages found too little: is the copy complete?"
    missing = sorted(wanted - committed, key=str)
    stale = sorted(committed - wanted, key=str)
    assert not missing, "Run makemessages: the .po lacks\n  " + "\n  ".join(map(str, missing))
    assert not stale, "Run makemessages: the .po still has\n  " + "\n  ".join(map(str, stale))


# --- d. Welsh pages ------------------------------------------------------------------------

WELSH_MONTHS = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
]
ENGLISH_MONTHS = [datetime.date(2000, m, 1).strftime("%B") for m in range(1, 13)]
# Interface words every page has in English; none may be left on a Welsh page.
ENGLISH_EVERYWHERE = [
    "Skip to main content",
    "Service information",
    ">Home<",
    ">Committees<",
    ">Reviews<",
    ">Recommendations<",
    ">Organisations<",
    "Sign in",
    "Sign out",
    "Support links",
    "Scrutiny is held in public",
]
WELSH_EVERYWHERE = ["Neidio i'r prif gynnwys", "Hafan", "Pwyllgorau", "Argymhellion"]


def welsh(url: str) -> str:
    return f"/cy{url}"


def welsh_date(day: datetime.date) -> str:
    return f"{day.day} {WELSH_MONTHS[day.month - 1]} {day.year}"


def english_date(day: datetime.date) -> str:
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


def assert_welsh_page(html: str, url: str, english: list[str], welsh_words: list[str]):
    html = unescape(html)
    assert '<html lang="cy"' in html, url
    left = [words for words in ENGLISH_EVERYWHERE + english if words in html]
    assert not left, f"{url} has English: {left}"
    lacking = [words for words in WELSH_EVERYWHERE + welsh_words if words not in html]
    assert not lacking, f"{url} lacks the Welsh {lacking}"


def welsh_pages(world):
    """(url, English phrases it must not have, Welsh phrases it must have, a date it shows)."""
    return [
        (reverse("scrutiny:home"), [], [], None),
        (
            reverse("scrutiny:review-detail", kwargs={"pk": world.review_a.pk}),
            ["Recommendations</h2>", "Status"],
            ["Argymhellion</h2>", "Statws"],
            None,
        ),
        (
            reverse("recommendations:recommendation-detail", kwargs={"pk": world.rec_a1.pk}),
            ["Status", "Target date", "Executive response"],
            ["Statws", "Ymateb y weithrediaeth"],
            None,
        ),
        (
            reverse("scrutiny:meeting-pack", kwargs={"pk": world.meeting_a.pk}),
            ["Contents", "Other agreed actions"],
            ["Cynnwys"],
            world.meeting_a.date,
        ),
    ]


def test_welsh_pages_are_in_welsh(client, world, db):
    client_for(client, None)
    for url, english, welsh_words, day in welsh_pages(world):
        response = client.get(welsh(url))
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_welsh_page(html, url, english, welsh_words)
        if day is not None:
            assert welsh_date(day) in html, f"{url}: no Welsh date {welsh_date(day)}"
            assert english_date(day) not in html, f"{url}: English date {english_date(day)}"


def test_the_english_pages_stay_english(client, world, db):
    client_for(client, None)
    html = client.get(reverse("scrutiny:meeting-pack", kwargs={"pk": world.meeting_a.pk}))
    html = html.content.decode()
    assert '<html lang="en-GB"' in html
    assert "Skip to main content" in html
    assert english_date(world.meeting_a.date) in html


def test_a_form_with_errors_is_welsh(client, world, db):
    """The sign-in form's errors, its error summary and crispy-forms-gds's hidden "Error:"
    prefix are Welsh."""
    client_for(client, None)
    response = client.post(welsh(reverse("login")), {"username": "", "password": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert_welsh_page(
        html, "login", ["There is a problem", "Error:", "Enter your username"], ["Gwall:"]
    )


def test_the_switch_keeps_the_page_and_its_query(client, world, db):
    client_for(client, None)
    url = reverse("scrutiny:review-list") + "?page=1&q=care"
    english = client.get(url).content.decode()
    welsh_html = client.get(welsh(url)).content.decode()
    # Each language named in itself, with lang and hreflang; the current one not a link.
    assert (
        f'href="/cy{url.replace("&", "&amp;")}" lang="cy" hreflang="cy" rel="alternate">'
        "Cymraeg</a>" in english
    )
    assert 'lang="en-GB" aria-current="true">English</span>' in english
    assert (
        f'href="{url.replace("&", "&amp;")}" lang="en-GB" hreflang="en-GB" rel="alternate">'
        "English</a>" in welsh_html
    )
    assert 'lang="cy" aria-current="true">Cymraeg</span>' in welsh_html


def test_a_missing_page_switches_language_too(client, db):
    response = client.get("/cy/no-such-page/?x=1")
    assert response.status_code == 404
    assert 'href="/no-such-page/?x=1" lang="en-GB"' in response.content.decode()


# --- e. Python strings: labels, errors, field and status names ---------------------------


# Words Welsh spells as English does: their msgstr is the msgid.
SAME_IN_WELSH = {"Cabinet"}


def is_translated(text) -> bool:
    """A lazy translation whose Welsh differs from its English (or is one of the words
    Welsh spells the same)."""
    if not isinstance(text, Promise):
        return False
    with translation.override("en-gb"):
        english = str(text)
    with translation.override("cy"):
        return str(text) != english or english in SAME_IN_WELSH


def our_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and not model.__name__.startswith("Historical")
    ]


def our_subclasses(base: type) -> list[type]:
    """Every subclass of ``base`` defined in our apps' modules (all of them imported)."""
    import_our_modules()
    found, todo = [], [base]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in OUR_APPS:
            found.append(cls)
    return found


def our_choices():
    """Every TextChoices and IntegerChoices class defined in our apps."""
    return our_subclasses(models.Choices)


def import_our_modules():
    """Import every module of our apps, so that every form and choices class is defined
    (some are imported only when a URL is first resolved)."""
    skip = {"migrations", "management", "templatetags", "wsgi", "asgi", "settings"}
    for app in OUR_APPS:
        package = import_module(app)
        for module in pkgutil.iter_modules(package.__path__):
            if module.name not in skip:
                import_module(f"{app}.{module.name}")


def form_fields(cls) -> dict:
    """The fields of a form as shown: an instance's (its __init__ may relabel them) when
    it can be made without a request, else the class's own."""
    from partnerships.models import User

    for args in [(), (User(),)]:
        try:
            return cls(*args).fields
        except Exception:  # noqa: BLE001 (a form needing other arguments: its class fields)
            continue
    return getattr(cls, "base_fields", {})


def our_forms():
    """Every form class defined in our apps' modules."""
    return our_subclasses(forms.BaseForm)


def test_every_status_name_is_translated():
    choices = our_choices()
    assert len(choices) >= 3, choices
    wrong = [
        f"{cls.__module__}.{cls.__name__}.{member.name}: {member.label!r}"
        for cls in choices
        for member in cls
        if not is_translated(member.label)
    ]
    assert not wrong, "Choice labels without Welsh:\n  " + "\n  ".join(wrong)


# Apps whose field names people read outside the admin: the history page and the
# edit-conflict comparison name recommendations' and organisations' fields.
FIELD_NAMES_SHOWN = ("partnerships", "recommendations")


def test_every_model_and_field_name_is_translated():
    wrong = []
    for model in our_models():
        meta = model._meta
        for name in ("verbose_name", "verbose_name_plural"):
            # Set in Meta: the defaults (from the class name, plus "s") are English.
            if not is_translated(meta.original_attrs.get(name)):
                wrong.append(f"{meta.label}.Meta.{name}")
        for field in meta.get_fields(include_parents=True):
            if field.auto_created or not field.concrete:
                continue
            # The scrutiny app's field names are shown only in the admin, which stays in
            # English; its forms give every field its own label (checked below).
            if meta.app_label in FIELD_NAMES_SHOWN and not is_translated(field.verbose_name):
                wrong.append(f"{meta.label}.{field.name}: {field.verbose_name!r}")
            if field.help_text and not is_translated(field.help_text):
                wrong.append(f"{meta.label}.{field.name} help: {field.help_text!r}")
    assert not wrong, "Model and field names without Welsh:\n  " + "\n  ".join(wrong)


def test_every_form_label_help_and_error_is_translated():
    """Labels, help texts, error messages and choice labels a form class declares (those
    a model field gives it are checked above)."""
    classes = our_forms()
    assert len(classes) >= 5, classes
    wrong = []
    for cls in classes:
        where = f"{cls.__module__}.{cls.__name__}"
        with translation.override("cy"):
            welsh_fields = form_fields(cls)
        for name, field in form_fields(cls).items():
            for attr in ("label", "help_text"):
                value = getattr(field, attr)
                # A text made in __init__ with gettext is plain: compare it with the Welsh
                # form's.
                welsh_value = getattr(welsh_fields.get(name), attr, value)
                if isinstance(value, str) and not isinstance(value, Promise):
                    plain_welsh = str(welsh_value) != value
                else:
                    plain_welsh = False
                if value and words_in(str(value)) and not (plain_welsh or is_translated(value)):
                    wrong.append(f"{where}.{name}.{attr}: {value!r}")
            for code, message in field.error_messages.items():
                if not is_translated(message):
                    wrong.append(f"{where}.{name} error {code}: {message!r}")
            if isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                for _value, label in field.choices:
                    shown = isinstance(label, str | Promise) and words_in(str(label))
                    if shown and not is_translated(label):
                        wrong.append(f"{where}.{name} choice: {label!r}")
            empty_label = getattr(field, "empty_label", None)
            if empty_label and words_in(str(empty_label)) and not is_translated(empty_label):
                wrong.append(f"{where}.{name} empty label: {empty_label!r}")
    assert not wrong, "Form texts without Welsh:\n  " + "\n  ".join(wrong)


def test_the_python_checks_can_fail():
    """is_translated tells a plain string and an untranslated lazy one from Welsh."""
    from django.utils.translation import gettext_lazy

    assert not is_translated("Status")
    assert not is_translated(gettext_lazy("No msgid like this one anywhere"))
    assert is_translated(gettext_lazy("This field is required."))  # Django's own Welsh


@pytest.mark.parametrize("code", ["cy"])
def test_the_compiled_catalogue_is_used(code):
    """conftest.py compiled the .mo: a msgid of ours reads in Welsh."""
    with translation.override(code):
        assert translation.gettext("Skip to main content") != "Skip to main content"


def test_django_own_messages_are_welsh(client, world, db):
    """Django's password validators and form errors under /cy/: its own Welsh, or ours
    (scrutiny/common/i18n_extra.py) where Django has none."""
    client_for(client, world.officer)
    url = welsh(reverse("password_change"))
    response = client.post(
        url, {"old_password": "wrong", "new_password1": "123", "new_password2": "123"}
    )
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "This password is too short" not in html
    assert "Mae'r cyfrinair hwn yn rhy fyr" in html
    assert "Mae'r cyfrinair hwn yn rhifau i gyd." in html

"""The Welsh catalogue (locale/cy): every msgid has its Welsh with the English's
placeholders, the .po is up to date with the strings the code marks, and the compiled .mo
is used."""

from __future__ import annotations

import re
import shutil

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from tests.translations.helpers import OUR_APPS, ROOT

PO_FILE = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"
# What makemessages reads: our apps' Python and the project's templates.
SOURCES = [*OUR_APPS, "templates"]

# --- the .po: every msgid has its Welsh ------------------------------------------------

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


# --- the .po is up to date --------------------------------------------------------------


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


# --- the compiled catalogue --------------------------------------------------------------


@pytest.mark.parametrize("code", ["cy"])
def test_the_compiled_catalogue_is_used(code):
    """conftest.py compiled the .mo: a msgid of ours reads in Welsh."""
    with translation.override(code):
        assert translation.gettext("Skip to main content") != "Skip to main content"

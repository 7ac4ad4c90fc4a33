"""The Welsh interface's compiled catalogue: .mo files are built from the committed .po
files, never committed themselves, so the test run and ``manage.py demo`` compile them when
one is missing or older than its .po (CI compiles them in its build step)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management import call_command


def stale_catalogues() -> list[Path]:
    """Each .po file under settings.LOCALE_PATHS whose .mo is missing or older."""
    stale = []
    for locale_path in settings.LOCALE_PATHS:
        for po in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                stale.append(po)
    return stale


def compile_translations() -> list[Path]:
    """Compile the project's own catalogues if any is stale; return the ones that were.

    compilemessages would also walk the current directory for every ``locale`` folder
    (the virtualenv's Django included): ignoring every folder leaves it settings.LOCALE_PATHS.
    """
    stale = stale_catalogues()
    if stale:
        locales = sorted({po.parent.parent.name for po in stale})
        call_command("compilemessages", locale=locales, ignore_patterns=["*"], verbosity=0)
    return stale

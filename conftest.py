"""Shared fixtures: Playwright drives Debian's Chromium (it cannot download its own)."""

import shutil

import pytest


def pytest_sessionstart(session):
    """The Welsh pages and the translation tests read the compiled catalogue (.mo), which is
    not committed: compile it when it is missing or older than its .po."""
    from scrutiny.translations import compile_translations

    compile_translations()


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }

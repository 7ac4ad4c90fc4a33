"""Shared fixtures: Playwright drives Debian's Chromium (it cannot download its own)."""

import pytest

from tests.checkers import CHROMIUM, CHROMIUM_ARGS


def pytest_sessionstart(session):
    """Before any test: the system packages the tests need are there (installed now when
    this process may, else the run stops with the command to run), and the Welsh catalogue
    (.mo, not committed) is compiled when it is missing or older than its .po."""
    from scrutiny.translations import compile_translations
    from tests.checkers.system import ensure_system_packages

    # xdist's workers start after the controller has checked.
    if not hasattr(session.config, "workerinput"):
        problem = ensure_system_packages()
        if problem:
            pytest.exit(problem, returncode=pytest.ExitCode.USAGE_ERROR)
    compile_translations()


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request to a Welsh page leaves Welsh active in the thread (LocaleMiddleware
    activates a language and never deactivates it), which would turn the next test's
    reverse() into /cy/ URLs: every test starts and ends in the default language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }

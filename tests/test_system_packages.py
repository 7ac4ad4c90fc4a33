"""A fresh machine: the test run finds which Debian packages it lacks and names the one
command that installs them, instead of failing test by test."""

import subprocess
import sys
from pathlib import Path

from tests.checkers.system import install_command, missing_packages

ROOT = Path(__file__).resolve().parent.parent


def test_a_machine_without_the_programs_lacks_their_packages(tmp_path):
    missing = missing_packages(path=str(tmp_path))
    for package in ("chromium", "poppler-utils", "gettext", "default-jre-headless", "npm"):
        assert package in missing
    assert missing.count("poppler-utils") == 1
    assert install_command(["chromium", "gettext"]) == (
        "sudo apt-get install -y --no-install-recommends chromium gettext"
    )


def test_this_machine_has_every_package():
    assert missing_packages() == []


def test_a_run_without_the_programs_stops_at_once_with_the_command(tmp_path):
    """As a user who is not root: nothing is installed, no test runs, one message says what
    to run. (Python is started by its path; PATH holds nothing, apt-get included.)"""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "tests/test_layers.py"],
        cwd=ROOT,
        env={"PATH": str(tmp_path), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 4, output
    assert "sudo apt-get install -y --no-install-recommends chromium" in output
    assert "passed" not in output and "failed" not in output

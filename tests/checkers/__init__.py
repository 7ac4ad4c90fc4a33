"""The Node checkers the tests run: the W3C Nu HTML validator (npm ``vnu-jar``, a Java
program) and Lighthouse, pinned in this folder's package-lock.json.

The README's set-up is ``uv sync`` then ``uv run pytest``, so the tests install these
themselves: ``npm ci`` here when node_modules is missing or older than the lock. Without
npm, Java or Chromium the checks cannot run, and that is a failure with the reason, never a
skip: a check that quietly does not run proves nothing.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

CHECKERS = Path(__file__).resolve().parent
LOCK = CHECKERS / "package-lock.json"
NODE_MODULES = CHECKERS / "node_modules"
# npm writes its own copy of the lock into node_modules when an install finishes.
INSTALLED = NODE_MODULES / ".package-lock.json"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# How every test starts Debian's Chromium, through Playwright or Lighthouse: headless, as
# root, and never reaching out to Google's services.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# npm ci downloads the two packages (about 150 small ones in all) from the registry.
INSTALL_TIMEOUT = 300


def _need(program: str, why: str) -> str:
    found = shutil.which(program)
    if found is None:
        pytest.fail(f"{program} is not installed, and {why}.", pytrace=False)
    return found


def _up_to_date() -> bool:
    return INSTALLED.exists() and INSTALLED.stat().st_mtime >= LOCK.stat().st_mtime


def install() -> None:
    """``npm ci`` in tests/checkers unless node_modules already holds what the lock says.
    Test runs started at once (in other working copies' shells, or by xdist) wait for one
    another on a lock of package-lock.json: npm ci deletes node_modules before it installs."""
    npm = _need("npm", "the HTML and Lighthouse checks install their tools with it (Node 20)")
    with LOCK.open() as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if _up_to_date():
                return
            done = subprocess.run(
                [npm, "ci", "--no-audit", "--no-fund"],
                cwd=CHECKERS,
                capture_output=True,
                text=True,
                timeout=INSTALL_TIMEOUT,
                check=False,
            )
            if done.returncode != 0:
                pytest.fail(
                    f"npm ci in {CHECKERS} failed ({done.returncode}):\n"
                    f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}",
                    pytrace=False,
                )
            # npm ci keeps the mtime of an unchanged .package-lock.json: touch it, or every
            # run would install again.
            INSTALLED.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def vnu_jar() -> tuple[str, Path]:
    """Java and the validator's jar, installed if need be."""
    java = _need("java", "the W3C Nu HTML validator (vnu.jar) runs on Java 11 or newer")
    install()
    assert VNU_JAR.exists(), f"npm ci did not install {VNU_JAR}"
    return java, VNU_JAR


@pytest.fixture(scope="session")
def lighthouse() -> Path:
    """The Lighthouse command, installed if need be, with Chromium to drive."""
    _need("node", "Lighthouse runs on Node")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not at {CHROMIUM}: Lighthouse drives it.", pytrace=False)
    install()
    assert LIGHTHOUSE.exists(), f"npm ci did not install {LIGHTHOUSE}"
    return LIGHTHOUSE


@dataclass
class Finding:
    """One error the validator reports in one file."""

    path: Path
    line: int | None
    message: str
    extract: str


def validate(java: str, jar: Path, paths: list[Path], timeout: int = 300) -> list[Finding]:
    """Every error the Nu validator finds in ``paths``, all checked by one Java process
    (starting the JVM costs about a second; checking a page costs a few milliseconds)."""
    done = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    # The JSON report goes to stderr; exit status 1 only says that some error was found.
    try:
        report = json.loads(done.stderr or done.stdout)
    except json.JSONDecodeError:
        pytest.fail(
            f"vnu.jar gave no JSON report (exit {done.returncode}):\n"
            f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}",
            pytrace=False,
        )
    findings = []
    for message in report.get("messages", []):
        if message.get("type") == "info":
            continue
        url = message.get("url", "")
        findings.append(
            Finding(
                path=Path(url.removeprefix("file:")),
                line=message.get("lastLine"),
                message=message.get("message", ""),
                extract=message.get("extract", ""),
            )
        )
    return findings

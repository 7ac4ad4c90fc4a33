"""The system packages the tests need on Debian: Chromium (the browser tests), poppler (PDFs
read back), gettext (the Welsh catalogue), Java and Node (the HTML validator, Lighthouse) and
the pango and harfbuzz libraries WeasyPrint draws with.

``uv run pytest`` on a fresh machine installs what is missing when it can (as root, with
apt-get), and otherwise stops before the first test with one message naming the command to
run: never a run where some tests fail for want of a program.
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess

# (program or library, Debian package): a library is named as ctypes.util.find_library
# names it, prefixed "lib:".
NEEDED = [
    ("chromium", "chromium"),
    ("pdftotext", "poppler-utils"),
    ("pdffonts", "poppler-utils"),
    ("msgfmt", "gettext"),
    ("java", "default-jre-headless"),
    ("node", "nodejs"),
    ("npm", "npm"),
    ("lib:pango-1.0", "libpango-1.0-0"),
    ("lib:pangoft2-1.0", "libpangoft2-1.0-0"),
    ("lib:harfbuzz-subset", "libharfbuzz-subset0"),
]

APT_TIMEOUT = 900


def _present(thing: str, path: str | None) -> bool:
    if thing.startswith("lib:"):
        return ctypes.util.find_library(thing[4:]) is not None
    return shutil.which(thing, path=path) is not None


def missing_packages(path: str | None = None) -> list[str]:
    """The Debian packages whose program or library is not found (on ``path``, else PATH)."""
    missing = []
    for thing, package in NEEDED:
        if package not in missing and not _present(thing, path):
            missing.append(package)
    return missing


def install_command(packages: list[str]) -> str:
    return "sudo apt-get install -y --no-install-recommends " + " ".join(packages)


def _apt_install(packages: list[str]) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
    ):
        subprocess.run(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=APT_TIMEOUT,
            check=False,
        )


def ensure_system_packages() -> str | None:
    """Install what is missing when this process may (root, apt-get); the message to stop
    with when something is still missing, else None."""
    missing = missing_packages()
    if not missing:
        return None
    if os.geteuid() == 0 and shutil.which("apt-get"):
        _apt_install(missing)
        missing = missing_packages()
        if not missing:
            return None
    return (
        "The tests need system packages that are not installed: "
        f"{', '.join(missing)}. Install them, then run the tests again:\n\n"
        f"    {install_command(missing)}\n"
    )

"""At most N of a costly thing at once on this machine: each slot is a file locked with
``flock`` while its holder works, so every gunicorn worker and thread counts against the
same few, and a slot is freed by the system the moment its holder ends, even if it dies.

Used for rendering PDFs for anonymous visitors: each takes seconds of CPU, and four at
once slowed the whole site. Whoever finds every slot taken waits up to a few seconds for
one, then is told to come back (``Busy``: the view answers 503 with ``Retry-After``).
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

POLL_SECONDS = 0.1


class Busy(Exception):
    """Every slot was taken for as long as the caller would wait."""


def _try_lock(directory: Path, name: str, slots: int) -> int | None:
    for n in range(slots):
        fd = os.open(directory / f"{name}-{n}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        return fd
    return None


@contextmanager
def slot(directory: str | Path, name: str, *, slots: int, wait: float) -> Iterator[None]:
    """Hold one of ``slots`` slots called ``name`` (files in ``directory``) while the block
    runs, waiting up to ``wait`` seconds for one; ``Busy`` when none came free."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while (fd := _try_lock(directory, name, slots)) is None:
        if time.monotonic() >= deadline:
            raise Busy(name)
        time.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

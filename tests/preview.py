"""`opcc-site serve` running in a thread for a test, on a free port."""

from __future__ import annotations

import threading
import time
import urllib.error
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.commands.serve import run_serve
from generator.project import Project


def wait_for(predicate: Callable[[], object], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except urllib.error.URLError:
            pass  # the preview folder is being swapped for the rebuilt one
        time.sleep(0.2)
    return False


@contextmanager
def running_preview(root: Path) -> Iterator[tuple[str, list[str]]]:
    """(the preview's address, the messages it has printed so far)."""
    messages: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=run_serve,
        kwargs={
            "project": Project(root),
            "host": "127.0.0.1",
            "port": 0,
            "echo": messages.append,
            "poll_seconds": 0.2,
            "stop": stop,
        },
        daemon=True,
    )
    thread.start()
    try:
        started = wait_for(lambda: any(m.startswith("Preview at") for m in messages), 60)
        assert started, messages
        address = next(m for m in messages if m.startswith("Preview at")).split()[2]
        yield address, messages
    finally:
        stop.set()
        thread.join(timeout=10)

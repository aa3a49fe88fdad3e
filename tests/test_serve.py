"""`opcc-site serve`: a preview that rebuilds when a source changes."""

from __future__ import annotations

import re
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from generator.commands.serve import run_serve
from generator.project import Project
from generator.render.security import SECURITY_HEADERS
from tests.conftest import document_text, write


def _wait_for(predicate, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except urllib.error.URLError:
            pass  # the preview folder is being swapped for the rebuilt one
        time.sleep(0.2)
    return False


def test_preview_rebuilds_on_change(project: Path) -> None:
    messages: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=run_serve,
        kwargs={
            "project": Project(project),
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
        assert _wait_for(lambda: any(m.startswith("Preview at") for m in messages)), messages
        address = next(m for m in messages if m.startswith("Preview at")).split()[2]
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", address)
        response = urllib.request.urlopen(address + "cy/")
        assert "Gwybodaeth i ymgeiswyr." in response.read().decode()
        # The preview sends the headers the web team is asked to send.
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value
        try:
            urllib.request.urlopen(address + "no-such-page/")
        except urllib.error.HTTPError as missing:
            assert missing.code == 404
            assert "Heb ddod o hyd" in missing.read().decode()
        else:
            raise AssertionError("a missing page was served")

        write(project, "content/index.cy.md", document_text("Hafan", "Croeso newydd."))
        assert _wait_for(
            lambda: "Croeso newydd." in urllib.request.urlopen(address + "cy/").read().decode()
        ), messages

        write(project, "content/index.cy.md", "---\ntitle: [\n---\n")
        assert _wait_for(lambda: any("Y003" in m for m in messages)), messages
        page = urllib.request.urlopen(address + "cy/").read().decode()
        assert "Croeso newydd." in page  # the last good preview stays
    finally:
        stop.set()
        thread.join(timeout=10)

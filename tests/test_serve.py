"""`opcc-site serve`: a preview that rebuilds when a source changes."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.render.security import SECURITY_HEADERS
from tests.conftest import document_text, write
from tests.preview import running_preview, wait_for


def test_preview_rebuilds_on_change(project: Path) -> None:
    with running_preview(project) as (address, messages):
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
        assert wait_for(
            lambda: "Croeso newydd." in urllib.request.urlopen(address + "cy/").read().decode()
        ), messages

        write(project, "content/index.cy.md", "---\ntitle: [\n---\n")
        assert wait_for(lambda: any("Y003" in m for m in messages)), messages
        page = urllib.request.urlopen(address + "cy/").read().decode()
        assert "Croeso newydd." in page  # the last good preview stays


def test_an_edit_saved_as_the_first_build_ends_is_built_next(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.commands import serve

    real = serve.run_build
    calls: list[int] = []

    def build_then_edit(*args: object, **kwargs: object) -> object:
        outcome = real(*args, **kwargs)  # type: ignore[arg-type]
        if not calls:  # saved after the first build read the sources, before it returned
            write(project, "content/index.cy.md", document_text("Hafan", "Golygiad hwyr."))
        calls.append(1)
        return outcome

    monkeypatch.setattr(serve, "run_build", build_then_edit)
    with running_preview(project) as (address, messages):
        assert wait_for(
            lambda: "Golygiad hwyr." in urllib.request.urlopen(address + "cy/").read().decode()
        ), messages


def test_a_preview_ended_by_the_system_leaves_nothing_running(project: Path) -> None:
    """SIGTERM (a terminal closed, a service stopped) ends the preview as Ctrl+C does: its
    web server and engines stop, and the port is free again."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    preview = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--root", str(project), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # As under nohup: a hang-up is ignored, and must stay so.
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),
    )

    def serving() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=5) as answer:
                return answer.status == 200
        except OSError:
            return False

    try:
        assert wait_for(serving, 120)
        children = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(preview.pid)], capture_output=True, text=True
        ).stdout.split()
        assert children  # the web server and the waiting engines
        preview.send_signal(signal.SIGHUP)
        time.sleep(1)
        assert preview.poll() is None and serving()
        preview.send_signal(signal.SIGTERM)
        output, _ = preview.communicate(timeout=60)
    finally:
        if preview.poll() is None:
            preview.kill()
    assert "Preview stopped." in output and "Traceback" not in output, output

    def gone(pid: str) -> bool:
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        return False

    assert wait_for(lambda: all(gone(pid) for pid in children), 10)
    assert not serving()


def test_before_the_first_build_the_preview_says_it_is_coming(tmp_path: Path) -> None:
    """Staff who open the preview at once see, in both languages, that it is being built
    (or that it could not be), and the page reloads itself, rather than "not found"."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from generator.commands.serve import FIRST_BUILD_FAILED, _QuietHandler

    handler = functools.partial(_QuietHandler, directory=str(tmp_path / "not-built-yet"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def answer() -> tuple[int, str, str]:
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/en/", timeout=5)
        policy = caught.value.headers["Content-Security-Policy"]
        return caught.value.code, caught.value.read().decode("utf-8"), policy

    try:
        code, page, policy = answer()
        assert code == 503 and policy
        assert "The preview is being built." in page
        assert "Mae'r rhagolwg yn cael ei adeiladu." in page
        assert '<meta http-equiv="refresh" content="2">' in page
        (tmp_path / FIRST_BUILD_FAILED).touch()
        code, page, _ = answer()
        assert code == 503
        assert "The preview could not be built." in page
        assert "Nid oedd modd adeiladu'r rhagolwg." in page
    finally:
        server.shutdown()
        server.server_close()


def test_the_preview_is_told_of_changed_sources_at_once(tmp_path: Path) -> None:
    """Notices from the system wake the preview as a source is saved, and only for the
    folders it builds from; between notices it compares the sources only now and then."""
    from generator.commands.serve import _Watching

    for name in ("content", "elsewhere"):
        (tmp_path / name).mkdir()
    watching = _Watching(tmp_path)
    try:
        assert watching.live
        assert watching.poll_every(0.5) == _Watching.SAFETY_SECONDS
        assert not watching.wait(0.3)
        (tmp_path / "elsewhere" / "notes.txt").write_text("not a source", "utf-8")
        assert not watching.wait(0.5)
        (tmp_path / "content" / "page.en.md").write_text("---\ntitle: T\n---\n", "utf-8")
        assert watching.wait(5)
    finally:
        watching.stop()

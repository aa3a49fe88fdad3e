"""`opcc-site serve`: a live preview for staff.

The site is built into a private preview folder and served on this computer only; the
sources are watched, and every change triggers a new build. A build that fails prints
its problems and keeps the last good preview, exactly as a real build keeps the site.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import multiprocessing
import os
import select
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from generator.build.engine import Engines
from generator.commands.build import run_build
from generator.commands.report import grouped
from generator.project import Project
from generator.render.security import SECURITY_HEADERS

WATCHED = ("content", "responses", "site_templates", "mkdocs.yml", ".private")


def fingerprint(project: Project) -> str:
    """A digest of every watched file's name, size and modification time."""
    digest = hashlib.sha256()
    for name in WATCHED:
        top = project.root / name
        paths = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for path in paths:
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        # The headers docs/web-team.md asks the web team to send, so that the preview
        # refuses whatever the published site would refuse.
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Missing addresses get the site's own bilingual not-found page; before the
        first build is in place, a page in both languages that says it is coming."""
        page = Path(self.directory) / "404.html"
        if code == 404 and not page.is_file():
            failed = (Path(self.directory).parent / FIRST_BUILD_FAILED).exists()
            body = _waiting_page("failed" if failed else "building")
            code = 503
        elif code != 404:
            super().send_error(code, message, explain)
            return
        else:
            body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


FIRST_BUILD_FAILED = "first-build-failed"  # beside the preview's folder, while true


def _waiting_page(state: str) -> bytes:
    """Shown until a first build of the preview is in place, in both languages: that it
    is being built, or that it failed (``state``); it reloads itself."""
    from html import escape

    from generator.content.model import LANGS
    from generator.i18n import Translator

    def text(lang: str, key: str) -> str:
        return escape(Translator(lang)(f"preview.{key}"), quote=False)

    parts = [
        f'<section lang="{lang}"><h1>{text(lang, f"{state}_title")}</h1>'
        f"<p>{text(lang, state)}</p></section>"
        for lang in LANGS
    ]
    title = " / ".join(text(lang, f"{state}_title") for lang in LANGS)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="refresh" content="2"><title>{title}</title></head>'
        f"<body><main>{''.join(parts)}</main></body></html>\n"
    ).encode()


def run_serve(
    project: Project,
    host: str,
    port: int,
    echo: Callable[[str], None] = print,
    poll_seconds: float = 0.5,
    stop: threading.Event | None = None,
    today: date | None = None,
) -> None:
    stop = stop or threading.Event()
    # By its full name, as every cache is keyed.
    project = dataclasses.replace(project, root=Path(os.path.abspath(project.root)))
    with tempfile.TemporaryDirectory(prefix="opcc-preview-") as preview_name:
        preview = Path(preview_name) / "site"
        handler = functools.partial(_QuietHandler, directory=str(preview))
        server = ThreadingHTTPServer((host, port), handler)
        # The web server runs in a process of its own, started before any engine (which
        # it would otherwise inherit a pipe to), so that this process has no thread
        # besides its own and each rebuild can fork its work onto every core.
        serving = _Serving(server)
        watching = _Watching(project.root)

        standby: list[Engines] = []

        def rebuild() -> None:
            # The engines for the next build wait, already loaded, while staff edit.
            engines = standby.pop() if standby else None
            outcome = run_build(project, preview, echo=echo, today=today, engines=engines)
            if engines is not None and not engines.closed:
                standby.append(engines)  # nothing had changed: not needed yet
            else:
                standby.append(Engines.for_project(project))
            if outcome.check is not None:
                for line in grouped(outcome.check.diagnostics):
                    echo(line)
            # A good build says only that it is done: the build report (where to upload
            # from) is about a real build, not the private preview folder.
            for line in outcome.messages if not outcome.ok else outcome.messages[-1:]:
                echo(line)
            if not outcome.ok and preview.exists():
                echo("The preview still shows the last version that built.")
            failed = Path(preview_name) / FIRST_BUILD_FAILED
            if outcome.ok or (preview / "404.html").is_file():
                failed.unlink(missing_ok=True)
            else:
                failed.touch()

        # Ended by the system (a terminal closed, a service stopped) as by Ctrl+C: the web
        # server's process and the waiting engines are stopped, the preview removed.
        ended = _EndedBySignals()
        try:
            # Taken before the build reads the sources, so that an edit saved while it
            # runs is built next, not taken for what was built.
            last = fingerprint(project)
            rebuild()
            preview.mkdir(parents=True, exist_ok=True)
            echo(f"Preview at http://{host}:{server.server_port}/ (press Ctrl+C to stop)")
            checked = time.monotonic()
            while not stop.is_set():
                # Told of a change by the system at once, the sources are compared then;
                # otherwise (no notices here, or one missed) every few seconds.
                told = watching.wait(poll_seconds)
                if stop.is_set():
                    break
                if not told and time.monotonic() - checked < watching.poll_every(poll_seconds):
                    continue
                checked = time.monotonic()
                now = fingerprint(project)
                if now != last:
                    last = now
                    echo("A file changed; building the preview again...")
                    rebuild()
        except KeyboardInterrupt:
            echo("Preview stopped.")
        finally:
            ended.close()
            watching.stop()
            serving.stop()
            for engines in standby:
                engines.__exit__(None, None, None)


class _EndedBySignals:
    """SIGTERM and SIGHUP end the preview as Ctrl+C does, while it runs; where signals
    cannot be caught (not the main thread: the tests' previews), nothing changes."""

    def __init__(self) -> None:
        self.before: dict[int, Any] = {}
        if threading.current_thread() is not threading.main_thread():
            return
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            # A signal ignored by whoever started the preview (nohup) stays ignored.
            if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
                self.before[number] = signal.signal(number, _interrupt)

    def close(self) -> None:
        for number, handler in self.before.items():
            if handler is not None:  # None: a handler not set from Python, left as it is
                signal.signal(number, handler)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class _Watching:
    """Notices of changed sources from the system (inotify and the like, through
    watchdog, as `mkdocs serve` has them), in a forked process of its own so that this
    one keeps a single thread; each notice is a byte on a pipe. Where notices cannot be
    had, none come, and the sources are compared on every poll instead."""

    SAFETY_SECONDS = 5.0  # how often the sources are compared when notices do come

    def __init__(self, root: Path) -> None:
        self.process: multiprocessing.process.BaseProcess | None = None
        self.read: int | None = None
        self.live = False
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        self.read, write = os.pipe()
        ready, started = os.pipe()
        context = multiprocessing.get_context("fork")
        self.process = context.Process(
            target=_watch, args=(root, write, started, os.getpid()), daemon=True
        )
        self.process.start()
        os.close(write)
        os.close(started)
        # The watcher says whether it could start (b"y") or not (nothing, then closed).
        self.live = os.read(ready, 1) == b"y"
        os.close(ready)

    def poll_every(self, poll_seconds: float) -> float:
        return self.SAFETY_SECONDS if self.live else poll_seconds

    def wait(self, seconds: float) -> bool:
        """Whether a notice came within ``seconds`` (all waiting notices are taken)."""
        if self.read is None:  # no watcher (and select() takes no pipes on Windows)
            time.sleep(seconds)
            return False
        readable, _, _ = select.select([self.read], [], [], seconds)
        if not readable:
            return False
        data = os.read(self.read, 65536)
        if not data:  # the watcher ended: compare on every poll from now on
            self.live = False
            time.sleep(seconds)
        return bool(data)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.join(timeout=10)
        if self.read is not None:
            os.close(self.read)


def _watch(root: Path, write: int, started: int, preview: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        watched = {str(root / name) for name in WATCHED}

        class Notify(FileSystemEventHandler):  # type: ignore[misc]
            def on_any_event(self, event: Any) -> None:
                paths = [event.src_path, getattr(event, "dest_path", "")]
                if any(str(p).startswith(tuple(watched)) for p in paths if p):
                    # A notice already waiting says as much: a full pipe is never waited on.
                    with contextlib.suppress(BlockingIOError):
                        os.write(write, b"x")

        os.set_blocking(write, False)
        observer = Observer()
        observer.schedule(Notify(), str(root), recursive=True)
        observer.start()
    except Exception:  # no notices here: the preview compares the sources every poll
        os._exit(0)
    os.write(started, b"y")
    os.close(started)
    _end_with(preview)


class _Serving:
    """The web server, in a forked process where the system can fork, else in a thread."""

    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.server = server
        self.process: multiprocessing.process.BaseProcess | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self.process = context.Process(target=_serve, args=(server, os.getpid()), daemon=True)
            self.process.start()
            server.socket.close()  # the server process has its own copy
        else:
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.join(timeout=10)
        else:
            self.server.shutdown()
            self.server.server_close()


def _serve(server: ThreadingHTTPServer, preview: int) -> None:
    # Ctrl+C is for the preview, which stops this process itself; should the preview end
    # without doing so (killed), this process ends too rather than hold the port.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_with, args=(preview,), daemon=True).start()
    server.serve_forever()


def _end_with(preview: int) -> None:
    while os.getppid() == preview:
        time.sleep(1)
    os._exit(0)

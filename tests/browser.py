"""Headless Chromium from Debian's packages (/usr/bin/chromium), driven by Playwright,
against a built site served on localhost. Never a downloaded browser."""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = "Debian's chromium is not installed (apt-get install chromium)"
    if os.environ.get("OPCC_REQUIRE_BROWSER"):  # set by .ci/run: never skip there
        pytest.fail(message)
    pytest.skip(message)


# Screenshots and other evidence the browser tests leave for a person to look at.
ARTEFACTS = Path(
    os.environ.get("OPCC_TEST_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts")
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extra_headers: ClassVar[dict[str, str]] = {}
    mount = "/"

    def translate_path(self, path: str) -> str:
        # The site answers under its own path only, as on the OPCC's web server.
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "not-under-the-site-path" / "404")
        return super().translate_path("/" + path.removeprefix(self.mount))

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def site_path(site: Path) -> str:
    """The path the built site is published under ("/election-2024/"), read from the
    root page's x-default alternate, or "/" for a site built without site_url."""
    root = (site / "index.html").read_text(encoding="utf-8")
    address = re.search(r'hreflang="x-default" href="([^"]*)"', root)
    return (urlsplit(address.group(1)).path if address else "") or "/"


@contextmanager
def serve(folder: Path, headers: dict[str, str] | None = None, mount: str = "/") -> Iterator[str]:
    """The folder served on a free localhost port under the path ``mount``, each response
    carrying ``headers`` (as a web server configured by the web team would); yields the
    address of the folder's root, without a final slash."""
    handler_class = type(
        "_Handler", (_Quiet,), {"extra_headers": dict(headers or {}), "mount": mount}
    )
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount.rstrip('/')}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium(
    folder: Path, headers: dict[str, str] | None = None, published: bool = False
) -> Iterator[tuple[object, str]]:
    """(Playwright browser, base address) for the site in ``folder``; ``published`` serves
    it under the path of its site_url, as the web team will."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    mount = site_path(folder) if published else "/"
    with serve(folder, headers, mount) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            yield browser, base
        finally:
            browser.close()


@contextmanager
def browser_page(folder: Path, javascript: bool = True) -> Iterator[tuple[object, str]]:
    """(Playwright page, base address) for the site in ``folder``."""
    with chromium(folder) as (browser, base):
        yield browser.new_page(java_script_enabled=javascript), base

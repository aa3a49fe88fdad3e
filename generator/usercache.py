"""The user's cache folder, and what every cache kept there is keyed by.

Caches never live in the project (a build or check never changes it) nor in the output.
Each is only ever a shortcut: one that is missing, damaged or stale costs time, never a
wrong answer, because each is keyed by everything its contents depend on.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

FORMAT = 1
GENERATOR = Path(__file__).resolve().parent


def cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "opcc-site"


def project_key(root: Path) -> str:
    """The name of a project's own entry in a cache: one per project folder."""
    return hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:20]


@functools.cache
def installed_packages() -> str:
    """The name and version of every package installed where Python looks for them,
    read from their metadata folders' names ("mkdocs-1.6.1.dist-info"): one listing of
    each folder, where asking each package its version takes a hundred times as long.
    Every library that can change what a check finds or a build writes is one of them
    (the theme, Markdown and its extensions, the attachment readers, the phone number
    rules), and so is anything else installed: a change to that costs one slower run."""
    names: list[str] = []
    for entry in sys.path:
        with contextlib.suppress(OSError), os.scandir(entry or ".") as listing:
            # Only NAME-VERSION folders: setuptools leaves a NAME.egg-info, with no
            # version, in a project built from its folder, which is on the path for
            # `python -m generator` and not for `opcc-site`; it must not key them apart.
            names += [
                e.name
                for e in listing
                if e.name.endswith((".dist-info", ".egg-info")) and "-" in e.name
            ]
    return "\0".join([sys.version, *sorted(set(names))])


@functools.cache
def code_digest() -> str:
    """The generator's own code, the Python it runs on and the versions of everything
    installed (worked out once a process: every cache's key includes it)."""
    digest = hashlib.sha256(f"{FORMAT}\0{installed_packages()}\0".encode())
    for path in sorted(GENERATOR.rglob("*")):
        if path.suffix in (".py", ".txt", ".yml", ".j2") and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(GENERATOR)}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def settings_digest(settings: Iterable[object]) -> str:
    """The key of what a cache's entries depend on: the generator's code and
    ``settings`` (the people list, the public facts)."""
    digest = hashlib.sha256(code_digest().encode())
    for item in settings:
        digest.update(repr(item).encode() + b"\0")
    return digest.hexdigest()


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The cycle collector paused: it would walk the heap again and again while tens of
    thousands of new objects are made, none of which is garbage yet (five times slower
    to load the cache with it running)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def fresh_caches() -> Iterator[None]:
    """Every cache empty for as long as this lasts: everything is worked out afresh, in
    this process and in the engine processes it starts. The user's caches are neither
    read nor changed."""
    before = os.environ.get("XDG_CACHE_HOME")
    with tempfile.TemporaryDirectory(prefix="opcc-site-cache-") as folder:
        os.environ["XDG_CACHE_HOME"] = folder
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = before

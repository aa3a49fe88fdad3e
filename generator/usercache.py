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
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

FORMAT = 1
GENERATOR = Path(__file__).resolve().parent
_LIBRARIES = (
    "PyYAML",
    "pydantic",
    "pydantic-core",
    "phonenumbers",
    "babel",
    "Jinja2",
    "MarkupSafe",
)


def cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "opcc-site"


def project_key(root: Path) -> str:
    """The name of a project's own entry in a cache: one per project folder."""
    return hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:20]


@functools.cache
def code_digest() -> str:
    """The generator's own code and the versions of what it runs on (worked out once a
    process: every cache's key includes it)."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0".encode())
    for package in _LIBRARIES:
        try:
            digest.update(f"{package}={version(package)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=?\0".encode())
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

"""The per-file cache: what examining each Markdown file gave (content/examine.py), kept
by the file's content hash, so that a check parses and scans again only the files that
changed since the last one.

An outcome depends only on the file's bytes, its path and the settings: the generator's
own code, the libraries' versions, the people list and the site-wide public facts. All
of those make the cache's key; when any changes, every file is examined afresh. The
rules that compare files run every time, on every file.

The cache lives in the user's cache folder, never in the project, one file a project.
It is Python's pickle, which runs code when it is read, so it is read only from the
user's own cache folder. One that is missing, unreadable or stale only makes the check
slower; one that cannot be written is left as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Iterable
from pathlib import Path

from generator.content.examine import FileOutcome
from generator.usercache import cache_folder, paused_gc, project_key, settings_digest


class FileCache:
    """Outcomes by path and content hash, for one project and one set of settings; each
    kept pickled on its own, as the worker that made it sent it."""

    def __init__(self, path: Path | None, settings: str) -> None:
        self.path = path
        self.settings = settings
        self.entries: dict[str, tuple[str, bytes]] = {}
        self.changed = False

    @classmethod
    def open(cls, root: Path, settings: Iterable[object]) -> FileCache:
        """The cache of the project at ``root``; ``settings`` are what the outcomes
        depend on besides each file (the people list, the public facts)."""
        name = project_key(root)
        cache = cls(cache_folder() / "files" / f"{name}.pickle", settings_digest(settings))
        with contextlib.suppress(Exception), paused_gc():  # damage only costs time
            with cache.path.open("rb") as handle:  # type: ignore[union-attr]
                stored = pickle.load(handle)
            if stored.get("settings") == cache.settings:
                cache.entries = stored["entries"]
        return cache

    def get(self, rel: str, content_hash: str) -> FileOutcome | None:
        entry = self.entries.get(rel)
        if entry is None or entry[0] != content_hash:
            return None
        try:
            outcome = pickle.loads(entry[1])
        except Exception:  # damage only costs time
            return None
        return outcome if isinstance(outcome, FileOutcome) else None

    def put(self, rel: str, content_hash: str, packed: bytes) -> None:
        """``packed``: the outcome, pickled."""
        self.entries[rel] = (content_hash, packed)
        self.changed = True

    def keep_only(self, paths: Iterable[str]) -> None:
        """Forget files that are gone."""
        wanted = set(paths)
        for rel in [rel for rel in self.entries if rel not in wanted]:
            del self.entries[rel]
            self.changed = True

    def save(self) -> None:
        if not self.changed or self.path is None:
            return
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("wb") as handle, paused_gc():
                pickle.dump(
                    {"settings": self.settings, "entries": self.entries},
                    handle,
                    protocol=pickle.HIGHEST_PROTOCOL,
                )
            os.replace(partial, self.path)
        except (OSError, pickle.PicklingError):
            with contextlib.suppress(OSError):
                partial.unlink()


def content_hash(data: bytes | OSError) -> str | None:
    """The key of a file's content; None for a file that could not be read."""
    return None if isinstance(data, OSError) else hashlib.sha256(data).hexdigest()

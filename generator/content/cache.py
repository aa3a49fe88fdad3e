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
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.content.examine import FileOutcome
from generator.usercache import cache_folder, paused_gc, project_key, settings_digest


class FileCache:
    """Outcomes by path and content hash, for one project and one set of settings; kept
    in the batches that examine_all made them in, pickled together as the worker that
    made them sent them, so that a batch is read in one go.

    A file that changed or is gone leaves its old outcome in its batch, unused. A batch
    is dropped once none of its outcomes is in use, and its outcomes still in use are
    packed again, on their own, once they are fewer than half of it: reading it then
    costs more than it gives."""

    def __init__(self, path: Path | None, settings: str) -> None:
        self.path = path
        self.settings = settings
        # path → (content hash, batch, place in the batch); batch → its outcomes pickled
        self.entries: dict[str, tuple[str, int, int]] = {}
        self.batches: dict[int, bytes] = {}
        self.read: dict[int, list[object] | None] = {}  # batches read so far, by number
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
                cache.entries, cache.batches = stored["entries"], stored["batches"]
        return cache

    def get(self, rel: str, content_hash: str) -> FileOutcome | None:
        entry = self.entries.get(rel)
        if entry is None or entry[0] != content_hash:
            return None
        outcomes = self._batch(entry[1])
        outcome = outcomes[entry[2]] if outcomes and entry[2] < len(outcomes) else None
        return outcome if isinstance(outcome, FileOutcome) else None

    def _batch(self, number: int) -> list[object] | None:
        if number not in self.read:
            try:
                outcomes = pickle.loads(self.batches[number])
            except Exception:  # damage only costs time
                outcomes = None
            self.read[number] = outcomes if isinstance(outcomes, list) else None
        return self.read[number]

    def put(self, files: Sequence[tuple[str, str | None]], packed: bytes) -> None:
        """``files``: the path and content hash of each outcome in ``packed``, a batch
        that examine_all gave, in order (a file that could not be read has no hash,
        and is examined again next time)."""
        number = max(self.batches, default=-1) + 1
        self.batches[number] = packed
        self.read.pop(number, None)  # a number given up by a batch packed again
        for place, (rel, content_hash) in enumerate(files):
            if content_hash is not None:
                self.entries[rel] = (content_hash, number, place)
        self.changed = True

    def keep_only(self, paths: Iterable[str]) -> None:
        """Forget files that are gone."""
        wanted = set(paths)
        for rel in [rel for rel in self.entries if rel not in wanted]:
            del self.entries[rel]
            self.changed = True

    def save(self) -> None:
        self._tidy()
        if not self.changed or self.path is None:
            return
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("wb") as handle, paused_gc():
                pickle.dump(
                    {"settings": self.settings, "entries": self.entries, "batches": self.batches},
                    handle,
                    protocol=pickle.HIGHEST_PROTOCOL,
                )
            os.replace(partial, self.path)
        except (OSError, pickle.PicklingError):
            with contextlib.suppress(OSError):
                partial.unlink()

    def _lost(self, number: int, place: int) -> bool:
        """Whether an entry's outcome cannot be had: its batch is gone, or was read this
        time and found damaged or too short (one not read this time is as it was)."""
        if number not in self.batches:
            return True
        if number not in self.read:
            return False
        outcomes = self.read[number]
        return outcomes is None or place >= len(outcomes)

    def _tidy(self) -> None:
        """Forgets outcomes that cannot be had (in a damaged batch), drops the batches no
        longer in use, and packs again those mostly out of use."""
        for rel, (_, number, place) in list(self.entries.items()):
            if self._lost(number, place):
                del self.entries[rel]
                self.changed = True
        in_use: dict[int, list[str]] = defaultdict(list)
        for rel, (_, number, _) in self.entries.items():
            in_use[number].append(rel)
        for number in [number for number in self.batches if number not in in_use]:
            del self.batches[number]
            self.changed = True
        for number, paths in list(in_use.items()):
            outcomes = self.read.get(number)
            if outcomes is None or 2 * len(paths) >= len(outcomes):
                continue
            paths.sort(key=lambda rel: self.entries[rel][2])
            files = [(rel, self.entries[rel][0]) for rel in paths]
            kept = [outcomes[self.entries[rel][2]] for rel in paths]
            del self.batches[number]
            self.put(files, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))


def content_hash(data: bytes | OSError) -> str | None:
    """The key of a file's content; None for a file that could not be read."""
    return None if isinstance(data, OSError) else hashlib.sha256(data).hexdigest()

"""Rendered pages kept by what they were rendered from.

A page's Markdown is a function of its template, the values handed to it and what every
page of a language shares: the language, the site's address, the build day, the
election, the templates and the generator's own code and strings (the salt). When every
value handed to a page is plain data (text, numbers, dates, lists and mappings of
them), the page is kept under the digest of those values and the salt, with the
fragments it made; a later render handed the same values takes the page as it was
instead of running its template. A register of a thousand responses is rendered once;
after that, only what changed is. Like every cache here, it only ever saves time: one
missing or damaged means pages are rendered.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from datetime import date
from pathlib import Path
from typing import Any

from generator.usercache import cache_folder, paused_gc, project_key

# A kept page: its text, and each fragment it made as (digest, HTML, search text).
Kept = tuple[str, tuple[tuple[str, str, str], ...]]

_PLAIN_ATOMS = (str, int, float, bool, date, type(None))


def plain(value: object) -> bool:
    """Whether ``value`` is made of text, numbers, dates, lists and mappings only: data
    whose pickle holds all a template can read of it (an object's methods or lazily
    worked-out attributes are not)."""
    if isinstance(value, _PLAIN_ATOMS):
        return True
    if isinstance(value, list | tuple):
        return all(plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    return False


def _well_formed(kept: object) -> bool:
    return (
        isinstance(kept, tuple)
        and len(kept) == 2
        and isinstance(kept[0], str)
        and isinstance(kept[1], tuple)
        and all(
            isinstance(f, tuple) and len(f) == 3 and all(isinstance(x, str) for x in f)
            for f in kept[1]
        )
    )


class RenderMemo:
    def __init__(self, path: Path, salt: bytes, kept: dict[bytes, Kept]) -> None:
        self.path = path
        self.salt = salt
        self.kept = kept
        self.now: dict[bytes, Kept] = {}  # this render's pages: all that is saved

    @classmethod
    def open(cls, root: Path, lang: str, salt: bytes) -> RenderMemo:
        path = cache_folder() / "rendered" / project_key(root) / f"{lang}.pickle"
        kept: dict[bytes, Kept] = {}
        with contextlib.suppress(Exception), paused_gc():  # damage only costs time
            with path.open("rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == salt:
                kept = {k: v for k, v in loaded[1].items() if _well_formed(v)}
        return cls(path, salt, kept)

    def key(self, *values: Any) -> bytes | None:
        """The key of a page rendered from ``values``; None when they are not plain data
        (such a page is always rendered)."""
        if not plain(values):
            return None
        return hashlib.blake2b(pickle.dumps(values, protocol=5), digest_size=20).digest()

    def get(self, key: bytes | None) -> Kept | None:
        if key is None:
            return None
        kept = self.kept.get(key)
        if kept is not None:
            self.now[key] = kept
        return kept

    def put(self, key: bytes | None, kept: Kept) -> None:
        if key is not None:
            self.now[key] = kept

    def save(self) -> None:
        """Keep this render's pages, and only those: the cache stays the size of a site.
        Written only when they differ from what was kept."""
        if self.now.keys() == self.kept.keys():
            return
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("wb") as handle:
                pickle.dump((self.salt, self.now), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self.path)

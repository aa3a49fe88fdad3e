"""Undo the tricks that hide personal data from a pattern but not from a reader.

Zero-width characters and soft hyphens vanish, fullwidth and other compatibility forms
become their plain letters (NFKC: a fullwidth at sign becomes ``@``), and every kind of
space becomes an ordinary space. Each finding must still point at the line a member of
staff sees, so the normalised text keeps a map back to the original offsets.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

# Characters a reader does not see, or sees as something plainer than they are.
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_LOOKALIKES = "\u2010-\u2015\u2018\u2019\u2024\ufe50-\ufe6b\uff01-\uff5e"
_SPECIAL = re.compile(f"[{_INVISIBLE}{_SPACES}{_LOOKALIKES}]")
_INVISIBLE_SET = frozenset(_INVISIBLE)
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015")


def _plain(char: str) -> str:
    if char in _INVISIBLE_SET:
        return ""
    if char in _DASHES:
        return "-"
    if char in "\u2018\u2019":
        return "'"
    folded = unicodedata.normalize("NFKC", char)
    return " " if folded.isspace() else folded


@dataclass(frozen=True)
class Prepared:
    """A text ready for the detectors, and the way back to the original offsets."""

    original: str
    text: str
    # (offset in text, offset in original) at each place the two stop lining up.
    _anchors: tuple[tuple[int, int], ...] = ()

    def source_offset(self, offset: int) -> int:
        if not self._anchors:
            return offset
        keys = [a[0] for a in self._anchors]
        i = bisect.bisect_right(keys, offset) - 1
        if i < 0:
            return offset
        norm, orig = self._anchors[i]
        return orig + (offset - norm)


def prepare(original: str) -> Prepared:
    """The normalised text; a plain ASCII or NFKC-stable text is returned as it is."""
    if original.isascii() or not _SPECIAL.search(original):
        return Prepared(original, original)
    parts: list[str] = []
    anchors: list[tuple[int, int]] = []
    position = 0  # in original
    length = 0  # of the text built so far
    for match in _SPECIAL.finditer(original):
        start = match.start()
        parts.append(original[position:start])
        length += start - position
        replacement = _plain(match.group())
        parts.append(replacement)
        anchors.append((length, start))
        length += len(replacement)
        position = match.end()
        anchors.append((length, position))
    parts.append(original[position:])
    return Prepared(original, "".join(parts), tuple(anchors))


class LineIndex:
    """Line and column of an offset in a text (both 1-based)."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._first = first_line

    def line(self, offset: int) -> int:
        return self._first + bisect.bisect_right(self._starts, offset) - 1

    def column(self, offset: int) -> int:
        return offset - self._starts[bisect.bisect_right(self._starts, offset) - 1] + 1

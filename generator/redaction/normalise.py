"""Undo the tricks that hide personal data from a pattern but not from a reader.

Zero-width characters and soft hyphens vanish, fullwidth and other compatibility forms
become their plain letters (NFKC: a fullwidth at sign becomes ``@``), every kind of
space becomes an ordinary space, curly and look-alike apostrophes become straight ones,
the dotless i, the long s and the dotted capital I become i, s and I, and letters typed
as a letter plus a
combining accent are composed (NFC). Line breaks
are never touched, so a finding's line in the normalised text is its line in the file.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

# Characters a reader does not see, or sees as something plainer than they are.
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
# With the line and paragraph separators (not line breaks here: lines are counted at
# '\n' only), every space beyond ASCII: what is left for \s to match is ASCII.
_SPACES = "\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_LOOKALIKES = "\u2010-\u2015\u2018\u2019\u2024\u02bc\u00b4`\ufe50-\ufe6b\uff01-\uff5e"
# Letters that Python's case-blind patterns take for an ASCII letter, though lower() does
# not make them one: the dotless i, the long s, the dotted capital I. Made plain, so that
# a quick test in the lower-case text finds what such a pattern would.
_CASE_LOOKALIKES = {"\u0131": "i", "\u017f": "s", "\u0130": "I"}
_COMBINING_MARKS = "\u0300-\u036f"
_SPECIAL_CHARS = f"{_INVISIBLE}{_SPACES}{_LOOKALIKES}{''.join(_CASE_LOOKALIKES)}"
_SPECIAL = re.compile(f"[{_SPECIAL_CHARS}]")
_COMBINING = re.compile(f"[{_COMBINING_MARKS}]")
# Either of the above: one search, as most texts have neither.
_ANY = re.compile(f"[{_SPECIAL_CHARS}{_COMBINING_MARKS}]")
_INVISIBLE_SET = frozenset(_INVISIBLE)
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015")
_APOSTROPHES = frozenset("\u2018\u2019\u02bc\u00b4`")


def _plain(char: str) -> str:
    if char in _INVISIBLE_SET:
        return ""
    if char in _DASHES:
        return "-"
    if char in _APOSTROPHES:
        return "'"
    if char in _CASE_LOOKALIKES:
        return _CASE_LOOKALIKES[char]
    folded = unicodedata.normalize("NFKC", char)
    return " " if folded.isspace() else folded


def prepare(original: str) -> str:
    """The text as the detectors see it; a plain text is returned as it is."""
    if original.isascii() or not _ANY.search(original):
        return original
    text = _SPECIAL.sub(lambda m: _plain(m.group()), original)
    if _COMBINING.search(text):
        text = unicodedata.normalize("NFC", text)
    return text


class LineIndex:
    """Line and column of an offset in a text (both 1-based)."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._first = first_line

    def line(self, offset: int) -> int:
        return self._first + bisect.bisect_right(self._starts, offset) - 1

    def column(self, offset: int) -> int:
        return offset - self._starts[bisect.bisect_right(self._starts, offset) - 1] + 1

"""One module per kind of personal data; each has its rule and a ``find`` function.

A detector sees normalised text (see ``normalise``) and yields :class:`Hit` spans. The
language is passed because some words are ordinary in one language and a disguise in the
other ("at"), and because Welsh mutates names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from generator import util
from generator.content.model import Lang
from generator.rules.registry import Rule


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    # How the finding is pointed out without repeating it; None means the first letters.
    clue: str | None = None


Find = Callable[[str, Lang | None], Iterable[Hit]]


@dataclass(frozen=True)
class Detector:
    rule: Rule
    what: str  # "an email address": the start of every message of the rule
    find: Find


# Every personal-data message has the same shape: what, where, and a clue to find it.
MESSAGE = "{what} {where} ({clue})"
# {marker} is the marker of the file's language (scan.Finding.diagnostic fills it in).
REDACT = "replace it with {marker}"
PUBLIC_FACT = (
    "if it is a public fact (an office's published contact details), list it under "
    "'public_facts:' in the frontmatter or in content/public-facts.yml, with a reason"
)


# The text in lower case, made once for every detector that needs it (and the rules).
# The quick tests on it (is "dot" there at all?) stand for patterns that ignore case
# because the text is normalised first (normalise.prepare): the only letters that
# Python's case-blind matching takes for an ASCII letter but lower() does not turn into
# one (the dotless i, the long s and the dotted capital I) are made plain letters there.
lowered = util.lowered


# Every digit a 9, every space or line break a space, and every character beyond ASCII
# (encoded as '?' first) a 9 too, as it may be a digit of another script. The text is
# normalised first, so that these spaces are the only characters \s matches
# (normalise.prepare).
_SHAPES = bytes.maketrans(b"0123456789?\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f", b"9" * 11 + b" " * 9)


@functools.lru_cache(maxsize=2)
def shape(text: str) -> bytes:
    """One byte a character of ``text``: every digit, and every character that might be
    one, a 9; every space and line break a space; every other character as it is.
    Offsets in it are offsets in the text, and a pattern that starts with a plain 9 is
    found in it many times quicker than one that starts with [0-9] in the text."""
    return text.encode("ascii", "replace").translate(_SHAPES)


def anchored(
    anchor: re.Pattern[str],
    full: re.Pattern[str],
    text: str,
    back: int,
    quick: re.Pattern[bytes] | None = None,
) -> Iterator[Hit]:
    """Matches of ``full`` found from the matches of a fast ``anchor`` pattern.

    Python's regular expressions scan quickly only for patterns that start with a plain
    character set and have no look-behind; each detector therefore finds a distinctive
    part of what it looks for first (the inward half of a postcode, the digits of a
    National Insurance number), then tries its full pattern at the few places up to
    ``back`` characters before it. ``quick``, a pattern on the text's shape, finds the
    anchor's places quicker still (see _hints).
    """
    done = -1
    for hint in anchor.finditer(text) if quick is None else _hints(anchor, quick, text):
        if hint.start() < done:
            continue
        for start in range(max(0, hint.start() - back, done), hint.start() + 1):
            match = full.match(text, start)
            if match and match.end() > hint.start():
                yield Hit(match.start(), match.end())
                done = match.end()
                break


def _hints(anchor: re.Pattern[str], quick: re.Pattern[bytes], text: str) -> Iterator[re.Match[str]]:
    """The matches anchor.finditer(text) gives, found from ``quick``: a pattern on the
    text's shape that starts with a plain 9, takes one character, and looks ahead for
    as much of the rest as the shape can tell, so that it stops at every place where
    the anchor could match (and a few more); the anchor, tried at each of them in turn,
    finds just what its own search would (tests/test_detector_gates.py)."""
    resume = 0
    for candidate in quick.finditer(shape(text)):
        position = candidate.start()
        if position >= resume:
            match = anchor.match(text, position)
            if match:
                yield match
                resume = max(match.end(), position + 1)


def trie_pattern(words: Iterable[str]) -> str:
    """One pattern for many words, as a trie, so that it branches on each letter instead
    of trying every word at every position."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def static_detectors() -> list[Detector]:
    """The detectors that need nothing from the project (names need the people list)."""
    from generator.redaction.detectors import (
        birth_date,
        email,
        national_insurance,
        phone,
        postcode,
        street_address,
        vehicle,
    )

    return [
        Detector(module.RULE, module.WHAT, module.find)
        for module in (
            email,
            phone,
            postcode,
            street_address,
            national_insurance,
            birth_date,
            vehicle,
        )
    ]

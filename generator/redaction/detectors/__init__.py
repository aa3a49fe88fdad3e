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


@functools.lru_cache(maxsize=2)  # the detectors see one text after another
def lowered(text: str) -> str:
    """``text`` in lower case, worked out once for every detector that needs it.

    The quick tests on it (is "dot" there at all?) stand for patterns that ignore case
    because the text is normalised first (normalise.prepare): the only letters that
    Python's case-blind matching takes for an ASCII letter but lower() does not turn
    into one (the dotless i, the long s and the dotted capital I) are made plain
    letters there.
    """
    return text.lower()


def anchored(anchor: re.Pattern[str], full: re.Pattern[str], text: str, back: int) -> Iterator[Hit]:
    """Matches of ``full`` found from the matches of a fast ``anchor`` pattern.

    Python's regular expressions scan quickly only for patterns that start with a plain
    character set and have no look-behind; each detector therefore finds a distinctive
    part of what it looks for first (the inward half of a postcode, the digits of a
    National Insurance number), then tries its full pattern at the few places up to
    ``back`` characters before it.
    """
    done = -1
    for hint in anchor.finditer(text):
        if hint.start() < done:
            continue
        for start in range(max(0, hint.start() - back, done), hint.start() + 1):
            match = full.match(text, start)
            if match and match.end() > hint.start():
                yield Hit(match.start(), match.end())
                done = match.end()
                break


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

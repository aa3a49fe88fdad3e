"""P008: names of private people, from the project's own ``.private/people.txt``.

A name is found whole, in any case, with any spacing or line break between its words,
joined by dots, hyphens or underscores as in an email address or a web address, with
Markdown emphasis around a part, with a possessive, as a title or initial with the
surname ("Mr Llewellyn", "G. Llewellyn"), and in Welsh also with the first letter
mutated (Gareth → Areth, Ngareth; Carys → Garys, Ngharys, Charys), because that is how
Welsh writes a name after "i", "fy", "ei" and other words. The message never repeats
the name: it gives its line in the people list.

The search starts from the last word of each name, which never mutates, and then reads
the words before it: one pass over the text for the whole list, however long it is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.content.model import Lang
from generator.language.mutations import mutations
from generator.redaction.detectors import MESSAGE, REDACT, Detector, Hit, trie_pattern
from generator.rules.registry import rule

WHAT = "the name of a private person"
RULE = rule(
    "P008",
    "private-name",
    MESSAGE,
    f"{REDACT}, or describe the role instead (for example 'a member of staff')",
    "The people list names private people (requesters, victims, staff below senior "
    "level); their names must never be published, in any spelling or mutation.",
)

_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "mister", "master"})
_WORD = re.compile(r"[^\W\d_]+")
# Spaces, line breaks, the dots and hyphens of addresses and slugs, apostrophes inside
# names (O'Brien), Markdown's emphasis marks, and %20 in web addresses.
_GAP = re.compile(r"(?:[\s._+*~'-]|%20)+")
_LOOK_BACK = 160  # characters before a surname in which its first names are looked for


@dataclass(frozen=True)
class _Entry:
    line: int  # in the people list
    words: tuple[str, ...]  # lower case, split at spaces, hyphens and apostrophes


class NameDetector:
    """Compiled once per build from the people list; finds any of its names."""

    def __init__(self, people: Sequence[tuple[int, str]]) -> None:
        """``people``: (line in the people list, name)."""
        self._by_last: dict[str, list[_Entry]] = defaultdict(list)
        for line, name in people:
            words = tuple(_WORD.findall(name.lower()))
            if words:
                self._by_last[words[-1]].append(_Entry(line, words))
        self._anchors = {welsh: self._compile(welsh) for welsh in (False, True)}

    def _compile(self, welsh: bool) -> re.Pattern[str] | None:
        lasts = set(self._by_last)
        if welsh:  # a one-word entry is its own first word, so it mutates too
            lasts |= {
                m
                for last, entries in self._by_last.items()
                for m in mutations(last)
                if any(len(e.words) == 1 for e in entries)
            }
        if not lasts:
            return None
        # Longest first within the trie; searched in lower-case text, which is fast.
        return re.compile(trie_pattern(lasts))

    def find(self, text: str, lang: Lang | None) -> Iterator[Hit]:
        welsh = lang != "en"
        anchor = self._anchors[welsh]
        if anchor is None:
            return
        lower = text.lower()
        if len(lower) != len(text):  # a rare letter whose lower case is longer ("İ")
            lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        for match in anchor.finditer(lower):
            start, end = match.span()
            if (start and _is_letter(lower[start - 1])) or (
                end < len(lower) and _is_letter(lower[end])
            ):
                continue
            found = self._name_ending_at(text, start, match.group(), welsh)
            if found is not None:
                first, line = found
                yield Hit(first, end, clue=f"line {line} of the people list")

    def _name_ending_at(
        self, text: str, position: int, word: str, welsh: bool
    ) -> tuple[int, int] | None:
        """(start, people-list line) of a listed name whose last word ``word`` starts at
        ``position``, or None."""
        before = _words_before(text, position)
        for entry in self._entries_ending(word, welsh):
            wanted = entry.words[:-1]
            if not wanted:
                return position, entry.line
            first_forms = {wanted[0], *(mutations(wanted[0]) if welsh else [])}
            if len(before) >= len(wanted):
                got = [w for _, w in before[-len(wanted) :]]
                if got[0] in first_forms and got[1:] == list(wanted[1:]):
                    return before[-len(wanted)][0], entry.line
            if before:
                start, previous = before[-1]
                initials = {form[:1] for form in first_forms if form}
                if previous in _TITLES or previous in initials:
                    return start, entry.line
        return None

    def _entries_ending(self, word: str, welsh: bool) -> list[_Entry]:
        entries = list(self._by_last.get(word, []))
        if welsh:
            entries += [
                _Entry(e.line, (word,))
                for last, group in self._by_last.items()
                for e in group
                if len(e.words) == 1 and word in mutations(last)
            ]
        return entries

    def detector(self) -> Detector:
        return Detector(RULE, WHAT, self.find)


def _is_letter(char: str) -> bool:
    return char.isalpha()


def _words_before(text: str, end: int) -> list[tuple[int, str]]:
    """(start, lower-case word) of the words joined to ``end`` by name gaps only."""
    window_start = max(0, end - _LOOK_BACK)
    window = text[window_start:end]
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(window)]
    joined: list[tuple[int, str]] = []
    position = len(window)
    for start, stop, word in reversed(words):
        if not _GAP.fullmatch(window, stop, position):
            break
        joined.append((window_start + start, word))
        position = start
    joined.reverse()
    return joined

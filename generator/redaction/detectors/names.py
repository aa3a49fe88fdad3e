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

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.content.model import Lang
from generator.language.mutations import mutations
from generator.redaction.detectors import (
    MESSAGE,
    REDACT,
    Detector,
    Hit,
    lowered,
    trie_pattern,
)
from generator.redaction.normalise import prepare
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
# names (O'Brien), Markdown's emphasis marks, %20 in web addresses, and the commas, tabs
# and bars between the columns of a table or CSV file ("Morgan, Bethan", "| Bethan |
# Morgan |").
_GAP = re.compile(r"(?:[\s._+*~'\\\-,|\t\"]|%20|&nbsp;|<br\s*/?>)+")
_LOOK_BACK = 160  # characters before a surname in which its first names are looked for
# Accents folded away on both sides, so that "Sian" in the text matches "Siân" in the
# list and the other way round. One character for one, so offsets stay true.
_ACCENTED, _PLAIN = "âêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ", "aeiouwyaeiouwyaeiouwyaeiouwy"
_FOLDED = dict(zip(_ACCENTED, _PLAIN, strict=True))
# Replaced where they are, rather than every character looked up (str.translate): a page
# has thousands of characters and few accents.
_ACCENT = re.compile(f"[{_ACCENTED}]")


_MARKUP_SPACE = re.compile(r"<br\s*/?>|&nbsp;|&#160;|\\ ")


def _fold(text: str) -> str:
    lower = lowered(text)
    return lower if lower.isascii() else _ACCENT.sub(lambda m: _FOLDED[m[0]], lower)


def _search_text(text: str) -> str:
    """``text`` as the names are searched in: lower case, accents folded, and markup
    between the parts of a name ("Bethan<br>Morgan") as spaces; offsets kept."""
    lower = _fold(text)
    if len(lower) != len(text):  # a rare letter whose lower case is longer ("İ")
        lower = "".join(c if len(c.lower()) != 1 else _fold(c) for c in text)
    if "<" in lower or "&" in lower or "\\" in lower:
        lower = _MARKUP_SPACE.sub(lambda m: " " * len(m.group()), lower)
    return lower


# ASCII letters in lower case, every other ASCII character a space, other bytes kept.
_ASCII_LETTERS = bytes(
    (ord(chr(b).lower()) if chr(b).isalpha() else 32) if b < 128 else b for b in range(256)
)


@dataclass(frozen=True)
class _Entry:
    line: int  # in the people list
    words: tuple[str, ...]  # lower case, accents folded, split at spaces and hyphens
    # A one-word form of the name joined with no separator ("bethanmorgan"), or a
    # surname in more than one word ("ap gwilym"): found by the same means.
    joined: bool = False


def _entries(line: int, name: str) -> list[_Entry]:
    """Every form of one listed name that is searched for."""
    # Prepared as every text is before it is searched (normalise.prepare), so that a
    # listed name with a dotless i is searched for as the plain i that a text's becomes.
    folded = _fold(prepare(name))
    words = tuple(_WORD.findall(folded))
    if not words:
        return []
    # "O'Brien" is one word to its owner: also searched as "obrien".
    merged = tuple(_WORD.findall(re.sub(r"['\u2019]", "", folded)))
    forms = {words, merged}
    if len(words) > 2:  # middle names dropped, or a surname written as one word
        forms |= {(words[0], words[-1]), (words[0], "".join(words[1:]))}
    found = [_Entry(line, form) for form in forms]
    found += [_Entry(line, ("".join(form),), joined=True) for form in forms if len(form) > 1]
    return found


class NameDetector:
    """Compiled once per build from the people list; finds any of its names."""

    def __init__(self, people: Sequence[tuple[int, str]]) -> None:
        """``people``: (line in the people list, name)."""
        self._by_last: dict[str, list[_Entry]] = defaultdict(list)
        self._by_first: dict[str, list[_Entry]] = defaultdict(list)
        for line, name in people:
            for entry in _entries(line, name):
                self._by_last[entry.words[-1]].append(entry)
                if len(entry.words) > 1:  # written surname first: "Morgan, Bethan"
                    self._by_first[entry.words[0]].append(entry)
        self._anchors = {welsh: self._compile(welsh) for welsh in (False, True)}
        # What the anchor can match, as a whole word: for the quick test of _may_name,
        # which cuts words at whatever is not a letter, and so is no use for a name
        # with a character that is neither a letter nor a digit ("²").
        self._anchor_words = {
            welsh: frozenset(
                form for word in self._anchor_lasts(welsh) for form in (word, f"{word}s")
            )
            for welsh in (False, True)
        }
        self._quick = all(word.isalpha() for word in self._anchor_words[True])
        self._anchor_bytes = {
            welsh: frozenset(w.encode() for w in words)
            for welsh, words in self._anchor_words.items()
        }

    def _anchor_lasts(self, welsh: bool) -> set[str]:
        lasts = set(self._by_last) | set(self._by_first)
        if welsh:  # a one-word entry is its own first word, so it mutates too
            lasts |= {
                m
                for last, entries in self._by_last.items()
                for m in mutations(last)
                if any(len(e.words) == 1 for e in entries)
            }
        return lasts

    def _compile(self, welsh: bool) -> re.Pattern[str] | None:
        lasts = self._anchor_lasts(welsh)
        if not lasts:
            return None
        # A trie, searched in lower-case text, which is fast; "s" for a possessive
        # written without its apostrophe ("Llewellyns request").
        return re.compile(f"(?:{trie_pattern(lasts)})s?")

    def find(self, text: str, lang: Lang | None) -> Iterator[Hit]:
        welsh = lang != "en"
        anchor = self._anchors[welsh]
        if anchor is None or (self._quick and not self._may_name(text, welsh)):
            return
        lower = _search_text(text)
        reported = -1
        for match in anchor.finditer(lower):
            start, end = match.span()
            if (start and lower[start - 1].isalpha()) or (
                end < len(lower) and lower[end].isalpha()
            ):
                continue
            word = match.group()
            found = self._name_ending_at(lower, start, word, welsh)
            if found is None and word.endswith("s"):
                found = self._name_ending_at(lower, start, word[:-1], welsh)
            if found is None:
                found = self._name_starting_at(lower, start, end, word, welsh)
            if found is not None and found[0] >= reported:
                first, last_end, line = found
                reported = last_end
                yield Hit(first, last_end, clue=f"line {line} of the people list")

    def _may_name(self, text: str, welsh: bool) -> bool:
        """Whether any word of ``text`` is one the anchor matches: false for most texts,
        which are then spared the anchor's search (a trie tried at every letter, the
        slowest pass of the scan). Its words are cut at every character that is not a
        letter, so that it never says no where the anchor would find a word."""
        # Bytes, split by a translation table: several times quicker than a pattern.
        coded = text.encode("utf-8", "surrogatepass").translate(_ASCII_LETTERS)
        words = set(coded.split())
        if not words.isdisjoint(self._anchor_bytes[welsh]):
            return True
        # The words with a character beyond ASCII, lowered, folded and cut as find does.
        odd = b" ".join(itertools.filterfalse(bytes.isascii, words))
        if not odd:
            return False
        folded = _search_text(odd.decode("utf-8", "surrogatepass"))
        cut = "".join(c if c.isalpha() else " " for c in folded)
        return not self._anchor_words[welsh].isdisjoint(cut.split())

    def _name_ending_at(
        self, lower: str, position: int, word: str, welsh: bool
    ) -> tuple[int, int, int] | None:
        """(start, end, people-list line) of a listed name whose last word ``word``
        starts at ``position``, or None."""
        end = (
            position
            + len(word)
            + (1 if lower[position + len(word) : position + len(word) + 1] == "s" else 0)
        )
        before = _words_before(lower, position)
        for entry in self._entries_ending(word, welsh):
            wanted = entry.words[:-1]
            if not wanted:
                return position, end, entry.line
            first_forms = {wanted[0], *(mutations(wanted[0]) if welsh else [])}
            if len(before) >= len(wanted):
                got = [w for _, w in before[-len(wanted) :]]
                if got[0] in first_forms and got[1:] == list(wanted[1:]):
                    return before[-len(wanted)][0], end, entry.line
            # A title or an initial before the surname, which may be more than one word
            # ("Mr Llewellyn", "G. Llewellyn", "Mr ap Gwilym").
            initials = {form[:1] for form in first_forms if form}
            for k in range(1, len(entry.words)):
                rest = list(entry.words[k:-1])
                if (
                    len(before) > len(rest)
                    and [w for _, w in before[len(before) - len(rest) :]] == rest
                ):
                    start, previous = before[len(before) - len(rest) - 1]
                    if previous in _TITLES or (k == 1 and previous in initials):
                        return start, end, entry.line
        return None

    def _name_starting_at(
        self, lower: str, position: int, end: int, word: str, welsh: bool
    ) -> tuple[int, int, int] | None:
        """A listed name written surname first ("Morgan, Bethan", "MORGAN Bethan")."""
        after = _words_after(lower, end)
        for entry in self._by_last.get(word, []):
            wanted = entry.words[:-1]
            if wanted and len(after) >= len(wanted):
                first_forms = {wanted[0], *(mutations(wanted[0]) if welsh else [])}
                got = [w for _, _, w in after[: len(wanted)]]
                if got[0] in first_forms and got[1:] == list(wanted[1:]):
                    return position, after[len(wanted) - 1][1], entry.line
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


def _words_after(text: str, start: int) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words joined to ``start`` by name gaps only."""
    window = text[start : start + _LOOK_BACK]
    words: list[tuple[int, int, str]] = []
    position = 0
    for match in _WORD.finditer(window):
        if not _GAP.fullmatch(window, position, match.start()):
            break
        words.append((start + match.start(), start + match.end(), match.group()))
        position = match.end()
        if len(words) >= 4:
            break
    return words


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

"""P008: names of private people, from the project's own ``.private/people.txt``.

A name is found whole, in any case, with any spacing or line break between its words,
joined by dots, hyphens or underscores as in an email address or a web address, with a
possessive, as a title or initial with the surname ("Mr Llewellyn", "G. Llewellyn"), and
in Welsh also with the first letter mutated (Gareth → Areth, Ngareth; Carys → Garys,
Ngharys, Charys), because that is how Welsh writes a name after "i", "fy", "ei" and
other words. The message never repeats the name: it gives its line in the people list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from generator.content.model import Lang
from generator.redaction.detectors import MESSAGE, REDACT, Detector, Hit
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

# The first letters of a Welsh word and what they become after each mutation.
_MUTATIONS: dict[str, tuple[str, ...]] = {
    "ll": ("l",),
    "rh": ("r",),
    "p": ("b", "mh", "ph"),
    "t": ("d", "nh", "th"),
    "c": ("g", "ngh", "ch"),
    "b": ("f", "m"),
    "d": ("dd", "n"),
    "g": ("", "ng"),
    "m": ("f",),
}
_DIGRAPHS = ("ch", "dd", "ff", "ng", "ph", "th")  # never mutate
_VOWELS = "aeiouwyâêîôûŵŷ"
_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Mister|Master)\.?"
# Spaces, line breaks, the dots and hyphens of addresses and slugs, and Markdown's
# emphasis marks ("Gareth **Llewellyn**").
_SEPARATOR = r"(?:[\s._+*~-]|%20)+"
_LETTER_BEFORE = r"(?<![^\W\d_])"
_LETTER_AFTER = r"(?![^\W\d_])"


def mutations(word: str) -> list[str]:
    """The mutated forms of a Welsh word (soft, nasal, aspirate; h- before a vowel)."""
    lower = word.lower()
    if lower.startswith(_DIGRAPHS):
        return []
    for start in ("ll", "rh", *"ptcbdgm"):
        if lower.startswith(start):
            rest = word[len(start) :]
            return [new + rest for new in _MUTATIONS[start] if (new + rest)]
    if lower[:1] in _VOWELS:
        return ["h" + word]
    return []


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"\s+", name.strip()) if w]


def _joined(words: Sequence[str]) -> str:
    return _SEPARATOR.join(re.escape(w) for w in words)


def _patterns(words: list[str], welsh: bool) -> list[str]:
    firsts = [words[0], *(mutations(words[0]) if welsh else [])]
    found = [_joined([first, *words[1:]]) for first in firsts]
    if len(words) > 1:
        surname = re.escape(words[-1])
        found.append(rf"{_TITLES}{_SEPARATOR}{surname}")
        initials = {words[0][0], *(m[0] for m in firsts[1:] if m)}
        found += [rf"{re.escape(i)}\.?{_SEPARATOR}{surname}" for i in initials]
    return found


class NameDetector:
    """Compiled once per build from the people list; finds any of its names."""

    def __init__(self, people: Sequence[tuple[int, str]]) -> None:
        """``people``: (line in the people list, name)."""
        self._entries = [(line, _words(name)) for line, name in people]
        self._english = self._compile(welsh=False)
        self._welsh = self._compile(welsh=True)

    def _compile(self, welsh: bool) -> re.Pattern[str] | None:
        groups = []
        for number, words in self._entries:
            if words:
                alternatives = "|".join(_patterns(words, welsh))
                groups.append(f"(?P<n{number}>{alternatives})")
        if not groups:
            return None
        return re.compile(rf"{_LETTER_BEFORE}(?:{'|'.join(groups)}){_LETTER_AFTER}", re.I)

    def find(self, text: str, lang: Lang | None) -> Iterator[Hit]:
        pattern = self._english if lang == "en" else self._welsh
        if pattern is None:
            return
        for match in pattern.finditer(text):
            entry = match.lastgroup[1:] if match.lastgroup else "?"
            yield Hit(match.start(), match.end(), clue=f"line {entry} of the people list")

    def detector(self) -> Detector:
        return Detector(RULE, WHAT, self.find)

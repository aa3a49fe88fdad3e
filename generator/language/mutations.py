"""Welsh initial mutations: how the first letter of a word changes after certain words.

Soft (Caerfyrddin → Gaerfyrddin, Bethan → Fethan, Gareth → Areth), nasal (Caerfyrddin →
Nghaerfyrddin) and aspirate (Carys → Charys) mutation, and h- before a vowel (ei
henw). Used both ways: to find a private name however it is mutated, and to let a
search for a word as it stands in the dictionary find it mutated.
"""

from __future__ import annotations

import functools

# The first letters of a word and what they become after each mutation.
_FORWARD: dict[str, tuple[str, ...]] = {
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
_NEVER_MUTATE = ("ch", "dd", "ff", "ng", "ph", "th")
VOWELS = "aeiouwyâêîôûŵŷ"

# The other way: what a mutated beginning may have been. Longest first.
_BACKWARD: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ngh", ("c",)),
    ("mh", ("p",)),
    ("nh", ("t",)),
    ("ng", ("g",)),
    ("ph", ("p",)),
    ("th", ("t",)),
    ("ch", ("c",)),
    ("dd", ("d",)),
    ("b", ("p",)),
    ("d", ("t",)),
    ("g", ("c",)),
    ("f", ("b", "m")),
    ("l", ("ll",)),
    ("r", ("rh",)),
    ("m", ("b",)),
    ("n", ("d",)),
)


def mutations(word: str) -> list[str]:
    """The mutated forms of a word, in lower case."""
    lower = word.lower()
    if lower.startswith(_NEVER_MUTATE):
        return []
    for start in ("ll", "rh", *"ptcbdgm"):
        if lower.startswith(start):
            rest = lower[len(start) :]
            return [new + rest for new in _FORWARD[start] if new + rest]
    if lower[:1] in VOWELS:
        return ["h" + lower]
    return []


def radicals(word: str) -> list[str]:
    """The forms a word may have had before mutation ("nghaerfyrddin" → "caerfyrddin");
    the word itself is not among them."""
    return list(_radicals(word.lower()))


@functools.lru_cache(maxsize=65536)
def _radicals(lower: str) -> tuple[str, ...]:
    # A search index repeats the same few thousand words many thousand times.
    found: list[str] = []
    for start, befores in _BACKWARD:
        if lower.startswith(start):
            found += [before + lower[len(start) :] for before in befores]
            break
    if lower[:1] in VOWELS or lower[:1] in "lrw":
        found.append("g" + lower)  # soft mutation drops a g: "ardd" was "gardd"
    if lower[:1] == "h" and lower[1:2] in VOWELS:
        found.append(lower[1:])  # h- before a vowel: "henw" was "enw"
    return tuple(found)

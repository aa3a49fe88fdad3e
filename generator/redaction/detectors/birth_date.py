"""P006: dates of birth: "born", "date of birth", "DOB" (or the Welsh) near a date."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.model import Lang
from generator.redaction.detectors import MESSAGE, REDACT, Hit
from generator.rules.registry import rule

WHAT = "a date of birth"
RULE = rule(
    "P006",
    "date-of-birth",
    MESSAGE,
    f"{REDACT}, or give an age band instead (for example 'aged 40 to 49')",
    "A date of birth with almost anything else identifies a person.",
)

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    "Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:{_MONTHS}),?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_CUE = (
    r"\bborn\b|\bdate\s+of\s+birth\b|\bd\.?\s?o\.?\s?b\b\.?|\bbirth\s?date\b|\bbirthday\b"
    r"|\bganwyd\b|\ba\s+aned\b|\bdyddiad\s+geni\b|\bpen-?blwydd\b"
)
# The cue and the date within a few words of each other, on either side; cues are rare,
# so the dates are looked for only around them.
_BEFORE, _AFTER = 20, 60
_CUE_PATTERN = re.compile(_CUE, re.I)
_DATE_PATTERN = re.compile(_DATE, re.I)


_CUE_WORDS = ("born", "birth", "dob", "d.o.b", "ganwyd", "aned", "geni", "blwydd")


def find(text: str, lang: Lang | None) -> Iterator[Hit]:
    lower = text.lower()
    if not any(word in lower for word in _CUE_WORDS):
        return
    for cue in _CUE_PATTERN.finditer(text):
        start = max(0, cue.start() - _BEFORE)
        window = text[start : cue.end() + _AFTER]
        for date in _DATE_PATTERN.finditer(window):
            first, last = sorted((cue.start() - start, date.start()))
            if "\n\n" not in window[first:last]:  # not across a paragraph break
                yield Hit(start + first, start + max(cue.end() - start, date.end()))
                break

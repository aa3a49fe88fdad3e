"""P006: dates of birth: "born", "date of birth", "DOB" (or the Welsh) near a date."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.model import Lang
from generator.redaction.detectors import MESSAGE, REDACT, Hit, lowered
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
    "Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr|"
    # Welsh months as they are written after "o" (of) and other words: soft mutation.
    "Fawrth|Fai|Fehefin|Orffennaf|Fedi|Dachwedd|Ragfyr"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th|af|il|ydd|ed|fed|eg|ain)?\s+(?:(?:of|o)\s+)?"
_FULL_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}[-\s](?:{_MONTHS})[-\s]\d{{2,4}}"
    rf"|(?:y\s+)?{_DAY}(?:{_MONTHS}),?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\b\d{6}\b)"  # 120385
)
_MONTH_YEAR = rf"(?:{_MONTHS}),?\s+\d{{4}}"
# Explicit cues name a date of birth, so a month and year is enough; "born" and its
# Welsh forms also start biographies ("born and raised in Carmarthen"), so they count
# only with a full date close by.
_EXPLICIT = (
    r"\bdate\s+of\s+birth\b|\bd\.?\s?o\.?\s?b\b\.?|\bbirth\s?date\b"
    r"|\bdyddiad\s+geni\b"
)
_LOOSE = (
    r"\bborn\b|\bbirthday\b|\bganwyd\b|\bganed\b|\ba\s+anwyd\b|\ba\s+aned\b"
    # pen-blwydd (birthday) as Welsh mutates it: ei ben-blwydd, ei phen-blwydd, fy
    # mhen-blwydd.
    r"|\b(?:p|b|ph|mh)en-?blwydd\b"
)
# What every cue holds, for a quick test in the text in lower case: one of these words
# ("anwyd" is in "ganwyd", "geni" in "dyddiad geni", "enblwydd" in each form of
# "penblwydd"), or the letters of DOB, with the dots and spaces the pattern allows
# ("D O B", "d. o. b").
_CUE_WORDS = ("born", "birth", "anwyd", "aned", "geni", "enblwydd", "en-blwydd")
_CUE_LETTERS = re.compile(r"d\.?\s?o\.?\s?b")
_EXPLICIT_CUE = re.compile(_EXPLICIT, re.I)
_LOOSE_CUE = re.compile(_LOOSE, re.I)
_EXPLICIT_DATE = re.compile(f"{_FULL_DATE}|{_MONTH_YEAR}", re.I)
_LOOSE_DATE = re.compile(_FULL_DATE, re.I)
_BEFORE = 20
_AFTER = {True: 60, False: 30}  # how far after an explicit or a loose cue


def find(text: str, lang: Lang | None) -> Iterator[Hit]:
    lower = lowered(text)
    if not any(word in lower for word in _CUE_WORDS) and not _CUE_LETTERS.search(lower):
        return
    for explicit, cues, dates in (
        (True, _EXPLICIT_CUE, _EXPLICIT_DATE),
        (False, _LOOSE_CUE, _LOOSE_DATE),
    ):
        for cue in cues.finditer(text):
            start = max(0, cue.start() - _BEFORE)
            window = text[start : cue.end() + _AFTER[explicit]]
            for date in dates.finditer(window):
                first, last = sorted((cue.start() - start, date.start()))
                if "\n\n" not in window[first:last]:  # not across a paragraph break
                    yield Hit(start + first, start + max(cue.end() - start, date.end()))
                    break

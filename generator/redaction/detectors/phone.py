"""P002: UK telephone numbers in every common way of writing them.

Candidates are found by pattern (a 0 or +44 start, then 9 or 10 more digits with spaces,
hyphens or brackets between), then confirmed with Google's libphonenumber (the
``phonenumbers`` package) as a number of a possible length. Its stricter "valid" test is
deliberately not used: it rejects unallocated ranges such as Ofcom's drama numbers
(07700 900123), which a reader still sees as a phone number. 101, 999, years, sums of
money, road numbers and references have too few digits or no leading 0 or +44.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from generator.content.model import Lang
from generator.redaction.detectors import MESSAGE, PUBLIC_FACT, REDACT, Hit, anchored
from generator.rules.registry import rule

WHAT = "a phone number"
RULE = rule(
    "P002",
    "phone-number",
    MESSAGE,
    f"{REDACT}; {PUBLIC_FACT}",
    "A phone number identifies a person; publishing one is a personal-data breach.",
)

_SEP = r"[ \-.]?"
_CANDIDATE = re.compile(
    r"(?<![\w£$€.,/-])"  # not inside a word, a sum of money, a decimal or a reference
    r"(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(0|0)"
    r"\d(?:[\s\-.)]{0,2}\d){8,9}"  # any spacing, a line break included
    r"(?![\w%]|[.,]\d)"
)


_ANCHOR = re.compile(r"[+(0][\d\s().-]{8,}")


def find(text: str, lang: Lang | None) -> Iterator[Hit]:
    for hit in anchored(_ANCHOR, _CANDIDATE, text, back=0):
        digits = re.sub(r"\D", "", text[hit.start : hit.end])
        if digits.startswith("0044"):
            digits = digits[2:]
        number = "+" + digits if digits.startswith("44") else digits
        if number.startswith("+440"):
            number = "+44" + number[4:]
        try:
            parsed = phonenumbers.parse(number, "GB")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(parsed):
            yield hit

"""P005: National Insurance numbers, spaced or not."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.model import Lang
from generator.redaction.detectors import MESSAGE, REDACT, Hit, anchored
from generator.rules.registry import rule

WHAT = "a National Insurance number"
RULE = rule(
    "P005",
    "national-insurance-number",
    MESSAGE,
    REDACT,
    "A National Insurance number is a unique personal identifier.",
)

# HMRC's format: two prefix letters (D, F, I, Q, U, V never; O never second; BG, GB,
# KN, NK, NT, TN and ZZ never issued), six digits, a suffix A to D. The suffix is often
# left off; without it the prefix must be in capitals, or Welsh "yn 12 34 56" would match.
_PREFIX = r"(?<![\w-])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
_NINO = re.compile(
    rf"(?i:{_PREFIX}\s?\d{{2}}\s?\d{{2}}\s?\d{{2}}\s?[A-D])(?![\w-])"
    rf"|{_PREFIX}\s?\d{{2}}\s?\d{{2}}\s?\d{{2}}(?![\w-])"
)
_DIGITS = re.compile(r"\d\d\s?\d\d\s?\d\d(?:\s?[A-Da-d])?(?![\w-])")

# _DIGITS on the text's shape, for anchored: it must match wherever _DIGITS can (change
# the two together); 9 also for a space, which the shape may hold as one.
_QUICK = re.compile(rb"9(?=9[\s9]?99[\s9]?99)")


def find(text: str, lang: Lang | None) -> Iterator[Hit]:
    yield from anchored(_DIGITS, _NINO, text, back=3, quick=_QUICK)

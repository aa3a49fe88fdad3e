"""P007: vehicle registration marks (current, prefix and suffix formats)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.model import Lang
from generator.redaction.detectors import MESSAGE, REDACT, Hit, anchored
from generator.rules.registry import rule

WHAT = "a vehicle registration"
RULE = rule(
    "P007",
    "vehicle-registration",
    MESSAGE,
    REDACT,
    "A registration mark leads to the keeper of the vehicle through the DVLA.",
)

# Written in capitals on plates and in police records; lower-case runs are left alone so
# that ordinary words and references do not match. Current: AB12 CDE (I, Q, Z never in
# the first two letters); prefix: A123 BCD; suffix: ABC 123D.
_MARK = re.compile(
    r"(?<![\w-])(?:"
    r"[A-HJ-PR-Y][A-HJ-PR-Y]\s?[0-9]{2}\s?[A-HJ-PR-Z]{3}"
    r"|[A-HJ-NPR-Y][1-9][0-9]{0,2}\s?[A-HJ-PR-Y]{3}"
    r"|[A-HJ-PR-Y]{3}\s?[1-9][0-9]{0,2}[A-HJ-NPR-Y]"
    r")(?![\w-])"
)


# Every format has a digit beside a capital letter, with at most a space between.
_DIGIT_BY_CAPITAL = re.compile(r"\d\s?[A-Z]")

# _DIGIT_BY_CAPITAL on the text's shape, for anchored: it must match wherever that can
# (change the two together); 9 also for a space, which the shape may hold as one.
_QUICK = re.compile(rb"9(?=[\s9]?[A-Z])")


def find(text: str, lang: Lang | None) -> Iterator[Hit]:
    yield from anchored(_DIGIT_BY_CAPITAL, _MARK, text, back=6, quick=_QUICK)

"""P003: UK postcodes, spaced or not, in any case."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.model import Lang
from generator.redaction.detectors import MESSAGE, PUBLIC_FACT, REDACT, Hit
from generator.rules.registry import rule

WHAT = "a postcode"
RULE = rule(
    "P003",
    "postcode",
    MESSAGE,
    f"{REDACT}; {PUBLIC_FACT}",
    "A postcode narrows an address to a handful of homes; with anything else it identifies "
    "a person.",
)

# The Royal Mail formats (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA), with
# the letters each position can hold, and the one special case GIR 0AA.
_POSTCODE = re.compile(
    r"(?<![\w-])(?:GIR ?0AA|[A-PR-UWYZ]"
    r"(?:[A-HK-Y]?[0-9][0-9]?|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"[ \u00a0]?[0-9][ABD-HJLNP-UW-Z]{2})(?![\w-])",
    re.I,
)


def find(text: str, lang: Lang | None) -> Iterator[Hit]:
    for match in _POSTCODE.finditer(text):
        yield Hit(match.start(), match.end())

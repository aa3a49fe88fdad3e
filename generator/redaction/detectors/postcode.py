"""P003: UK postcodes, spaced or not, in any case."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.model import Lang
from generator.redaction.detectors import MESSAGE, PUBLIC_FACT, REDACT, Hit, anchored
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
    r"(?:\s{1,2}|-)?[0-9][ABD-HJLNP-UW-Z]{2})(?![\w-])",
    re.I,
)


# The inward half (digit, two letters) is where the search starts; the outward half is
# at most four characters and a space before it.
_INWARD = re.compile(r"[0-9][ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}(?![\w-])")

# _INWARD on the text's shape, for anchored: it must match wherever _INWARD can (change
# the two together).
_QUICK = re.compile(rb"9(?=[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})")


def find(text: str, lang: Lang | None) -> Iterator[Hit]:
    yield from anchored(_INWARD, _POSTCODE, text, back=6, quick=_QUICK)

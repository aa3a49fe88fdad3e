"""P004: a house number followed by a street, in English or Welsh word order."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.model import Lang
from generator.redaction.detectors import MESSAGE, PUBLIC_FACT, REDACT, Hit, anchored
from generator.rules.registry import rule

WHAT = "a house number and street"
RULE = rule(
    "P004",
    "street-address",
    MESSAGE,
    f"{REDACT}; {PUBLIC_FACT}",
    "A home address identifies a person and where they live.",
)

# Words that end an English street name. "Court", "Park" and "Hill" are left out: they
# end too many public names ("2 Crown Court centres", "3 Business Park sites").
_ENGLISH_TYPES = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Crescent|Terrace|Place|Pl|Gardens|"
    "Grove|Square|Sq|Mews|Parade|Row|Walk|Way|Villas|Cottages|Rise|Meadows"
)
# Welsh street names put the kind of street first: 12 Heol y Bont, 3 Stryd Fawr.
_WELSH_TYPES = "Heol|Stryd|Ffordd|Lôn|Lon|Rhodfa|Teras|Cilgant|Clos|Sgwâr|Maes|Llwybr|Rhes"
_NUMBER = r"(?<![\w£$€.,/-])[1-9][0-9]{0,3}[A-Za-z]?,?\s+"
# Apostrophes are plain here: the text is normalised before the detectors see it.
_NAME_WORD = r"[A-Z][A-Za-zÀ-ÿŵŷŴŶ'-]+\s+"
_STREET = re.compile(
    rf"{_NUMBER}(?:(?:{_NAME_WORD}){{1,3}}(?:{_ENGLISH_TYPES})\b"
    rf"|(?:{_WELSH_TYPES})\s+(?:y\s+|yr\s+|'r\s+)?[A-Z][\w'-]+)"
)


_NUMBER_THEN_CAPITAL = re.compile(r"[1-9][0-9]{0,3}[A-Za-z]?,?\s+[A-Z]")

# _NUMBER_THEN_CAPITAL on the text's shape, for anchored: it must match wherever that
# can (change the two together); 9 also for a space, which the shape may hold as one.
_QUICK = re.compile(rb"9(?=9{0,3}[A-Za-z]?,?[\s9]+[A-Z])")


def find(text: str, lang: Lang | None) -> Iterator[Hit]:
    yield from anchored(_NUMBER_THEN_CAPITAL, _STREET, text, back=0, quick=_QUICK)

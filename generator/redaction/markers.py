"""The redaction marker of each language: what staff write where they removed something."""

from __future__ import annotations

import re

from generator.content.model import Lang

MARKERS: dict[Lang, str] = {"en": "[REDACTED]", "cy": "[WEDI'I OLYGU]"}

# As typed: any case, a curly apostrophe from Word, spaces inside the brackets.
PATTERNS: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(r"\[\s*REDACTED\s*\]", re.I),
    "cy": re.compile(r"\[\s*WEDI['\u2019]I\s+OLYGU\s*\]", re.I),
}


def count(text: str, lang: Lang) -> int:
    return len(PATTERNS[lang].findall(text))

"""Public facts: text that looks like personal data but is published on purpose.

The office's election mailbox, the force headquarters' postcode, the Chief Constable's
name. Each is listed with a reason, either for the whole site in
``content/public-facts.yml`` or for one document under ``public_facts:`` in its
frontmatter. A finding is let through only where the listed text itself is written, and
every use is reported, so the Chief Executive can see what was let through and why.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from generator.content.model import PublicFact
from generator.redaction.normalise import prepare


def canonical(text: str) -> str:
    """Letters and digits only, lower case: '01267 226 440' and '(01267) 226440' agree."""
    return re.sub(r"[\W_]+", "", prepare(text)).lower()


def _pattern(fact: PublicFact) -> re.Pattern[str] | None:
    key = canonical(fact.text)
    if not key:
        return None
    # Any punctuation or spacing between the letters, as long as it is short; a UK
    # phone number also in its international form (+44 and no leading 0).
    keys = [key]
    if key.isdigit() and key.startswith("0"):
        keys.append("44" + key[1:])
    body = "|".join(r"[\W_]{0,3}".join(re.escape(ch) for ch in k) for k in keys)
    body = f"(?:{body})"
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", re.I)


@dataclass
class Allowlist:
    """The facts in force for one text, and a record of which were used where."""

    facts: tuple[PublicFact, ...] = ()
    _patterns: dict[PublicFact, re.Pattern[str] | None] = field(default_factory=dict)

    def spans(self, text: str) -> list[tuple[int, int, PublicFact]]:
        found = []
        for fact in self.facts:
            if fact not in self._patterns:
                self._patterns[fact] = _pattern(fact)
            pattern = self._patterns[fact]
            if pattern is not None:
                found += [(m.start(), m.end(), fact) for m in pattern.finditer(text)]
        return found

    def with_facts(self, more: tuple[PublicFact, ...]) -> Allowlist:
        if not more:
            return self
        return Allowlist(self.facts + more, self._patterns)


@dataclass
class Usage:
    """Which public facts let something through, and in which files."""

    files: dict[PublicFact, set[str]] = field(default_factory=lambda: defaultdict(set))

    def record(self, fact: PublicFact, path: str) -> None:
        self.files[fact].add(path)

    def report(self) -> list[tuple[PublicFact, list[str]]]:
        return sorted(
            ((fact, sorted(paths)) for fact, paths in self.files.items()),
            key=lambda item: (item[0].source, item[0].line),
        )

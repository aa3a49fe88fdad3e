"""One module per kind of personal data; each has its rule and a ``find`` function.

A detector sees normalised text (see ``normalise``) and yields :class:`Hit` spans. The
language is passed because some words are ordinary in one language and a disguise in the
other ("at"), and because Welsh mutates names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.content.model import Lang
from generator.rules.registry import Rule


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    # How the finding is pointed out without repeating it; None means the first letters.
    clue: str | None = None


Find = Callable[[str, Lang | None], Iterable[Hit]]


@dataclass(frozen=True)
class Detector:
    rule: Rule
    what: str  # "an email address": the start of every message of the rule
    find: Find


# Every personal-data message has the same shape: what, where, and a clue to find it.
MESSAGE = "{what} {where} ({clue})"
REDACT = "replace it with [REDACTED] (Welsh: [WEDI'I OLYGU])"
PUBLIC_FACT = (
    "if it is a public fact (an office's published contact details), list it under "
    "'public_facts:' in the frontmatter or in content/public-facts.yml, with a reason"
)


def static_detectors() -> list[Detector]:
    """The detectors that need nothing from the project (names need the people list)."""
    from generator.redaction.detectors import (
        birth_date,
        email,
        national_insurance,
        phone,
        postcode,
        street_address,
        vehicle,
    )

    return [
        Detector(module.RULE, module.WHAT, module.find)
        for module in (
            email,
            phone,
            postcode,
            street_address,
            national_insurance,
            birth_date,
            vehicle,
        )
    ]

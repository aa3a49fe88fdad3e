"""Apply the detectors to one text and turn what they find into diagnostics."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.content.model import Lang
from generator.diagnostics import Diagnostic
from generator.redaction.allowlist import Allowlist, Usage, canonical
from generator.redaction.detectors import Detector, static_detectors
from generator.redaction.detectors.names import NameDetector
from generator.redaction.normalise import LineIndex, prepare


@dataclass(frozen=True)
class Finding:
    detector: Detector
    line: int  # 0 for texts without lines
    place: str  # "at column 12", or the ``where`` given for the text
    clue: str

    def diagnostic(self, path: str) -> Diagnostic:
        return self.detector.rule.at(
            path,
            self.line,
            what=self.detector.what,
            where=self.place,
            clue=self.clue,
            marker=marker_for(path),
        )


def marker_for(path: str) -> str:
    """The redaction marker to write in this file: its language's, or both."""
    if path.endswith(".cy.md"):
        return "[WEDI'I OLYGU] (the Welsh marker)"
    if path.endswith(".en.md"):
        return "[REDACTED]"
    return "[REDACTED] (in Welsh: [WEDI'I OLYGU])"


@dataclass
class Scanner:
    """Every detector for one project, its public facts, and what they let through."""

    detectors: list[Detector]
    allowlist: Allowlist
    usage: Usage = field(default_factory=Usage)

    @classmethod
    def for_project(cls, people: Sequence[tuple[int, str]], allowlist: Allowlist) -> Scanner:
        return cls(list(_detectors(tuple(people))), allowlist)

    def scan(self, text: str, path: str, lang: Lang | None, **options: object) -> list[Diagnostic]:
        """Diagnostics for ``text``; see :meth:`findings` for the options."""
        return [f.diagnostic(path) for f in self.findings(text, path, lang, **options)]  # type: ignore[arg-type]

    def findings(
        self,
        text: str,
        path: str,
        lang: Lang | None,
        *,
        first_line: int = 1,
        where: str | None = None,
        allowlist: Allowlist | None = None,
        seen: set[tuple[str, str]] | None = None,
    ) -> list[Finding]:
        """What the detectors find in ``text``. ``where`` replaces the column for texts
        without lines (a PDF page, a document property); ``seen`` drops repeats within
        one file."""
        prepared = prepare(text)
        allowed = allowlist or self.allowlist
        facts: list[tuple[int, int, object]] | None = None
        lines: LineIndex | None = None
        found: list[Finding] = []
        for detector in self.detectors:
            for hit in detector.find(prepared, lang):
                if facts is None:
                    facts = allowed.spans(prepared)
                start, end = _trimmed(prepared, hit.start, hit.end)
                cover = next((f for s, e, f in facts if s <= start and end <= e), None)
                if cover is not None:
                    self.usage.record(cover, path)  # type: ignore[arg-type]
                    continue
                matched = prepared[hit.start : hit.end]
                if seen is not None:
                    key = (detector.rule.code, canonical(matched))
                    if key in seen:
                        continue
                    seen.add(key)
                line = 0
                place = where
                if where is None:
                    lines = lines or LineIndex(prepared, first_line)
                    line = lines.line(hit.start)
                    place = f"at column {lines.column(hit.start)}"
                clue = hit.clue or f"begins '{_first_letters(matched)}…'"
                found.append(Finding(detector, line, place or "", clue))
        return found


@functools.lru_cache(maxsize=4)
def _detectors(people: tuple[tuple[int, str], ...]) -> tuple[Detector, ...]:
    """Every detector for a people list, made once: a build scans its sources and its
    site with the same list, and the names' patterns take a while to make."""
    detectors = static_detectors()
    if people:
        detectors.append(NameDetector(people).detector())
    return tuple(detectors)


def masked(scanner: Scanner, text: str) -> str:
    """``text`` with whatever the detectors find in it replaced by '[…]'."""
    if not text:
        return text
    prepared = prepare(text)
    spans = sorted(
        (hit.start, hit.end)
        for detector in scanner.detectors
        for hit in detector.find(prepared, None)
    )
    if not spans:
        return text
    parts, position = [], 0
    for start, end in spans:
        if start >= position:
            parts.append(prepared[position:start] + "[…]")
            position = end
        elif end > position:
            position = end
    return "".join(parts) + prepared[position:]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the brackets or spaces at its ends: '(01267) 226 440' is covered
    by the public fact '01267 226440'."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _first_letters(matched: str) -> str:
    """Enough of a finding to spot it on the line, and no more."""
    return " ".join(matched.split())[:3]

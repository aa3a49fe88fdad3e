"""The registry of rule codes.

Every problem the generator can report is a :class:`Rule` with a code that is never
reused, a message, a one-sentence fix and a note on why it matters (the text of
``opcc-site rules``). Checks that need the whole loaded site register themselves with
:func:`site_check`; checks that run while files are read (encoding, YAML) use the same
rules from the loader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from generator.content.model import Site
    from generator.content.parsed import ParsedFile


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    message: str  # str.format template, filled from the values passed to at()
    hint: str  # one sentence telling staff how to fix it
    why: str
    severity: Severity = Severity.ERROR

    def at(self, path: str, line: int, **values: object) -> Diagnostic:
        return Diagnostic(
            path=path,
            line=line,
            code=self.code,
            message=self.message.format(**values),
            hint=self.hint.format(**values),
            severity=self.severity,
        )


RULES: dict[str, Rule] = {}

FileCheck = Callable[["ParsedFile"], Iterable[Diagnostic]]
SiteCheck = Callable[["Site"], Iterable[Diagnostic]]
FILE_CHECKS: list[FileCheck] = []
SITE_CHECKS: list[SiteCheck] = []


def rule(code: str, name: str, message: str, hint: str, why: str, severity: str = "error") -> Rule:
    if code in RULES:
        raise ValueError(f"rule code {code} is registered twice")
    registered = Rule(code, name, message, hint, why, Severity(severity))
    RULES[code] = registered
    return registered


def file_check(fn: FileCheck) -> FileCheck:
    """Register a check of one file on its own (its fields and its body)."""
    FILE_CHECKS.append(fn)
    return fn


def site_check(fn: SiteCheck) -> SiteCheck:
    """Register a check that needs every document at once (references, links)."""
    SITE_CHECKS.append(fn)
    return fn

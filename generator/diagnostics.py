"""Diagnostics: one problem found in the sources, and the one way they are printed.

A diagnostic is data (path, line, code, message, hint), in the manner of Flake8's
``Violation``; every part of the pipeline returns them instead of raising, so that a
run reports every problem at once rather than stopping at the first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str  # relative to the project root, POSIX separators
    line: int  # 1-based; 0 when the problem is about the file as a whole
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """``PATH:LINE: CODE message`` then the hint, indented, on its own line."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        warning = " (warning)" if self.severity is Severity.WARNING else ""
        text = f"{where}: {self.code}{warning} {self.message}"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text


def errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]

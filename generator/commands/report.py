"""How a check's findings are shown: grouped by file for a person (coloured on a
terminal, plain when piped), or as JSON for tools.

Each problem keeps its ``path:line:`` location at the start of its line, so that a click
on it in an editor's terminal opens the file at that line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import TYPE_CHECKING

import click

from generator.diagnostics import Diagnostic, Severity
from generator.rules.catalogue import RULES

if TYPE_CHECKING:
    from generator.commands.check import CheckResult

FORMATS = ("text", "json")


def grouped(diagnostics: Iterable[Diagnostic]) -> Iterator[str]:
    """A heading per file with its count of problems, then each problem and its fix.
    Colours are ANSI codes that click.echo removes when the output is not a terminal."""
    ordered = sorted(diagnostics, key=lambda d: (d.path, d.line, d.code, d.message))
    for path, found in groupby(ordered, key=lambda d: d.path):
        items = list(found)
        errors = sum(1 for d in items if d.severity is Severity.ERROR)
        warnings = len(items) - errors
        counts = ", ".join(
            part
            for part in (
                f"{errors} error{'s' if errors != 1 else ''}" if errors else "",
                f"{warnings} warning{'s' if warnings != 1 else ''}" if warnings else "",
            )
            if part
        )
        yield click.style(path, bold=True) + f" ({counts})"
        for d in items:
            where = f"{d.path}:{d.line}" if d.line else d.path
            colour = "red" if d.severity is Severity.ERROR else "yellow"
            label = " (warning)" if d.severity is Severity.WARNING else ""
            yield f"  {where}: {click.style(d.code, fg=colour, bold=True)}{label} {d.message}"
            if d.hint:
                yield f"      {click.style('fix:', fg='green')} {d.hint}"
        yield ""


def as_json(result: CheckResult) -> str:
    """Everything a tool needs: the verdict, every problem with its fix, the counts and
    the public facts that were let through."""
    site = result.site
    return json.dumps(
        {
            "ok": result.ok,
            "summary": result.summary(),
            "date": site.today.isoformat(),
            "problems": [
                {
                    "path": d.path,
                    "line": d.line or None,
                    "code": d.code,
                    "rule": RULES[d.code].name if d.code in RULES else None,
                    "severity": str(d.severity),
                    "message": d.message,
                    "fix": d.hint,
                }
                for d in result.diagnostics
            ],
            "counts": {
                "responses_ready": len(site.published_responses()),
                "responses_draft": sum(1 for r in site.responses if r.status == "draft"),
                "documents_ready": len(site.published_documents()),
                "documents_draft": sum(1 for d in site.documents if d.status == "draft"),
                "attachments_to_publish": len(site.published_attachments()),
                "waiting_for_twin": [
                    {"path": w.path, "missing": w.missing} for w in site.waiting_for_twin
                ],
            },
            "public_facts_used": result.redaction.as_data(),
        },
        ensure_ascii=False,
        indent=2,
    )

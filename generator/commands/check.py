"""`opcc-site check`: validate everything and report every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.content.loader import load
from generator.content.model import Site
from generator.diagnostics import Diagnostic, errors
from generator.project import Project
from generator.redaction.sources import RedactionReport, mask_report, scan_sources


@dataclass(frozen=True)
class CheckResult:
    site: Site
    diagnostics: list[Diagnostic]
    redaction: RedactionReport = field(default_factory=RedactionReport)

    @property
    def ok(self) -> bool:
        return not errors(self.diagnostics)

    def summary(self) -> str:
        site = self.site

        def plural(count: int, word: str) -> str:
            return f"{count} {word}{'s' if count != 1 else ''}"

        def tally(items: tuple, kind: str) -> str:  # type: ignore[type-arg]
            ready = sum(1 for item in items if site.is_published(item))
            drafts = sum(1 for item in items if item.status == "draft")
            held = len(items) - ready - drafts
            text = f"{plural(ready, kind)} ready, {plural(drafts, 'draft')}"
            return text + (f", {held} not due yet on {site.today:%Y-%m-%d}" if held else "")

        counts = (
            f"{tally(site.responses, 'response')}; {tally(site.documents, 'document')}; "
            f"{plural(len(site.published_attachments()), 'attachment')} to publish"
        )
        problems = errors(self.diagnostics)
        if not problems:
            return f"No problems found. {counts}."
        files = len({d.path for d in problems})
        plural = "s" if len(problems) != 1 else ""
        file_plural = "s" if files != 1 else ""
        return (
            f"{len(problems)} error{plural} in {files} file{file_plural}: nothing can be "
            f"published until they are fixed. {counts}."
        )


def run_check(project: Project, today: date | None = None) -> CheckResult:
    """``today``: the day to check for (the pre-election rules and publish_from)."""
    site, diagnostics = load(project, today)
    found, report = scan_sources(project.root, site)
    diagnostics = sorted(
        set(mask_report(diagnostics, site) + found),
        key=lambda d: (d.path, d.line, d.code, d.message),
    )
    return CheckResult(site, diagnostics, report)

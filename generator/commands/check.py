"""`opcc-site check`: validate everything and report every problem."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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
        """The verdict, then what the project holds: "3 errors in 2 files: nothing can be
        published until they are fixed. 41 responses ready, 2 drafts, 1 waiting for its
        Welsh twin; ..." """
        site = self.site
        language = {"en": "English", "cy": "Welsh"}

        def tally(items: tuple, kind: str, area: str) -> str:  # type: ignore[type-arg]
            ready = sum(1 for item in items if site.is_published(item))
            drafts = sum(1 for item in items if item.status == "draft")
            held = len(items) - ready - drafts
            text = f"{plural(ready, kind)} ready, {plural(drafts, 'draft')}"
            if held:
                text += f", {held} not due yet on {site.today:%Y-%m-%d}"
            for lang in ("cy", "en"):
                count = sum(
                    1
                    for w in site.waiting_for_twin
                    if w.missing == lang and w.path.startswith(area)
                )
                if count:
                    whose = "its" if count == 1 else "their"
                    twin = "twin" if count == 1 else "twins"
                    text += f", {count} waiting for {whose} {language[lang]} {twin}"
            return text

        counts = (
            f"{tally(site.responses, 'response', 'responses/')}; "
            f"{tally(site.documents, 'document', 'content/')}; "
            f"{plural(len(site.published_attachments()), 'attachment')} to publish"
        )
        problems = errors(self.diagnostics)
        warnings = len(self.diagnostics) - len(problems)
        noted = f" ({plural(warnings, 'warning')})" if warnings else ""
        if not problems:
            return f"No problems found{noted}. {counts}."
        files = len({d.path for d in problems})
        return (
            f"{plural(len(problems), 'error')} in {plural(files, 'file')}{noted}: nothing can "
            f"be published until they are fixed. {counts}."
        )


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def run_check(project: Project, today: date | None = None) -> CheckResult:
    """``today``: the day to check for (the pre-election rules and publish_from)."""
    site, diagnostics = load(project, today)
    found, report = scan_sources(project.root, site)
    # What the build may publish is the bytes that were read: it checks its copies.
    site = replace(
        site,
        attachments=tuple(
            replace(a, digest=report.digests.get(a.source)) for a in site.attachments
        ),
    )
    diagnostics = sorted(
        set(mask_report(diagnostics, site) + found),
        key=lambda d: (d.path, d.line, d.code, d.message),
    )
    return CheckResult(site, diagnostics, report)

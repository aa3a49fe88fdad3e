"""`opcc-site status`: the register's state at a glance, for the person who runs it.

Requests waiting for an answer and for how long, drafts, documents waiting for their
twin, documents held back until a later day, and what the next build will publish,
compared with the site built last (the output folder's register.json and pages).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.commands.check import CheckResult, run_check
from generator.content.addresses import document_address
from generator.content.model import Document, Response
from generator.diagnostics import errors
from generator.project import Project


@dataclass(frozen=True)
class Waiting:
    reference: str
    title: str
    received: date
    days: int


@dataclass
class Status:
    today: date
    check: CheckResult
    waiting: list[Waiting] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)  # "PCC24-015 Officers in ..." or a path
    held: list[str] = field(default_factory=list)  # "... (from 2024-05-03)"
    to_publish: dict[str, int] = field(default_factory=dict)
    new_since_last: list[str] = field(default_factory=list)
    gone_since_last: list[str] = field(default_factory=list)
    last_build: Path | None = None


def _name(item: Response | Document) -> str:
    title = item.texts["en"].title
    if isinstance(item, Response):
        return f"{item.reference}  {title}"
    return f"{item.texts['en'].source}  {title}"


def _published_before(out: Path) -> tuple[set[str], set[str]] | None:
    """References in the last build's register, and its English page addresses."""
    register = out / "en" / "register.json"
    if not register.is_file():
        return None
    try:
        data = json.loads(register.read_text(encoding="utf-8"))
        references = {entry["reference"] for entry in data["responses"]}
    except (ValueError, KeyError, TypeError):
        return None
    pages = {
        path.parent.relative_to(out / "en").as_posix().removeprefix(".")
        for path in (out / "en").rglob("index.html")
    }
    return references, pages


def _page_folder(doc_id: str) -> str:
    """Where a document's page sits in a built language folder: "briefing-pack/budget"."""
    stem = document_address(doc_id).removesuffix(".md")
    return stem.removesuffix("index").rstrip("/")


def run_status(project: Project, out: Path, today: date | None = None) -> Status:
    check = run_check(project, today)
    site = check.site
    status = Status(today=site.today, check=check)
    for response in site.responses:
        if response.received > site.today:
            continue  # a preview of an earlier day: not yet received then
        if response.responded is None or response.responded > site.today:
            days = (site.today - response.received).days
            status.waiting.append(
                Waiting(response.reference, response.texts["en"].title, response.received, days)
            )
    for half in site.waiting_for_twin:
        if half.reference and half.received and half.received <= site.today:
            days = (site.today - half.received).days
            status.waiting.append(Waiting(half.reference, half.title, half.received, days))
        if half.status == "draft":
            status.drafts.append(f"{half.reference or half.path}  {half.title}")
    status.waiting.sort(key=lambda w: (-w.days, w.reference))
    for item in (*site.responses, *site.documents):
        if item.status == "draft":
            status.drafts.append(_name(item))
        elif not site.is_published(item):
            if isinstance(item, Response) and item.received > site.today:
                continue  # a preview of an earlier day: not yet received then
            when = item.publish_from or getattr(item, "responded", None)
            status.held.append(f"{_name(item)}  (from {when:%Y-%m-%d})" if when else _name(item))
    responses = site.published_responses()
    documents = site.published_documents()
    status.to_publish = {
        "responses": len(responses),
        "documents": len(documents),
        "attachments": len(site.published_attachments()),
    }
    before = _published_before(out)
    if before is not None:
        status.last_build = out
        references, pages = before
        status.new_since_last = [
            f"{r.reference}  {r.texts['en'].title}"
            for r in responses
            if r.reference not in references
        ] + [
            f"{d.texts['en'].source}  {d.texts['en'].title}"
            for d in documents
            if _page_folder(d.id) not in pages
        ]
        now = {r.reference for r in responses}
        status.gone_since_last = sorted(references - now)
    return status


def lines(status: Status) -> list[str]:
    """The report, in plain English, most urgent first."""
    out: list[str] = [f"The register on {status.today.day} {status.today:%B %Y}"]
    site = status.check.site
    problems = errors(status.check.diagnostics)
    if problems:
        files = len({d.path for d in problems})
        out.append(
            f"  {len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''} stop the next build: run 'opcc-site check' "
            "to see them."
        )
    out.append("")
    out.append(f"Waiting for an answer ({len(status.waiting)}):")
    for w in status.waiting:
        out.append(f"  {w.reference}  received {w.received:%Y-%m-%d}, {w.days} days ago  {w.title}")
    if not status.waiting:
        out.append("  none")
    out.append("")
    out.append(f"Drafts ({len(status.drafts)}):")
    out += [f"  {d}" for d in status.drafts] or ["  none"]
    out.append("")
    out.append(f"Waiting for the other language ({len(site.waiting_for_twin)}):")
    language = {"en": "English", "cy": "Welsh"}
    out += [f"  {w.path}: no {language[w.missing]} version yet" for w in site.waiting_for_twin] or [
        "  none"
    ]
    if status.held:
        out.append("")
        out.append(f"Ready, but held back until a later day ({len(status.held)}):")
        out += [f"  {h}" for h in status.held]
    out.append("")
    counts = status.to_publish
    verdict = "The next build will publish" if not problems else "Once fixed, a build will publish"
    out.append(
        f"{verdict} {counts['responses']} responses, {counts['documents']} documents and "
        f"{counts['attachments']} attachment{'s' if counts['attachments'] != 1 else ''}."
    )
    if status.last_build is None:
        out.append("  (No earlier build was found to compare with.)")
    else:
        out.append(f"  New since the last build in {status.last_build}:")
        out += [f"    {n}" for n in status.new_since_last] or ["    nothing"]
        if status.gone_since_last:
            out.append("  In the last build but no longer published:")
            out += [f"    {g}" for g in status.gone_since_last]
    return out

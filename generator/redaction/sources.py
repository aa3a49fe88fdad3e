"""The redaction pass over a loaded project: every source file as written (fields,
comments, raw HTML and link targets included), the election data, every attachment and
every file name. The last stage of ``opcc-site check``.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.content.model import PublicFact, Site, Written
from generator.content.yamltext import YamlDoc
from generator.diagnostics import Diagnostic
from generator.redaction import attachments
from generator.redaction.allowlist import Allowlist, Usage
from generator.redaction.attachments import PERSONAL_PROPERTIES
from generator.redaction.markup import as_read
from generator.redaction.normalise import prepare
from generator.redaction.scan import Scanner, masked
from generator.rules.registry import rule

UNUSED_FACT = rule(
    "X001",
    "public-fact-unused",
    "the public fact listed here matches nothing in {scope}",
    "remove it from the list, or correct its text to match the page exactly",
    "Every public fact is an exception to the privacy checks; an exception nobody needs "
    "should not stay in force unnoticed.",
    severity="warning",
)


@dataclass
class RedactionReport:
    """The public facts that let something through, for the build report."""

    usage: Usage = field(default_factory=Usage)
    # The SHA-256 of each attachment as it was read (see checked_digest).
    digests: dict[str, str] = field(default_factory=dict)

    def lines(self) -> list[str]:
        used = self.usage.report()
        if not used:
            return []
        out = [f"Let through as public facts ({len(used)}), each with the reason given:"]
        for fact, paths in used:
            where = paths[0] if len(paths) == 1 else f"{len(paths)} files"
            out.append(
                f"  - {fact.text!r}: {fact.reason} (listed in {fact.source}:{fact.line}; "
                f"used in {where})"
            )
        return out

    def as_data(self) -> list[dict[str, object]]:
        return [
            {
                "text": fact.text,
                "reason": fact.reason,
                "listed_in": f"{fact.source}:{fact.line}",
                "used_in": list(paths),
            }
            for fact, paths in self.usage.report()
        ]


def facts_from(path: str, doc: YamlDoc) -> tuple[PublicFact, ...]:
    """The ``public_facts:`` of a file, read leniently: a file whose fields fail the
    schema is reported for that, and still has its exceptions honoured."""
    items = doc.data.get("public_facts") if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return ()
    found = []
    for number, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            reason = item.get("reason")
            if isinstance(reason, str) and reason.strip():
                line = doc.line_of(("public_facts", number, "text"), 1)
                found.append(PublicFact(item["text"].strip(), reason.strip(), path, line))
    return tuple(found)


def scan_sources(root: Path, site: Site) -> tuple[list[Diagnostic], RedactionReport]:
    scanner = Scanner.for_project(site.people, Allowlist(site.public_facts))
    found: list[Diagnostic] = []
    digests: dict[str, str] = {}
    for item in site.written:
        if item.findings is None:  # not scanned when it was loaded
            item = scan_written(scanner, item)
        found += item.findings or ()
        for fact in item.used:
            scanner.usage.record(fact, item.path)
    for attachment in site.attachments:
        rel = attachment.source
        found += scanner.scan(_name(rel), rel, None, where="in the file name")
        before = file_digest(root / rel)
        inspection = attachments.inspect(root / rel, rel)
        digests[rel] = checked_digest(before, file_digest(root / rel))
        found += inspection.problems
        found += _authors(scanner, inspection.authors, rel)
        seen: set[tuple[str, str]] = set()
        for piece in inspection.pieces:
            if piece.line:
                found += scanner.scan(piece.text, rel, None, first_line=piece.line, seen=seen)
            else:
                found += scanner.scan(piece.text, rel, None, where=piece.where, seen=seen)
    used = scanner.usage.files
    for item in site.written:
        found += [
            UNUSED_FACT.at(fact.source, fact.line, scope="this file")
            for fact in item.facts
            if fact not in used
        ]
    found += [
        UNUSED_FACT.at(fact.source, fact.line, scope="any file")
        for fact in site.public_facts
        if fact not in used
    ]
    return found, RedactionReport(scanner.usage, digests)


# What an attachment that changed while it was read is recorded as: no copy matches it,
# so the build stops rather than publish bytes that may not be the ones read.
CHANGED_WHILE_READ = "changed while it was read"


def checked_digest(before: str | None, after: str | None) -> str:
    if before is None or before != after:
        return CHANGED_WHILE_READ
    return before


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes; None for a file that cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def scan_written(scanner: Scanner, item: Written, *, name: bool = True) -> Written:
    """``item`` with what the scan finds in its text and (unless ``name`` is false, for
    scan_names to do) its file name, and the public facts that let something through."""
    found, used = _scanned(scanner, item, text=True, name=name)
    return Written(item.path, item.text, item.lang, item.facts, found, used)


def scan_names(scanner: Scanner, items: list[Written]) -> list[Written]:
    """``items`` with what the scan finds in their file names added. The names are
    searched all at once, a line each, which is a fraction of the time of a search per
    name; a name that search finds anything in (or next to: a finding may run on into
    the next line) is then scanned on its own, with its file's public facts, as
    scan_written would."""
    names = [prepare(_name(item.path)) for item in items]
    joined = "\n".join(names)
    starts = list(itertools.accumulate((len(name) + 1 for name in names), initial=0))
    flagged: set[int] = set()
    for detector in scanner.detectors:
        for hit in detector.find(joined, None):  # None: Welsh and English alike
            first = bisect.bisect_right(starts, hit.start) - 1
            last = bisect.bisect_right(starts, max(hit.start, hit.end - 1)) - 1
            flagged.update(range(first, min(last, len(items) - 1) + 1))
    out = list(items)
    for index in sorted(flagged):
        item = items[index]
        found, used = _scanned(scanner, item, text=False, name=True)
        if found or used:
            out[index] = replace(
                item,
                findings=(*(item.findings or ()), *found),
                used=tuple(dict.fromkeys((*item.used, *used))),
            )
    return out


def _scanned(
    scanner: Scanner, item: Written, *, text: bool, name: bool
) -> tuple[tuple[Diagnostic, ...], tuple[PublicFact, ...]]:
    """What the scan finds in the item's text, its file name or both, with its own
    public facts in force, and the public facts that let something through."""
    own = Scanner(scanner.detectors, scanner.allowlist)
    allowlist = own.allowlist.with_facts(item.facts)
    found = own.scan(item.text, item.path, item.lang, allowlist=allowlist) if text else []
    reading = as_read(item.text) if text else item.text
    if reading != item.text:
        # Also as the page will read: a name split by a comment or a tag, or written
        # with character references, is found here, on the line where it is.
        already = {(d.code, d.line) for d in found}
        found += [
            d
            for d in own.scan(reading, item.path, item.lang, allowlist=allowlist)
            if (d.code, d.line) not in already
        ]
    if name:
        found += own.scan(
            _name(item.path), item.path, item.lang, where="in the file name", allowlist=allowlist
        )
    return tuple(found), tuple(own.usage.files)


def mask_report(diagnostics: list[Diagnostic], site: Site) -> list[Diagnostic]:
    """Every message and fix with personal data masked, whatever rule wrote it: a value
    quoted by a schema or twin check ("'requester' is 'Bethan Morgan'") must not print
    what the redaction checks exist to hide. File paths are left whole: they are where
    the problem is, and a name in a path is reported as such."""
    scanner = Scanner.for_project(site.people, Allowlist(()))
    listing = any(d.code == "W002" for d in diagnostics)
    secret_figures = _figures_in_findings(scanner, site) if listing else set()
    out = []
    for diagnostic in diagnostics:
        message, hint = masked(scanner, diagnostic.message), masked(scanner, diagnostic.hint)
        if diagnostic.code == "W002":
            # It lists the figures of one version missing from the other, digit run by
            # digit run: the pieces of a phone number would be printed one by one.
            hidden = re.sub(r"\d+", lambda m: "[…]" if m[0] in secret_figures else m[0], message)
            if hidden != message:
                message = f"{hidden} ([…]: figures inside personal data reported in this file)"
        if (message, hint) != (diagnostic.message, diagnostic.hint):
            diagnostic = replace(diagnostic, message=message, hint=hint)
        out.append(diagnostic)
    return out


def _figures_in_findings(scanner: Scanner, site: Site) -> set[str]:
    """Every run of three or more digits inside something a detector found, in any
    source: parts of phone numbers, postcodes, dates of birth."""
    figures: set[str] = set()
    for item in site.written:
        prepared = prepare(item.text)
        for detector in scanner.detectors:
            for hit in detector.find(prepared, None):
                figures.update(re.findall(r"\d{3,}", prepared[hit.start : hit.end]))
    return figures


def _authors(scanner: Scanner, authors: list[tuple[str, str]], rel: str) -> list[Diagnostic]:
    """A006 for each property naming a person, unless the name is a listed public fact
    (the office's own name as author, say)."""
    named = []
    for field_name, value in authors:
        cover = [f for s, e, f in scanner.allowlist.spans(value) if s == 0 and e == len(value)]
        if cover:
            scanner.usage.record(cover[0], rel)
        else:
            named.append(field_name)
    if not named:
        return []
    return [PERSONAL_PROPERTIES.at(rel, 0, fields=", ".join(dict.fromkeys(named)))]


def _name(path: str) -> str:
    """The part of a path that becomes a web address, with separators as spaces."""
    return path.split("/", 1)[-1].replace("/", " ")

"""C: rules for content documents (pages, briefing pack, session and meeting notes)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.content.parsed import ParsedFile
from generator.content.schema import DocumentFrontmatter
from generator.diagnostics import Diagnostic
from generator.rules.registry import file_check, rule

DATE_REQUIRED = rule(
    "C001",
    "note-without-date",
    "a {type} note needs a 'date': the day it took place",
    "add 'date: YYYY-MM-DD' with the day of the {type}",
    "Notes of briefing sessions and meetings are listed and published by date.",
)


@file_check
def notes_dated(parsed: ParsedFile) -> Iterator[Diagnostic]:
    f = parsed.fields
    if isinstance(f, DocumentFrontmatter) and f.type in ("session", "meeting") and not f.date:
        yield DATE_REQUIRED.at(parsed.path, parsed.line("type"), type=f.type)

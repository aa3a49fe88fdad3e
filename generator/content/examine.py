"""One Markdown file on its own: read → split → schema → per-file rules → profile →
redaction scan.

Everything here depends only on the file's path, its bytes and the settings (the
redaction scanner made from the people list and the site-wide public facts), so it runs
in worker processes, one per core, and its outcome is kept in the per-file cache by the
file's content hash (content/cache.py). Rules that compare files run afterwards, on the
outcomes of all of them (content/loader.py).
"""

from __future__ import annotations

import functools
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.content import schema
from generator.content.model import Written
from generator.content.parsed import ParsedFile
from generator.content.profile import TextProfile
from generator.content.sources import SourceFile, decode, source_from
from generator.diagnostics import Diagnostic
from generator.parallel import fork_batches
from generator.project import RESPONSES
from generator.redaction.scan import Scanner
from generator.redaction.sources import facts_from, scan_written
from generator.rules.catalogue import FILE_CHECKS


@dataclass(frozen=True)
class FileOutcome:
    parsed: ParsedFile | None  # None when the file could not be read or failed the schema
    # The text as read and scanned (its file name is scanned as the site loads, with every
    # other name: redaction.sources.scan_names); None when it is not text at all.
    written: Written | None
    diagnostics: tuple[Diagnostic, ...]  # reading, schema and per-file rules


def examine(rel: str, data: bytes | OSError, scanner: Scanner) -> FileOutcome:
    source, problems = source_from(rel, data)
    diagnostics = list(problems)
    if source is None:
        # Still scanned for personal data, if it can be read as text at all.
        text, _ = decode(rel, data)
        if text is None:
            return FileOutcome(None, None, tuple(diagnostics))
        lang = "cy" if rel.endswith(".cy.md") else "en"
        written = scan_written(scanner, Written(rel, text, lang), name=False)  # type: ignore[arg-type]
        return FileOutcome(None, written, tuple(diagnostics))
    written = scan_written(
        scanner, Written(rel, source.text, source.lang, facts_from(rel, source.meta)), name=False
    )
    parsed = _apply_schema(source, diagnostics)
    if parsed is not None:
        for check in FILE_CHECKS:
            diagnostics += check(parsed)
    return FileOutcome(parsed, written, tuple(diagnostics))


def _apply_schema(source: SourceFile, diagnostics: list[Diagnostic]) -> ParsedFile | None:
    is_response = source.area == RESPONSES
    model, kind = (
        (schema.ResponseFrontmatter, "response")
        if is_response
        else (schema.DocumentFrontmatter, "content document")
    )
    fields, problems = schema.validate(model, source.meta, source.path, kind, default_line=1)
    diagnostics += problems
    if fields is None:
        return None
    profile = TextProfile.of(fields.title, source.body, source.body_line)  # type: ignore[union-attr]
    parsed = ParsedFile(source, fields, profile)  # type: ignore[arg-type]
    parsed.field_lines  # noqa: B018  (worked out here, to be cached with the rest)
    return parsed


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 200


def examine_all(files: Sequence[tuple[str, bytes | OSError]], scanner: Scanner) -> Iterator[bytes]:
    """The outcomes of the files, in order, in batches, each given as soon as it and
    those before it are ready; on every core when there are many (the scanner is bound
    here, before the fork, so that it is never copied item by item). Each batch is a
    list of outcomes pickled together by the worker that made it: the names of their
    classes and fields are then written and read once a batch rather than once a file,
    which halves the time this process takes to read them. The per-file cache keeps each
    batch as it came (content/cache.py)."""
    return fork_batches(functools.partial(_packed, scanner=scanner), files, PARALLEL_FROM)


def _packed(files: Sequence[tuple[str, bytes | OSError]], scanner: Scanner) -> bytes:
    outcomes = [examine(rel, data, scanner) for rel, data in files]
    return pickle.dumps(outcomes, protocol=pickle.HIGHEST_PROTOCOL)

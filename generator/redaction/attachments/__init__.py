"""Reading attachments for the redaction scan: their visible text and what hides in them.

Each module reads one kind of file and returns :class:`Piece` texts (with where each came
from: a page, a sheet, a comment, the document properties) for the detectors, and
diagnostics of its own for hidden content that must not be published at all (hidden
sheets, pivot caches, tracked changes, image metadata). A file that cannot be read is an
error, never a pass.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.rules.registry import rule

UNREADABLE = rule(
    "A001",
    "attachment-unreadable",
    "this attachment cannot be read to check it for personal data ({problem})",
    "open the file, save it again (as CSV for a spreadsheet, or as a PDF without a "
    "password), and check it opens",
    "An attachment that cannot be checked might hold anything; it is refused rather than "
    "published unchecked.",
)
TOO_LARGE = rule(
    "A009",
    "attachment-too-large",
    "this attachment unpacks to {size}, more than the {limit} that can be checked",
    "publish the data as a smaller file, or split it (a CSV per table)",
    "A file that expands to gigabytes when unpacked (a 'zip bomb') would stop the build; "
    "it is refused rather than published unchecked.",
)
PERSONAL_PROPERTIES = rule(
    "A006",
    "document-properties",
    "the file's properties name who wrote or edited it ({fields})",
    "clear the properties before publishing (in Word or Excel: File > Info > Check for "
    "Issues > Inspect Document > Remove All), or list the office's name as a public fact",
    "Author and 'last modified by' properties travel with the file and name the member "
    "of staff who wrote it.",
)

# Unpacked size that any one attachment may reach: far above a real briefing document.
MAX_UNPACKED = 200 * 1024 * 1024


@dataclass(frozen=True)
class Piece:
    where: str  # "in page 2", "in sheet 'Data', cell B4", "in the document properties"
    text: str
    line: int = 0  # for line-based files (CSV, text), the line the text starts on


@dataclass
class Inspection:
    pieces: list[Piece] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    # (property, value) of each property that names who wrote or edited the file; the
    # scan reports them (A006) unless the value is a listed public fact.
    authors: list[tuple[str, str]] = field(default_factory=list)

    def author(self, name: str, value: object) -> None:
        text = str(value or "").strip()
        if text and text.lower() not in PLACEHOLDER_AUTHORS:
            self.authors.append((name, text))


# What programs write when nobody set an author: not anyone's name.
PLACEHOLDER_AUTHORS = frozenset(
    {"anonymous", "unknown", "user", "author", "python-docx", "openpyxl", "microsoft office user"}
)


Reader = Callable[[Path, str], Inspection]


def inspect(full: Path, rel: str) -> Inspection:
    """Read one attachment; any failure to read it is reported, never skipped."""
    from generator.redaction.attachments import images, ooxml, pdf, text

    readers: dict[str, Reader] = {
        ".pdf": pdf.inspect,
        ".docx": ooxml.inspect_docx,
        ".xlsx": ooxml.inspect_xlsx,
        ".csv": text.inspect,
        ".txt": text.inspect,
        ".png": images.inspect,
        ".jpg": images.inspect,
        ".jpeg": images.inspect,
        ".gif": images.inspect,
        ".webp": images.inspect,
    }
    reader = readers.get(full.suffix.lower())
    if reader is None:  # discovery refuses other types; this keeps the two in step
        return Inspection(problems=[UNREADABLE.at(rel, 0, problem="no reader for this type")])
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        return reader(full, rel)
    except Exception as exc:  # a malformed file must become a message, never a traceback
        problem = f"{type(exc).__name__}: {exc}".replace(str(full), rel).replace(
            str(full.parent), ""
        )
        problem = problem.strip().replace("\n", " ")[:200]
        return Inspection(problems=[UNREADABLE.at(rel, 0, problem=problem)])


def size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"

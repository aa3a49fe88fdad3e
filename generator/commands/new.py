"""`opcc-site new`: start a document as a pair of files, English and Welsh, with every
required field filled in and the section headings in each language.

A new response takes the next free reference in the register. The files start as
drafts whose text is TODO, so that they can be committed at once and can never be
published until they are written (rule W004 refuses a ready document holding TODO).
Nothing existing is ever overwritten.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.project import CONTENT, RESPONSES, Project

SCAFFOLDS = Path(__file__).resolve().parent.parent / "scaffolds"


@dataclass(frozen=True)
class DocumentKind:
    folder: str  # under content/
    type: str  # the frontmatter 'type'
    dated: bool  # the file name starts with its date, and 'date' is required
    about: dict[str, str]  # "this page", for the summary's prompt, per language
    headings: dict[str, tuple[str, ...]]


DOCUMENT_KINDS: dict[str, DocumentKind] = {
    "briefing": DocumentKind(
        "briefing-pack",
        "briefing",
        False,
        {"en": "this briefing document", "cy": "y ddogfen friffio hon"},
        {"en": ("Summary", "The figures"), "cy": ("Crynodeb", "Y ffigurau")},
    ),
    "session": DocumentKind(
        "briefing-sessions",
        "session",
        True,
        {"en": "this note of the briefing session", "cy": "y nodyn hwn o'r sesiwn friffio"},
        {
            "en": ("About the session", "Attendance", "Presentations", "Questions and answers"),
            "cy": ("Ynglŷn â'r sesiwn", "Presenoldeb", "Cyflwyniadau", "Cwestiynau ac atebion"),
        },
    ),
    "meeting": DocumentKind(
        "meetings",
        "meeting",
        True,
        {"en": "this note of the meeting", "cy": "y nodyn hwn o'r cyfarfod"},
        {
            "en": (
                "Arrangements",
                "Topics discussed and the factual points given",
                "Matters not covered",
            ),
            "cy": (
                "Trefniadau",
                "Y pynciau a drafodwyd a'r pwyntiau ffeithiol a roddwyd",
                "Materion na thrafodwyd",
            ),
        },
    ),
    "page": DocumentKind(
        "", "page", False, {"en": "this page", "cy": "y dudalen hon"}, {"en": (), "cy": ()}
    ),
}
KINDS = ("response", *DOCUMENT_KINDS)


class NewError(Exception):
    """Why the files cannot be created; nothing has been written."""


_REFERENCE = re.compile(r"^(?P<prefix>[A-Z][A-Z0-9]*-)(?P<number>[0-9]{3,})\.(en|cy)\.md$")


def next_reference(project: Project, polling_year: int | None) -> str:
    """The register's next free reference: one more than the highest number among the
    response files (drafts and broken files included), with their prefix; PCC24-001 for
    the first response of a 2024 election."""
    numbers: dict[str, list[int]] = {}
    folder = project.root / RESPONSES
    for name in os.listdir(folder) if folder.is_dir() else ():
        match = _REFERENCE.match(name)
        if match:
            numbers.setdefault(match["prefix"], []).append(int(match["number"]))
    if numbers:
        prefix = max(numbers, key=lambda p: (len(numbers[p]), max(numbers[p])))
        return f"{prefix}{max(numbers[prefix]) + 1:03d}"
    year = polling_year or date.today().year
    return f"PCC{year % 100:02d}-001"


def slug(text: str) -> str:
    """A file name from a title: lower case, plain letters, words joined by hyphens."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-")


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(SCAFFOLDS),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown with YAML frontmatter, not HTML
    )


def _quoted(value: str) -> str:
    """A title as a YAML string that reads back exactly as typed."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write_pair(project: Project, paths: dict[str, Path], texts: dict[str, str]) -> list[str]:
    existing = [project.rel(p) for p in paths.values() if p.exists()]
    if existing:
        raise NewError(f"{' and '.join(existing)} already exist; nothing was written")
    written: list[Path] = []
    try:
        for lang, path in paths.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as handle:  # never overwrite
                handle.write(texts[lang])
            written.append(path)
    except FileExistsError as clash:
        for path in written:
            path.unlink()
        raise NewError(f"{clash.filename} appeared meanwhile; nothing was written") from None
    return [project.rel(p) for p in paths.values()]


def new_response(
    project: Project,
    *,
    titles: dict[str, str],
    received: date,
    channel: str,
    requester: str,
    topic: str,
    foi: bool = False,
    foi_reference: str | None = None,
    confirmed_in_writing: date | None = None,
    polling_year: int | None = None,
) -> list[str]:
    reference = next_reference(project, polling_year)
    env = _environment()
    values = {
        "reference": reference,
        "received": received.isoformat(),
        "channel": channel,
        "requester": requester,
        "topic": topic,
        "foi": foi,
        "foi_reference": _quoted(foi_reference or ""),
        "confirmed_in_writing": confirmed_in_writing.isoformat() if confirmed_in_writing else "",
    }
    texts = {
        lang: env.get_template(f"response.{lang}.md.j2").render(
            title=_quoted(titles[lang]), **values
        )
        for lang in ("en", "cy")
    }
    folder = project.root / RESPONSES
    paths = {lang: folder / f"{reference}.{lang}.md" for lang in ("en", "cy")}
    return _write_pair(project, paths, texts)


def new_document(
    project: Project,
    kind: str,
    *,
    titles: dict[str, str],
    on: date | None = None,
    name: str | None = None,
) -> list[str]:
    spec = DOCUMENT_KINDS[kind]
    if spec.dated and on is None:
        raise NewError(f"a {kind} note needs the date it took place (--date YYYY-MM-DD)")
    stem = name or slug(titles["en"])
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem or ""):
        raise NewError(
            f"'{stem}' cannot be a file name: use lower-case letters, digits and hyphens"
        )
    if spec.dated and on is not None and not stem.startswith(on.isoformat()):
        stem = f"{on.isoformat()}-{stem}"
    env = _environment()
    texts = {
        lang: env.get_template(f"document.{lang}.md.j2").render(
            title=_quoted(titles[lang]),
            type=spec.type,
            date=on.isoformat() if on else "",
            about=spec.about[lang],
            headings=spec.headings[lang],
        )
        for lang in ("en", "cy")
    }
    folder = project.root / CONTENT / spec.folder
    paths = {lang: folder / f"{stem}.{lang}.md" for lang in ("en", "cy")}
    return _write_pair(project, paths, texts)

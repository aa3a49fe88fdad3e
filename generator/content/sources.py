"""Finding the source files and reading each one: bytes → text → frontmatter + body.

Nothing here changes a source file; each is read once, as bytes.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.content.model import LANGS, Lang
from generator.content.yamltext import YamlDoc, parse_yaml
from generator.diagnostics import Diagnostic
from generator.project import CONTENT, ELECTION_FILE, PUBLIC_FACTS_FILE, RESPONSES, Project
from generator.rules import files as file_rules
from generator.rules import frontmatter as fm_rules

# Only the types whose every part the redaction scan can read (generator/redaction/attachments).
ATTACHMENT_TYPES = (
    ".pdf",
    ".docx",
    ".xlsx",
    ".csv",
    ".txt",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
)
_DOCUMENT_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3})\.md$")
# File and folder names become web addresses: letters, digits, hyphens, underscores and
# dots only, so that no name can break out of an address or an HTML attribute.
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")  # \Z: "$" lets a final "\n" by


@dataclass(frozen=True)
class SourceFile:
    """A Markdown source file, split into its fields and its body."""

    path: str  # relative to the project root
    area: str  # "content" or "responses"
    stem: str  # path under its area without ".LANG.md", e.g. "briefing-pack/budget"
    lang: Lang
    meta: YamlDoc
    body_line: int
    text: str  # the whole file as read, for the redaction scan
    body_start: int  # where the body starts in ``text``

    @property
    def body(self) -> str:
        # Cut from the text when read, not kept beside it: every outcome crosses from a
        # worker and into the cache pickled, and the body made it half as big again.
        return self.text[self.body_start :]


@dataclass(frozen=True)
class Found:
    markdown: list[str]  # paths relative to the root
    attachments: list[str]


def discover(project: Project) -> tuple[Found, list[Diagnostic]]:
    """Every file under content/ and responses/, in a stable order.

    Dot-files and dot-folders (editor and system files) are never read or published.
    """
    markdown: list[str] = []
    attachments: list[str] = []
    diagnostics: list[Diagnostic] = []
    for area in (CONTENT, RESPONSES):
        top = project.root / area
        if not top.is_dir():
            continue
        for folder, dirnames, filenames in os.walk(top, followlinks=False):
            # Paths as strings: at thousands of files, pathlib's objects cost more than
            # the walk itself.
            here = os.path.relpath(folder, project.root).replace(os.sep, "/")
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in [*dirnames]:
                rel = f"{here}/{name}"
                if os.path.islink(os.path.join(folder, name)):
                    dirnames.remove(name)
                    diagnostics.append(file_rules.SYMLINK.at(rel, 0))
                elif not SAFE_NAME.match(name):
                    dirnames.remove(name)
                    diagnostics.append(file_rules.UNSAFE_NAME.at(rel, 0, name=name))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                full = os.path.join(folder, name)
                rel = f"{here}/{name}"
                try:
                    mode = os.lstat(full).st_mode
                except OSError:
                    mode = 0  # gone since the walk saw it: reported as not a file
                if stat.S_ISLNK(mode):
                    diagnostics.append(file_rules.SYMLINK.at(rel, 0))
                elif not stat.S_ISREG(mode):
                    diagnostics.append(file_rules.NOT_A_FILE.at(rel, 0))
                elif not SAFE_NAME.match(name):
                    diagnostics.append(file_rules.UNSAFE_NAME.at(rel, 0, name=name))
                elif rel in (ELECTION_FILE, PUBLIC_FACTS_FILE):
                    continue
                elif name.lower().endswith((".md", ".md.txt")):
                    markdown.append(rel)
                elif PurePosixPath(name).suffix.lower() in ATTACHMENT_TYPES:
                    attachments.append(rel)
                else:
                    suffix = PurePosixPath(name).suffix
                    diagnostics.append(
                        file_rules.ATTACHMENT_TYPE.at(
                            rel,
                            0,
                            name=name,
                            suffix=suffix or "no extension",
                            allowed=", ".join(ATTACHMENT_TYPES),
                        )
                    )
    return Found(markdown, attachments), diagnostics


def read_text(project: Project, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text, with a byte-order mark dropped and line endings made '\\n'."""
    return decode(rel, read_bytes(project, rel))


def read_bytes(project: Project, rel: str) -> bytes | OSError:
    try:
        with open(os.path.join(project.root, rel), "rb") as handle:
            return handle.read()
    except OSError as exc:
        return exc


def decode(rel: str, data: bytes | OSError) -> tuple[str | None, list[Diagnostic]]:
    """The text of bytes read from ``rel`` (or the error reading them), as read_text."""
    if isinstance(data, OSError):
        return None, [file_rules.UNREADABLE.at(rel, 0, reason=data.strerror or str(data))]
    if not data.strip():
        return None, [file_rules.EMPTY.at(rel, 0)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [file_rules.NOT_UTF8.at(rel, line)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def source_from(rel: str, data: bytes | OSError) -> tuple[SourceFile | None, list[Diagnostic]]:
    """The source file ``rel`` from its bytes (or the error reading them)."""
    area, _, inner = rel.partition("/")
    name = inner.rsplit("/", 1)[-1]
    match = _DOCUMENT_NAME.match(inner)
    if not match or match["lang"] not in LANGS:
        return None, [file_rules.BAD_NAME.at(rel, 0, name=name)]
    text, problems = decode(rel, data)
    if text is None:
        return None, problems
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None, [fm_rules.NO_FRONTMATTER.at(rel, 1)]
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if close is None:
        return None, [fm_rules.UNCLOSED.at(rel, 1)]
    meta, problems = parse_yaml("\n".join(lines[1:close]), rel, offset=1)
    if meta is None:
        return None, problems
    lang: Lang = "en" if match["lang"] == "en" else "cy"
    body_start = sum(len(line) + 1 for line in lines[: close + 1])
    return SourceFile(rel, area, match["stem"], lang, meta, close + 2, text, body_start), []

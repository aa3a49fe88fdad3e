"""The last look before publishing: the built site scanned with the same detectors.

MkDocs, the theme, the templates and mkdocs.yml add text that no source check saw (page
titles in every menu, the search index, the footer, the sitemap). Anything found here
fails the build, and the previous site stays as it was. Theme scripts and styles under
assets/ are the theme's own code and are not scanned.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import html
import json
import os
import pickle
import re
from collections.abc import Iterator
from pathlib import Path

from generator.content.model import Site
from generator.diagnostics import Diagnostic
from generator.parallel import fork_map
from generator.redaction.allowlist import Allowlist
from generator.redaction.scan import Finding, Scanner
from generator.rules.registry import rule
from generator.usercache import cache_folder, paused_gc, settings_digest

IN_BUILT_SITE = rule(
    "B003",
    "personal-data-in-built-site",
    "{what} {where} of the built site ({clue}), in no source that was checked",
    "no checked source holds it, so look in mkdocs.yml, site_templates/ and "
    "content/election.yml for the text, remove it, and build again",
    "The final safety net: text added by the theme, the templates or the configuration "
    "is published as surely as the pages.",
)

_SCANNED = (".html", ".htm", ".xml", ".json", ".csv", ".txt")
_INLINE_TAGS = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|dfn|em|i|kbd|mark|q|s|samp|small|span|strong|sub"
    r"|sup|time|u|var|wbr)\b[^>]*>",
    re.I,
)
_ANY_TAG = re.compile(r"<[^>]*>")


def _records(value: object) -> list[list[str]]:
    """The strings of a JSON value, grouped by the object that holds them (one search
    entry, one row of the register), so that a change to one entry leaves the others'
    runs as they were."""
    if isinstance(value, str):
        return [[value]]
    if isinstance(value, list):
        return [record for item in value for record in _records(item)]
    if isinstance(value, dict):
        own = [item for item in value.values() if isinstance(item, str)]
        nested = [
            record
            for item in value.values()
            if isinstance(item, (dict, list))
            for record in _records(item)
        ]
        return [own, *nested] if own else nested
    return []


def _chunks(lines: list[str], seen: set[str]):
    """Runs of consecutive lines not scanned before, as (first line number, text).

    Every page repeats the theme's header, menu and footer; scanning each distinct line
    once keeps the pass fast as the site grows, and a run keeps a name split over two
    lines of a paragraph in one piece. ``seen`` holds the lines of one language's files
    scanned so far.
    """
    run: list[str] = []
    start = 0
    add = seen.add
    for number, line in enumerate(lines, start=1):
        if line not in seen:
            add(line)
            if line.strip():
                if not run:
                    start = number
                run.append(line)
                continue
        if run:
            yield start, "\n".join(run)
            run = []
    if run:
        yield start, "\n".join(run)


def scan_built_site(folder: Path, site: Site, shown: str) -> list[Diagnostic]:
    facts = site.public_facts + tuple(f for w in site.written for f in w.facts)
    scanner = Scanner.for_project(site.people, Allowlist(facts))
    clean = CleanChunks.open((site.people, facts))
    found = _scan(folder, scanner, shown, clean)
    if not found:
        clean.save()
    return found


class CleanChunks:
    """Digests of the files and runs of lines that a successful build's scan found
    nothing in, kept in the user's cache folder under the settings they were scanned
    with (the people list, the public facts, the generator's code). The next build skips
    a file or run it finds here: the same text under the same settings gives the same
    answer. Only a build that
    found nothing at all saves them, so a run that held a finding is always scanned."""

    def __init__(self, path: Path, known: set[bytes]) -> None:
        self.path = path
        self.known = known
        self.scanned: set[bytes] = set()

    @classmethod
    def open(cls, settings: tuple[object, ...]) -> CleanChunks:
        path = cache_folder() / "built-scan" / f"{settings_digest(settings)[:20]}.pickle"
        known: set[bytes] = set()
        with contextlib.suppress(Exception), paused_gc():  # damage only costs time
            with path.open("rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, set):
                known = loaded
        return cls(path, known)

    def save(self) -> None:
        # What this build scanned, and nothing older: the cache stays the size of a site.
        if self.scanned == self.known:
            return
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("wb") as handle:
                pickle.dump(self.scanned, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self.path)


def _scan(folder: Path, scanner: Scanner, shown: str, clean: CleanChunks) -> list[Diagnostic]:
    """Each language's files on a core of its own; the files outside both (the
    bilingual root) with the first."""
    groups: dict[str | None, list[tuple[str, str]]] = {"en": [], "cy": []}
    top = str(folder)
    listed: list[tuple[str, str]] = []
    for parent, subfolders, names in os.walk(top):
        rel_parent = os.path.relpath(parent, top).replace(os.sep, "/")
        subfolders[:] = [name for name in subfolders if name != "assets"]
        for name in names:
            if os.path.splitext(name)[1].lower() in _SCANNED:
                rel = name if rel_parent == "." else f"{rel_parent}/{name}"
                listed.append((rel, os.path.join(parent, name)))
    for rel, path in sorted(listed):
        if os.path.isfile(path):
            lang = "cy" if rel.startswith("cy/") else "en" if rel.startswith("en/") else None
            groups.setdefault(lang, []).append((rel, path))
    task = functools.partial(_scan_files, scanner=scanner, shown=shown, known=clean.known)
    items = [(lang, files) for lang, files in groups.items() if files]
    found: list[Diagnostic] = []
    for problems, scanned in fork_map(task, items, at_least=2):
        found += problems
        clean.scanned |= scanned
    return sorted(found)


def _scan_files(
    lang: str | None, files: list[tuple[str, str]], scanner: Scanner, shown: str, known: set[bytes]
) -> tuple[list[Diagnostic], set[bytes]]:
    """What the scan finds in ``files``, and the digests of the files and runs of lines
    it read (clean ones, if it found nothing)."""
    found: list[Diagnostic] = []
    scanned: set[str] = set()  # every file here is in one language, or in none
    digests: set[bytes] = set()
    for rel, path in files:
        with open(path, "rb") as handle:
            data = handle.read()
        raw = data.decode("utf-8", errors="replace")
        suffix = os.path.splitext(path)[1].lower()
        if suffix == ".json":
            with contextlib.suppress(ValueError):  # not JSON after all: scanned as text
                raw = "\n\n".join("\n".join(r) for r in _records(json.loads(raw)))
        lines = raw.split("\n")
        present = set(lines)
        # A file's runs follow from its bytes and which of its lines earlier files held:
        # with both as they were when the file was found clean, it is passed over.
        earlier = "\n".join(sorted(present & scanned)).encode()
        whole = hashlib.blake2b(f"file\0{rel}\0".encode(), digest_size=16)
        whole.update(hashlib.sha256(data).digest() + earlier)
        digests.add(whole.digest())
        if whole.digest() in known:
            scanned |= present
            continue
        markup = suffix in (".html", ".htm", ".xml")  # read a second way: see below
        pieces: list[tuple[int, str]] = []  # (its first line in the file, text)
        for first_line, chunk in _chunks(lines, scanned):
            key = hashlib.blake2b(f"{lang}\0{markup}\0{chunk}".encode(), digest_size=16)
            digests.add(key.digest())
            if key.digest() in known:
                continue
            pieces.append((first_line, html.unescape(chunk)))
            if markup and "<" in chunk:
                # Also as a reader sees it, with inline tags gone, so that a name split
                # by <strong> reads whole.
                text = html.unescape(_ANY_TAG.sub(" ", _INLINE_TAGS.sub("", chunk)))
                pieces.append((first_line, text))
        for line, finding in _findings(pieces, scanner, rel, lang):
            found.append(
                IN_BUILT_SITE.at(
                    shown + rel,
                    line,
                    what=finding.detector.what,
                    where=finding.place,
                    clue=finding.clue,
                )
            )
    return found, digests


# Between two runs of a file scanned as one text: a line that no detector reads across
# (a paragraph break, then a mark that is not a letter, a digit, a space or any of the
# separators a name, a number or an address may be written with).
_BOUNDARY = "\n\n#\n\n"


def _findings(
    pieces: list[tuple[int, str]], scanner: Scanner, rel: str, lang: str | None
) -> Iterator[tuple[int, Finding]]:
    """What the detectors find in a file's runs, each with its line in the file. Short
    runs are scanned together, up to _BATCH characters at a time: a page's runs are many
    and short, and the detectors' cost is mostly per call."""
    seen: set[tuple[str, str]] = set()
    batch: list[tuple[int, str]] = []
    size = 0
    for piece in [*pieces, None]:
        if batch and (piece is None or size + len(piece[1]) > _BATCH):
            yield from _batch_findings(batch, scanner, rel, lang, seen)
            batch, size = [], 0
        if piece is not None:
            batch.append(piece)
            size += len(piece[1]) + len(_BOUNDARY)


_BATCH = 16_000


def _batch_findings(
    pieces: list[tuple[int, str]],
    scanner: Scanner,
    rel: str,
    lang: str | None,
    seen: set[tuple[str, str]],
) -> Iterator[tuple[int, Finding]]:
    starts: list[int] = []  # the line of the joined text where each piece starts
    line = 1
    for _first, text in pieces:
        starts.append(line)
        line += text.count("\n") + _BOUNDARY.count("\n")
    joined = _BOUNDARY.join(text for _first, text in pieces)
    for finding in scanner.findings(joined, rel, lang, seen=seen):  # type: ignore[arg-type]
        index = bisect.bisect_right(starts, finding.line) - 1
        yield pieces[index][0] + finding.line - starts[index], finding

"""The last look before publishing: the built site scanned with the same detectors.

MkDocs, the theme, the templates and mkdocs.yml add text that no source check saw (page
titles in every menu, the search index, the footer, the sitemap). Anything found here
fails the build, and the previous site stays as it was. Every page, data file and text
file of the site is scanned, wherever it is; the theme's scripts and styles are its own
code, not text a reader sees, and are not.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import json
import os
import pickle
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

from generator.content.addresses import attachment_address
from generator.content.model import PublicFact, Site
from generator.diagnostics import Diagnostic
from generator.parallel import TaskPool
from generator.redaction.allowlist import Allowlist
from generator.redaction.markup import as_read
from generator.redaction.scan import Finding, Scanner
from generator.redaction.sources import CHANGED_WHILE_READ, file_digest
from generator.rules.registry import rule
from generator.usercache import cache_folder, paused_gc, settings_digest
from generator.util import unescape

IN_BUILT_SITE = rule(
    "B003",
    "personal-data-in-built-site",
    "{what} {where} of the built site ({clue}), in no source that was checked",
    "no checked source holds it, so look in mkdocs.yml, site_templates/ and "
    "content/election.yml for the text, remove it, and build again",
    "The final safety net: text added by the theme, the templates or the configuration "
    "is published as surely as the pages.",
)

CHANGED_ATTACHMENT = rule(
    "B004",
    "attachment-changed-since-checked",
    "the published copy of {source} is not the file that was checked: {problem}",
    "leave attachments alone while a build runs, then build again (the new build checks "
    "the file as it is now)",
    "The checks read each attachment before the site is built; a file saved again in "
    "between would be published unread.",
)

_SCANNED = (".html", ".htm", ".xml", ".json", ".csv", ".txt")


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
    with BuiltSiteScan(folder, site, shown) as scan:
        return scan.finish()


class BuiltSiteScan:
    """The scan of a site being built, a language at a time: each language's files are
    scanned as soon as its engine is done (``language``), while the other language is
    still being built; ``finish`` scans what is left (the
    bilingual root, and any language not handed in) and gives every finding. A context
    manager: leaving it ends any scan still running."""

    def __init__(self, folder: Path, site: Site, shown: str) -> None:
        self.folder = folder
        self.site = site
        self.shown = shown
        self.outcomes: list[Callable[[], tuple[list[Diagnostic], set[bytes]]]] = []
        self.handed_in: set[str] = set()

    @functools.cached_property
    def clean(self) -> CleanChunks:
        # Opened when the first scan starts, not before: the engines wait meanwhile.
        return CleanChunks.open((self.site.people, self._facts))

    @functools.cached_property
    def pool(self) -> TaskPool:
        scanner = Scanner.for_project(self.site.people, Allowlist(self._facts))
        known = self.clean.known
        return TaskPool(
            functools.partial(_scan_files, scanner=scanner, shown=self.shown, known=known),
            workers=2,
        )

    @functools.cached_property
    def _facts(self) -> tuple[PublicFact, ...]:
        # A page's own public facts hold wherever its text goes (the register, the
        # search index, the feed); a draft's hold nowhere, as its text is on no page.
        site = self.site
        published = {
            text.source
            for item in (*site.published_responses(), *site.published_documents())
            for text in item.texts.values()
        }
        return site.public_facts + tuple(
            f
            for w in site.written
            if w.path in published or not w.path.endswith(".md")
            for f in w.facts
        )

    def __enter__(self) -> BuiltSiteScan:
        return self

    def __exit__(self, *exc: object) -> None:
        if "pool" in self.__dict__:
            self.pool.__exit__(*exc)

    def language(self, lang: str) -> None:
        """Starts the scan of ``lang``'s files, which its engine has finished writing."""
        self.handed_in.add(lang)
        # In two halves, each on whichever core is free first: one language's scan
        # then never keeps a core busy while the other waits with nothing to do (the
        # engines often end close together, and the last scan is all that is left).
        self._submit(lang, _listed(self.folder, lang), halves=True)

    def _submit(self, lang: str | None, files: list[tuple[str, str]], halves: bool) -> None:
        # A language in order: a line repeated across its files is read in the first
        # only (see _chunks), and is reported there and nowhere else. Its second part
        # is scanned as it would be after the first: with the first part's lines read
        # beforehand, which takes a fraction of the time of scanning them. A few files
        # are not worth cutting, nor are any where each part would run here in turn.
        if not files:
            return
        if self.pool.runs_here or len(files) < _HALVES_FROM:
            halves = False
        cut = _cut(files) if halves else 0
        if cut:
            self.outcomes.append(self.pool.submit(lang, files[:cut], []))
        self.outcomes.append(self.pool.submit(lang, files[cut:], files[:cut]))

    def finish(self) -> list[Diagnostic]:
        """Every finding, once every file is scanned; the clean runs are kept for the
        next build if there is none."""
        groups: dict[str | None, list[tuple[str, str]]] = {}
        for rel, path in _listed(self.folder, None, leave=self.handed_in):
            lang = "cy" if rel.startswith("cy/") else "en" if rel.startswith("en/") else None
            groups.setdefault(lang, []).append((rel, path))
        for lang, files in groups.items():
            self._submit(lang, files, halves=False)
        found = changed_attachments(self.folder, self.site, self.shown)
        for outcome in self.outcomes:
            problems, scanned = outcome()
            found += problems
            self.clean.scanned |= scanned
        if not found:
            self.clean.save()
        return sorted(found)


def changed_attachments(folder: Path, site: Site, shown: str) -> list[Diagnostic]:
    """B004 for each attachment in the built site whose bytes are not those the checks
    read: the source was saved again, or swapped, between the check and the copy."""
    found: list[Diagnostic] = []
    for attachment in site.published_attachments():
        for lang in attachment.langs:
            rel = f"{lang}/{attachment_address(attachment.source)}"
            if not (folder / rel).exists():
                continue  # not published in this language's site
            copied = file_digest(folder / rel)
            if attachment.digest is None:
                problem = "it was never checked"
            elif attachment.digest == CHANGED_WHILE_READ:
                problem = "it changed while the checks were reading it"
            elif copied != attachment.digest:
                problem = "it changed after the checks read it"
            else:
                continue
            found.append(
                CHANGED_ATTACHMENT.at(shown + rel, 0, source=attachment.source, problem=problem)
            )
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


def _listed(folder: Path, lang: str | None, leave: Collection[str] = ()) -> list[tuple[str, str]]:
    """(path in the site, path on disk) of each file to scan, in order: those of one
    language's folder, or (None) of the whole site but the folders in ``leave``. No
    folder is passed over for its name: a page or attachment may be published in one
    called "assets" as well as the theme's files."""
    top = str(folder)
    start = os.path.join(top, lang) if lang else top
    listed: list[tuple[str, str]] = []
    for parent, subfolders, names in os.walk(start):
        rel_parent = os.path.relpath(parent, top).replace(os.sep, "/")
        left = leave if rel_parent == "." else ()
        subfolders[:] = [name for name in subfolders if name not in left]
        for name in names:
            if os.path.splitext(name)[1].lower() in _SCANNED:
                rel = name if rel_parent == "." else f"{rel_parent}/{name}"
                listed.append((rel, os.path.join(parent, name)))
    return [(rel, path) for rel, path in sorted(listed) if os.path.isfile(path)]


# A language's scan is cut in two from this many files, the first part this share of
# the work: the second part reads the first's lines too, at about a sixth of the cost.
_HALVES_FROM = 40
_FIRST_HALF = 0.55
# A page is mostly the theme's lines, read in the first page and passed over in the
# rest; a data file (the search index, the register as JSON and CSV, the sitemap) is
# all its own text. Measured on a register of 1,000: a byte of one is about seven
# times the work of a byte of a page.
_DATA_WEIGHT = 7


def _cut(files: list[tuple[str, str]]) -> int:
    """Where to cut a language's files in two parts of about the same work."""
    weights = [
        (1 if path.endswith((".html", ".htm")) else _DATA_WEIGHT) * _size(path)
        for _rel, path in files
    ]
    share = sum(weights) * _FIRST_HALF
    done = 0
    for index, weight in enumerate(weights):
        done += weight
        if done >= share:
            return min(index + 1, len(files) - 1)
    return len(files) - 1


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _read(path: str) -> tuple[bytes, str, list[str]]:
    """A built file's bytes, its suffix, and its lines as scanned: a JSON file's strings
    (its search entries, its register rows), a line each, a blank line between records."""
    with open(path, "rb") as handle:
        data = handle.read()
    raw = data.decode("utf-8", errors="replace")
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".json":
        with contextlib.suppress(ValueError):  # not JSON after all: scanned as text
            raw = "\n\n".join("\n".join(r) for r in _records(json.loads(raw)))
    return data, suffix, raw.split("\n")


def _scan_files(
    lang: str | None,
    files: list[tuple[str, str]],
    before: list[tuple[str, str]],
    scanner: Scanner,
    shown: str,
    known: set[bytes],
) -> tuple[list[Diagnostic], set[bytes]]:
    """What the scan finds in ``files``, and the digests of the files and runs of lines
    it read (clean ones, if it found nothing); as if the files ``before`` them, of the
    same language, had been scanned first (their lines are read, not scanned)."""
    found: list[Diagnostic] = []
    scanned: set[str] = set()  # every file here is in one language, or in none
    for _rel, path in before:
        scanned.update(_read(path)[2])
    digests: set[bytes] = set()
    for rel, path in files:
        data, suffix, lines = _read(path)
        # A file's runs follow from its bytes and which of its lines earlier files held:
        # with both as they were when the file was found clean, it is passed over. Its
        # bytes give its lines, so a byte for each line, held earlier or not, tells which
        # (where the lines themselves, sorted, took most of the time of such a file).
        earlier = bytes(map(scanned.__contains__, lines))
        whole = hashlib.blake2b(f"file\0{rel}\0".encode(), digest_size=16)
        whole.update(hashlib.sha256(data).digest() + earlier)
        digests.add(whole.digest())
        if whole.digest() in known:
            scanned.update(lines)
            continue
        markup = suffix in (".html", ".htm", ".xml")  # read a second way: see below
        pieces: list[tuple[int, str]] = []  # (its first line in the file, text)
        for first_line, chunk in _chunks(lines, scanned):
            key = hashlib.blake2b(f"{lang}\0{markup}\0{chunk}".encode(), digest_size=16)
            digests.add(key.digest())
            if key.digest() in known:
                continue
            pieces.append((first_line, unescape(chunk)))
            if markup and "<" in chunk:
                # Also as a reader sees it, so that a name split by <strong> or by a
                # comment reads whole.
                pieces.append((first_line, as_read(chunk)))
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

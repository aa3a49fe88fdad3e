"""`opcc-site build`: check, render, build each language with the engine, swap in.

Fail closed: the new site is assembled in a sibling folder and replaces the output only
when every step has succeeded; on any problem the previous output is left untouched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build import inputs
from generator.build.output import SOURCE_FOLDERS, claim_spare, prune, swap_in, unsafe_reason
from generator.diagnostics import Diagnostic
from generator.project import Project
from generator.rules.engine import ENGINE_PROBLEM, OUTPUT_FOLDER

# The rest of the pipeline is imported only once something has changed: an unchanged
# build, which only compares fingerprints, is over before it would have loaded.
if TYPE_CHECKING:
    from generator.build import engine
    from generator.commands.check import CheckResult
    from generator.render.pages import RenderedSite


@dataclass
class BuildOutcome:
    ok: bool
    check: CheckResult | None = None
    messages: list[str] = field(default_factory=list)


STEPS = 5  # checking, rendering, building, scanning, publishing


def run_build(
    project: Project,
    target: Path,
    echo: Callable[[str], None] = print,
    today: date | None = None,
    site_url: str | None = None,
    zip_path: Path | None = None,
    step: Callable[[str], None] = lambda label: None,
    engines: engine.Engines | None = None,
    fresh: bool = False,
) -> BuildOutcome:
    """``site_url`` overrides mkdocs.yml's (to build for another address or sub-path);
    ``zip_path`` also writes the site as a zip with a SHA-256 manifest beside it;
    ``step`` is told as each of the STEPS stages begins, for a progress bar; ``fresh``
    builds into a new folder rather than the spare of the last build (output.py)."""
    started = time.monotonic()
    # Every folder by its full name: the engines run elsewhere, and MkDocs reads a
    # relative site folder from where its configuration is.
    target = Path(os.path.abspath(target))
    project = dataclasses.replace(project, root=Path(os.path.abspath(project.root)))
    reason = unsafe_reason(target, project.root)
    if reason:
        problem = OUTPUT_FOLDER.at(
            _shown(target, project), 0, out=_shown(target, project), problem=reason
        )
        return BuildOutcome(False, None, [problem.format(), "Nothing was built."])
    if zip_path is not None:
        zip_path = Path(os.path.abspath(zip_path))
        refused = _zip_refused(zip_path, target, project)
        if refused:
            return BuildOutcome(
                False,
                None,
                [
                    f"The zip {zip_path} {refused}: give --zip a new file ending .zip, "
                    "such as election-site.zip in the project's own folder.",
                    "Nothing was built.",
                ],
            )

    # Nothing read by a build has changed since the last good build into this folder,
    # which is still as that build left it: the site there stands.
    day = today or date.today()
    inputs_now = inputs.fingerprint(project, day, site_url)
    if inputs.unchanged(target, inputs_now):
        messages = [
            f"Nothing has changed since the last build into {_shown(target, project)}: "
            "the site there stands as it was built."
        ]
        if zip_path is not None:
            try:
                zip_digest, manifest = write_zip(target, zip_path, day)
            except OSError as exc:
                return BuildOutcome(False, None, [*messages, _zip_failed(zip_path, exc)])
            messages += [
                f"  Zip: {zip_path} (SHA-256 {zip_digest})",
                f"  Every file's SHA-256: {manifest}",
            ]
        return BuildOutcome(True, None, messages)

    from generator.build import engine

    # The engines load while the sources are checked and rendered (unless the caller
    # has a pair loaded already, as the preview does).
    with engines or engine.Engines.for_project(project) as ready:
        return _check_and_build(
            project, target, echo, day, site_url, zip_path, step, started, inputs_now, ready, fresh
        )


def _check_and_build(
    project: Project,
    target: Path,
    echo: Callable[[str], None],
    day: date,
    site_url: str | None,
    zip_path: Path | None,
    step: Callable[[str], None],
    started: float,
    inputs_now: str | None,
    engines: engine.Engines,
    fresh: bool,
) -> BuildOutcome:
    import yaml

    from generator.build import engine
    from generator.commands.check import run_check
    from generator.content.history import history
    from generator.redaction.built_site import BuiltSiteScan
    from generator.render.pages import render

    step("Checking")
    result = run_check(project, day)
    if not result.ok:
        return BuildOutcome(
            False,
            result,
            [result.summary(), f"Nothing was built; {_shown(target, project)} was left as it was."],
        )

    try:
        site_url = (
            engine.checked_site_url(site_url)
            if site_url
            else engine.read_site_url(project.mkdocs_config)
        )
    # UnicodeDecodeError is a ValueError; PyYAML's constructors raise the others on values
    # the scanner accepts ('site_url: !!bool nope' a KeyError), and deep nesting recursion.
    except (
        OSError,
        ValueError,
        LookupError,
        TypeError,
        AttributeError,
        ArithmeticError,
        RecursionError,
        yaml.YAMLError,
    ) as exc:
        problem = ENGINE_PROBLEM.at(
            "mkdocs.yml",
            0,
            language="English or Welsh",
            problem=f"mkdocs.yml cannot be read ({exc})".replace("\n", " "),
        )
        return BuildOutcome(False, result, [problem.format(), "Nothing was built."])
    step("Rendering pages")
    dates = history(project.root, [w.path for w in result.site.written])
    rendered = render(
        result.site,
        project.root,
        project.templates_dir,
        site_url,
        result.site.today,
        dates,
    )
    pages = {lang: len(tree.pages) for lang, tree in rendered.trees.items()}
    shown = _shown(target, project)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        problem = OUTPUT_FOLDER.at(shown, 0, out=shown, problem=f"cannot be made ({exc.strerror})")
        return BuildOutcome(False, result, [problem.format(), "Nothing was built."])
    try:
        staging_folder = tempfile.TemporaryDirectory(prefix="opcc-site-src-")
    except OSError as exc:
        return BuildOutcome(
            False,
            result,
            [
                f"The temporary folder {tempfile.gettempdir()} cannot be written to "
                f"({exc.strerror or exc}): free some space on that disk, or set TMPDIR to a folder "
                "you may write to, and build again.",
                "Nothing was built.",
            ],
        )
    with staging_folder as staging_name:
        staging = Path(staging_name)
        try:
            new = (None if fresh else claim_spare(target)) or Path(
                tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent)
            )
        except OSError as exc:
            # The new site is built beside the output, to replace it in one step: where
            # no folder can be made, the output cannot be replaced either.
            problem = OUTPUT_FOLDER.at(
                shown,
                0,
                out=shown,
                problem=f"cannot be built: no folder can be made in {target.parent} "
                f"({exc.strerror or exc}); choose an output folder you may write to with --out, "
                f"or ask for permission to write to {target.parent}",
            )
            return BuildOutcome(False, result, [problem.format(), "Nothing was built."])
        try:
            step("Building the English and Welsh sites")
            try:
                # Each language is scanned as soon as it is built, beside the other's.
                with BuiltSiteScan(new, result.site, shown.rstrip("/") + "/") as scan:
                    problems = _build_into(
                        project, rendered, staging, new, site_url, engines, built=scan.language
                    )
                    if not problems:
                        step("Checking the built site for personal data")
                        problems = scan.finish()
            except OSError as exc:  # a full disk, most often; the half-built site is removed
                return BuildOutcome(
                    False,
                    result,
                    [
                        f"The new site could not be written: {exc.filename or new} "
                        f"({exc.strerror or exc}). Check that the disk has space, and build "
                        "again.",
                        f"Nothing was published; {shown} was left as it was.",
                    ],
                )
            if problems:
                messages = [p.format() for p in problems]
                messages.append(f"Nothing was published; {shown} was left as it was.")
                return BuildOutcome(False, result, messages)
            step("Publishing")
            published, archive = _publish(
                new, target, inputs_now, zip_path, result.site.today, shown
            )
            if not published:
                return BuildOutcome(False, result, archive)
        finally:
            shutil.rmtree(new, ignore_errors=True)

    seconds = time.monotonic() - started
    files = len({f for tree in rendered.trees.values() for f in tree.files.values()})
    facts = len(result.redaction.usage.report())
    return BuildOutcome(
        True,
        result,
        [
            *result.redaction.lines(),
            result.summary(),
            "Build report:",
            f"  Pages: {pages['en']} in English, {pages['cy']} in Welsh",
            f"  Attachments: {files}",
            f"  Public facts let through: {facts}" + (" (listed above)" if facts else ""),
            f"  Site address: {site_url or '(none set: site_url in mkdocs.yml)'}",
            f"  Output: {target}{os.sep} "
            + (
                "(the same files as the zip below)"
                if zip_path
                else "(upload the whole folder: see docs/web-team.md)"
            ),
            *archive,
            f"Built {pages['en']} English and {pages['cy']} Welsh pages and {files} "
            f"attachment{'s' if files != 1 else ''} into {_shown(target, project)} "
            f"in {seconds:.1f} s.",
        ],
    )


def _publish(
    new: Path,
    target: Path,
    inputs_now: str | None,
    zip_path: Path | None,
    day: date,
    shown: str,
) -> tuple[bool, list[str]]:
    """The built site swapped in, with its zip: whether it was, and the report's lines
    about the zip, or else the messages saying why nothing was published."""
    left = f"Nothing was published; {shown} was left as it was."
    # The zip is written (what fails when the disk is full or not ours to write to)
    # before the site is replaced, and only put in place after: a zip that cannot be
    # written leaves the site and the record of the last good build as they were.
    pending = None
    if zip_path is not None:
        try:
            pending = _ZipAside.written(new, zip_path, day)
        except OSError as exc:
            return False, [_zip_failed(zip_path, exc), left]
    try:
        swap_in(new, target)
    except OSError as exc:
        if pending is not None:
            pending.discard()
        return False, [
            f"{shown} could not be replaced by the new site ({exc.strerror or exc}): check "
            "that you may write to it and to the folder it is in, and build again.",
            left,
        ]
    inputs.remember(target, inputs_now)
    if pending is None:
        return True, []
    try:
        zip_digest, manifest = pending.put_in_place()
    except OSError as exc:
        pending.discard()
        return False, [
            f"The site was published into {shown}, but the zip {zip_path} could not be put "
            f"in place ({exc.strerror or exc}): build again with --zip to write it."
        ]
    return True, [
        f"  Zip: {zip_path} (SHA-256 {zip_digest})",
        f"  Every file's SHA-256: {manifest} (check with: sha256sum -c, in the site folder)",
    ]


def _zip_failed(zip_path: Path, exc: OSError) -> str:
    return (
        f"The zip {zip_path} could not be written ({exc.strerror or exc}): check that the "
        f"disk has space and that you may write to {zip_path.parent}, and build again."
    )


def _zip_refused(zip_path: Path, target: Path, project: Project) -> str | None:
    """Why a zip may not be written at ``zip_path``, or None. Never inside the output
    (the site would hold a zip of itself, and a build that fails must leave the output
    as it was) or one of the project's own folders, and never over a file that is not
    a zip (--zip mkdocs.yml would replace a source: a build never changes one)."""
    if zip_path.suffix.lower() != ".zip":
        return "does not end .zip"
    real = zip_path.resolve()
    for folder in (target, *(project.root / name for name in SOURCE_FOLDERS)):
        folder = folder.resolve()
        if folder == real or folder in real.parents:
            return f"would be written inside {_shown(folder, project)}"
    if real.exists() and not (real.is_file() and zipfile.is_zipfile(real)):
        return "is already there, and is not a zip"
    return None


@dataclass
class _ZipAside:
    """A site's zip and its manifest, written beside where they go, to be put in place."""

    zip_path: Path
    manifest: Path
    partial: Path
    partial_manifest: Path

    @classmethod
    def written(cls, site: Path, zip_path: Path, day: date) -> _ZipAside:
        manifest = zip_path.with_name(zip_path.name + ".sha256sums")
        aside = cls(
            zip_path,
            manifest,
            zip_path.with_name(zip_path.name + ".partial"),
            manifest.with_name(manifest.name + ".partial"),
        )
        try:
            aside._write(site, day)
        except OSError:
            aside.discard()
            raise
        return aside

    def _write(self, site: Path, day: date) -> None:
        # Zip entries carry the build day as their time, so that the same site always
        # gives the same bytes.
        stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
        files = sorted(p for p in site.rglob("*") if p.is_file())
        lines = []
        self.zip_path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(self.partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                name = path.relative_to(site).as_posix()
                data = path.read_bytes()
                lines.append(f"{hashlib.sha256(data).hexdigest()}  {name}\n")
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data, compresslevel=9)
        self.partial_manifest.write_text("".join(lines), encoding="utf-8")

    def put_in_place(self) -> tuple[str, Path]:
        """The zip's SHA-256 and the manifest's path, once both are in place."""
        os.replace(self.partial, self.zip_path)
        os.replace(self.partial_manifest, self.manifest)
        return hashlib.sha256(self.zip_path.read_bytes()).hexdigest(), self.manifest

    def discard(self) -> None:
        for path in (self.partial, self.partial_manifest):
            with contextlib.suppress(OSError):
                path.unlink()


def write_zip(site: Path, zip_path: Path, day: date) -> tuple[str, Path]:
    """The site as a zip whose bytes depend only on the site's files and the build day,
    and beside it a manifest of every file's SHA-256 in `sha256sum` format, each written
    whole or not at all. Returns the zip's own SHA-256 and the manifest's path."""
    return _ZipAside.written(site, zip_path, day).put_in_place()


def _build_into(
    project: Project,
    rendered: RenderedSite,
    staging: Path,
    new: Path,
    site_url: str | None,
    engines: engine.Engines,
    built: Callable[[str], None],
) -> list[Diagnostic]:
    """Both languages' sites built into ``new``; ``built`` is told of each language
    whose engine wrote it whole, as soon as it has."""
    from generator.build import engine
    from generator.rules.twins import LANGUAGE_NAMES

    configs: dict[str, Path] = {}
    trees: dict[str, Path] = {}
    sources: dict[str, dict[str, str]] = {}
    for lang, tree in rendered.trees.items():
        docs = staging / lang / "docs"
        docs.mkdir(parents=True)  # empty: the pages reach MkDocs from memory
        trees[lang] = engine.write_tree(tree, staging / lang / "tree.pickle")
        tree.pages.clear()  # the engine has them now; a large register's pages are many MB
        configs[lang] = engine.write_config(
            tree,
            project.mkdocs_config,
            project.templates_dir / "overrides",
            docs,
            new / lang,
            site_url,
        )
        sources[lang] = tree.sources
    # The folder may be the spare of an earlier build, with its home pages: removed, so
    # that a home page found afterwards is one this build's engine wrote.
    for lang in configs:
        with contextlib.suppress(FileNotFoundError):
            (new / lang / "index.html").unlink()
    problems: list[Diagnostic] = []
    for outcome in engines.each_built(configs, trees):
        if not outcome.ok:
            problems += _engine_diagnostics(outcome, sources[outcome.lang])
        elif not (new / outcome.lang / "index.html").is_file():
            # Never publish a site without one of its languages, whatever the cause.
            problems.append(
                ENGINE_PROBLEM.at(
                    "mkdocs.yml",
                    0,
                    language=LANGUAGE_NAMES[outcome.lang],
                    problem="the engine reported success but wrote no home page",
                )
            )
        elif not problems:
            built(outcome.lang)
    if problems:
        return problems
    prune(new, set(rendered.trees))  # the root's files are written anew
    for name, text in rendered.root_files.items():
        (new / name).write_text(text, encoding="utf-8")
    return []


_LOG_LINE = re.compile(r"^(?:WARNING|ERROR)\s+-\s+(?P<text>.+)$")
_DOC_FILE = re.compile(r"'(?P<address>[^']+\.md)'")


def _engine_diagnostics(outcome: engine.EngineResult, sources: dict[str, str]) -> list[Diagnostic]:
    """MkDocs' complaints, each pinned to the source file it is about where possible."""
    from generator.rules.twins import LANGUAGE_NAMES

    language = LANGUAGE_NAMES[outcome.lang]
    found: list[Diagnostic] = []
    for line in outcome.log.splitlines():
        match = _LOG_LINE.match(line.strip())
        if not match:
            continue
        text = match["text"].strip()
        doc = _DOC_FILE.search(text)
        path = sources.get(doc["address"], "mkdocs.yml") if doc else "mkdocs.yml"
        found.append(ENGINE_PROBLEM.at(path, 0, language=language, problem=text))
    if not found:
        tail = " ".join(outcome.log.strip().splitlines()[-3:]) or "MkDocs stopped with an error"
        found.append(ENGINE_PROBLEM.at("mkdocs.yml", 0, language=language, problem=tail))
    return found


def _shown(path: Path, project: Project) -> str:
    try:
        return path.relative_to(project.root).as_posix() + "/"
    except ValueError:
        return str(path)

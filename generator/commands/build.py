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
from generator.build.output import claim_spare, prune, swap_in, unsafe_reason
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
            zip_digest, manifest = write_zip(target, zip_path, day)
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
    except (OSError, ValueError, yaml.YAMLError) as exc:  # UnicodeDecodeError is a ValueError
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
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        shown = _shown(target, project)
        problem = OUTPUT_FOLDER.at(shown, 0, out=shown, problem=f"cannot be made ({exc.strerror})")
        return BuildOutcome(False, result, [problem.format(), "Nothing was built."])
    with tempfile.TemporaryDirectory(prefix="opcc-site-src-") as staging_name:
        staging = Path(staging_name)
        new = (None if fresh else claim_spare(target)) or Path(
            tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent)
        )
        shown = _shown(target, project).rstrip("/") + "/"
        try:
            step("Building the English and Welsh sites")
            # Each language is scanned as soon as it is built, beside the other's build.
            with BuiltSiteScan(new, result.site, shown) as scan:
                problems = _build_into(
                    project, rendered, staging, new, site_url, engines, built=scan.language
                )
                if not problems:
                    step("Checking the built site for personal data")
                    problems = scan.finish()
            if problems:
                messages = [p.format() for p in problems]
                messages.append(
                    f"Nothing was published; {_shown(target, project)} was left as it was."
                )
                return BuildOutcome(False, result, messages)
            step("Publishing")
            swap_in(new, target)
            inputs.remember(target, inputs_now)
        finally:
            shutil.rmtree(new, ignore_errors=True)

    archive: list[str] = []
    if zip_path is not None:
        zip_digest, manifest = write_zip(target, zip_path, result.site.today)
        archive = [
            f"  Zip: {zip_path} (SHA-256 {zip_digest})",
            f"  Every file's SHA-256: {manifest} (check with: sha256sum -c, in the site folder)",
        ]
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


# Zip entries carry the build day as their time, so that the same site always gives the
# same bytes.
def write_zip(site: Path, zip_path: Path, day: date) -> tuple[str, Path]:
    """The site as a zip whose bytes depend only on the site's files and the build day,
    and beside it a manifest of every file's SHA-256 in `sha256sum` format. Returns the
    zip's own SHA-256 and the manifest's path."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    files = sorted(p for p in site.rglob("*") if p.is_file())
    lines = []
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    partial = zip_path.with_name(zip_path.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            name = path.relative_to(site).as_posix()
            data = path.read_bytes()
            lines.append(f"{hashlib.sha256(data).hexdigest()}  {name}\n")
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)
    os.replace(partial, zip_path)
    manifest = zip_path.with_name(zip_path.name + ".sha256sums")
    manifest.write_text("".join(lines), encoding="utf-8")
    return hashlib.sha256(zip_path.read_bytes()).hexdigest(), manifest


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

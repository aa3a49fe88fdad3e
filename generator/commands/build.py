"""`opcc-site build`: check, render, build each language with the engine, swap in.

Fail closed: the new site is assembled in a sibling folder and replaces the output only
when every step has succeeded; on any problem the previous output is left untouched.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from generator.build import engine
from generator.build.output import swap_in, unsafe_reason
from generator.commands.check import CheckResult, run_check
from generator.content.history import history
from generator.diagnostics import Diagnostic
from generator.project import Project
from generator.redaction.built_site import scan_built_site
from generator.render.pages import RenderedSite, render
from generator.rules.engine import ENGINE_PROBLEM, OUTPUT_FOLDER
from generator.rules.twins import LANGUAGE_NAMES


@dataclass
class BuildOutcome:
    ok: bool
    check: CheckResult | None = None
    messages: list[str] = field(default_factory=list)


def run_build(
    project: Project,
    target: Path,
    echo: Callable[[str], None] = print,
    today: date | None = None,
) -> BuildOutcome:
    started = time.monotonic()
    reason = unsafe_reason(target, project.root)
    if reason:
        problem = OUTPUT_FOLDER.at(
            _shown(target, project), 0, out=_shown(target, project), problem=reason
        )
        return BuildOutcome(False, None, [problem.format(), "Nothing was built."])

    result = run_check(project, today)
    if not result.ok:
        return BuildOutcome(
            False,
            result,
            [result.summary(), f"Nothing was built; {_shown(target, project)} was left as it was."],
        )

    try:
        site_url = engine.read_site_url(project.mkdocs_config)
    except (OSError, ValueError, yaml.YAMLError) as exc:  # UnicodeDecodeError is a ValueError
        problem = ENGINE_PROBLEM.at(
            "mkdocs.yml",
            0,
            language="English or Welsh",
            problem=f"mkdocs.yml cannot be read ({exc})".replace("\n", " "),
        )
        return BuildOutcome(False, result, [problem.format(), "Nothing was built."])
    dates = history(project.root, [w.path for w in result.site.written])
    rendered = render(
        result.site,
        project.root,
        project.templates_dir,
        site_url,
        result.site.today,
        dates,
    )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        shown = _shown(target, project)
        problem = OUTPUT_FOLDER.at(shown, 0, out=shown, problem=f"cannot be made ({exc.strerror})")
        return BuildOutcome(False, result, [problem.format(), "Nothing was built."])
    with tempfile.TemporaryDirectory(prefix="opcc-site-src-") as staging_name:
        staging = Path(staging_name)
        new = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
        try:
            problems = _build_into(project, rendered, staging, new, site_url)
            if not problems:
                shown = _shown(target, project).rstrip("/") + "/"
                problems = scan_built_site(new, result.site, shown)
            if problems:
                messages = [p.format() for p in problems]
                messages.append(
                    f"Nothing was published; {_shown(target, project)} was left as it was."
                )
                return BuildOutcome(False, result, messages)
            swap_in(new, target)
        finally:
            shutil.rmtree(new, ignore_errors=True)

    seconds = time.monotonic() - started
    pages = {lang: len(tree.pages) for lang, tree in rendered.trees.items()}
    files = len({f for tree in rendered.trees.values() for f in tree.files.values()})
    return BuildOutcome(
        True,
        result,
        [
            *result.redaction.lines(),
            result.summary(),
            f"Built {pages['en']} English and {pages['cy']} Welsh pages and {files} "
            f"attachment{'s' if files != 1 else ''} into {_shown(target, project)} "
            f"in {seconds:.1f} s.",
        ],
    )


def _build_into(
    project: Project, rendered: RenderedSite, staging: Path, new: Path, site_url: str | None
) -> list[Diagnostic]:
    configs: dict[str, Path] = {}
    sources: dict[str, dict[str, str]] = {}
    for lang, tree in rendered.trees.items():
        docs = staging / lang / "docs"
        for address, text in tree.pages.items():
            path = docs / address
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for address, source in tree.files.items():
            path = docs / address
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, path)
        for address, text in tree.data.items():
            path = docs / address
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        configs[lang] = engine.write_config(
            tree,
            project.mkdocs_config,
            project.templates_dir / "overrides",
            docs,
            new / lang,
            site_url,
        )
        sources[lang] = tree.sources
    problems: list[Diagnostic] = []
    for outcome in engine.build_languages(configs):
        if not outcome.ok:
            problems += _engine_diagnostics(outcome, sources[outcome.lang])
    if problems:
        return problems
    for lang in configs:
        engine.finish_language(lang, new / lang)
    for name, text in rendered.root_files.items():
        (new / name).write_text(text, encoding="utf-8")
    return []


_LOG_LINE = re.compile(r"^(?:WARNING|ERROR)\s+-\s+(?P<text>.+)$")
_DOC_FILE = re.compile(r"'(?P<address>[^']+\.md)'")


def _engine_diagnostics(outcome: engine.EngineResult, sources: dict[str, str]) -> list[Diagnostic]:
    """MkDocs' complaints, each pinned to the source file it is about where possible."""
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

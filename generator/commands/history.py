"""`opcc-site history REFERENCE`: the audit trail of one response, from git. Who
changed its English or Welsh file, when, with what message, and which facts changed
(status draft → ready, a new outcome), oldest first; then any change not yet committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.content.history import run_git
from generator.project import RESPONSES, Project


class HistoryError(Exception):
    """Why there is no history to show."""


@dataclass(frozen=True)
class Change:
    commit: str
    when: str  # ISO 8601, the author's date
    author: str
    subject: str
    files: tuple[str, ...]
    facts: tuple[str, ...]  # "status: draft → ready"


def _git(root: Path, *args: str) -> str:
    process = run_git(root, *args)
    if isinstance(process, str):
        raise HistoryError(process)
    if process.returncode != 0:
        raise HistoryError(process.stderr.strip() or "git failed")
    return process.stdout


def _fields(root: Path, commit: str, path: str) -> dict[str, object]:
    """The frontmatter of ``path`` as it was at ``commit`` ({} if absent or unreadable)."""
    try:
        text = _git(root, "show", f"{commit}:./{path}")
    except HistoryError:
        return {}
    if not text.startswith("---"):
        return {}
    block = text.split("\n---", 1)[0].removeprefix("---")
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _fact_changes(before: dict[str, object], after: dict[str, object]) -> list[str]:
    if not before:
        return [f"created, status: {after.get('status', '(none)')}"] if after else []
    if not after:
        return ["deleted"]
    shown = []
    for key in sorted(set(before) | set(after)):
        if key in ("title", "public_facts") or before.get(key) == after.get(key):
            continue
        old = before.get(key, "(none)")
        new = after.get(key, "(none)")
        shown.append(f"{key}: {old} → {new}")
    return shown


def history(project: Project, reference: str) -> tuple[list[Change], list[str]]:
    """The commits that touched the response's files, oldest first, and the files with
    changes not yet committed."""
    root = project.root
    reference = reference.strip().upper()
    paths = [f"{RESPONSES}/{reference}.{lang}.md" for lang in ("en", "cy")]
    if not any((root / p).exists() for p in paths):
        raise HistoryError(f"there is no response {reference} (no {paths[0]} or {paths[1]})")
    _git(root, "rev-parse", "--git-dir")
    log = _git(
        root,
        "log",
        "--relative",
        "--reverse",
        "--format=%x00%H%x1f%aI%x1f%an%x1f%s",
        "--name-only",
        "--",
        *paths,
    )
    changes: list[Change] = []
    for record in log.split("\x00")[1:]:
        head, _, names = record.partition("\n")
        commit, when, author, subject = head.split("\x1f", 3)
        files = tuple(n for n in names.split("\n") if n.strip())
        facts: list[str] = []
        # Facts are shared by both language files: report them from the English one
        # where it changed, else from the Welsh.
        for path in sorted(files, key=lambda p: not p.endswith(".en.md")):
            before = _fields(root, f"{commit}~1", path)
            facts = _fact_changes(before, _fields(root, commit, path))
            if facts:
                break
        changes.append(Change(commit[:10], when, author, subject, files, tuple(facts)))
    pending = [
        line[3:]
        for line in _git(root, "status", "--porcelain", "--", *paths).splitlines()
        if line.strip()
    ]
    return changes, pending

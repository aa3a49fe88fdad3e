"""When each source file was first published and last changed, from git history.

One `git log` for the whole project; a file that git does not know, or that has
changes not yet committed, takes its modification time instead, as does every file of
a project that is not a git repository.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Dates:
    first: datetime  # first committed: when it was first published
    last: datetime  # last changed


def history(root: Path, paths: Iterable[str]) -> dict[str, Dates]:
    wanted = set(paths)
    committed = _git_log(root)
    changed = _git_uncommitted(root)
    found: dict[str, Dates] = {}
    for path in wanted:
        modified = _mtime(root / path)
        if path in committed and path not in changed:
            found[path] = committed[path]
        elif path in committed:
            found[path] = Dates(committed[path].first, modified)
        else:
            found[path] = Dates(modified, modified)
    return found


def run_git(root: Path, *args: str) -> subprocess.CompletedProcess[str] | str:
    """git run in ``root``: its result, or why it could not be run at all."""
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as problem:
        return f"git cannot be run ({problem})"


def _git(root: Path, *args: str) -> str | None:
    process = run_git(root, *args)
    if isinstance(process, str) or process.returncode != 0:
        return None
    return process.stdout


def _git_log(root: Path) -> dict[str, Dates]:
    output = _git(
        root, "log", "--relative", "--no-renames", "--format=%x00%cI", "--name-only", "--", "."
    )
    dates: dict[str, Dates] = {}
    if not output:
        return dates
    for commit in output.split("\0")[1:]:
        lines = commit.strip().splitlines()
        if not lines:
            continue
        when = datetime.fromisoformat(lines[0])
        for name in lines[1:]:
            name = name.strip()
            if not name:
                continue
            # The log is newest first: the first sighting is the last change.
            seen = dates.get(name)
            dates[name] = Dates(when, seen.last if seen else when)
    return dates


def _git_uncommitted(root: Path) -> set[str]:
    output = _git(root, "status", "--porcelain", "--untracked-files=all", "--", ".")
    if not output:
        return set()
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    changed = set()
    for line in output.splitlines():
        name = line[3:].strip().strip('"')
        changed.add(name.removeprefix(prefix))
    return changed


def _mtime(path: Path) -> datetime:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).replace(microsecond=0)
    except OSError:
        return datetime.now(tz=UTC).replace(microsecond=0)

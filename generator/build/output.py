"""Writing the output: built aside, then swapped in whole, or not at all.

The site a build replaces is not deleted but kept beside the output, hidden, as the
spare: the next build writes into it, and so writes only the files that changed between
the two (see SiteFolder in engine.py), rather than thousands of files that did not.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path


def unsafe_reason(target: Path, project_root: Path) -> str | None:
    """Why ``target`` may not be replaced by a build, or None when it may."""
    if target == project_root or target in project_root.parents:
        return "holds the project itself"
    for source in ("content", "responses", ".private", "generator", "site_templates", "tests"):
        if target == project_root / source or (project_root / source) in target.parents:
            return f"is inside the project's {source}/ folder"
    if target.exists() and not target.is_dir():
        return "is a file, not a folder"
    if target.is_dir() and any(target.iterdir()):
        looks_built = (target / "index.html").is_file() and (target / "en").is_dir()
        if not looks_built:
            return "is not empty and does not hold an earlier build"
    return None


def spare(target: Path) -> Path:
    """Where the site that the last build replaced is kept: beside it, hidden."""
    return target.with_name(f".{target.name}.spare")


def claim_spare(target: Path) -> Path | None:
    """The spare, renamed to be this build's own (two builds at once cannot share it), or
    None when there is none."""
    claimed = target.with_name(f".{target.name}.new-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        os.rename(spare(target), claimed)
    except OSError:
        return None
    return claimed


def prune(folder: Path, keep: set[str]) -> None:
    """Remove whatever is directly in ``folder`` and not named in ``keep``: what the spare
    holds that this build does not make."""
    for entry in folder.iterdir():
        if entry.name not in keep:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()


def swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` (a sibling folder), keeping the old one on failure,
    and as the spare on success."""
    # mkdtemp makes the folder private (0700); the web server must be able to read it.
    new.chmod(0o755)
    if not target.exists():
        os.replace(new, target)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(old, target)
        raise
    try:
        os.rename(old, spare(target))
    except OSError:  # another build's spare is there already
        shutil.rmtree(old, ignore_errors=True)

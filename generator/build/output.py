"""Writing the output: built aside, then swapped in whole, or not at all."""

from __future__ import annotations

import os
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


def swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` (a sibling folder), keeping the old one on failure."""
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
    shutil.rmtree(old, ignore_errors=True)

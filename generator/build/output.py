"""Writing the output: built aside, then swapped in whole, or not at all.

The site a build replaces is not deleted but kept beside the output, hidden, as the
spare: the next build writes into it, and so writes only the files that changed between
the two (see SiteFolder in engine.py), rather than thousands of files that did not.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from pathlib import Path

# The project's own folders, which a build never writes into.
SOURCE_FOLDERS = ("content", "responses", ".private", "generator", "site_templates", "tests")


def unsafe_reason(target: Path, project_root: Path) -> str | None:
    """Why ``target`` may not be replaced by a build, or None when it may."""
    if target == project_root or target in project_root.parents:
        return "holds the project itself"
    for source in SOURCE_FOLDERS:
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
    None when there is none, or when it is not a folder of this user's here (a symbolic
    link to a folder elsewhere, say, which a build must never write into)."""
    claimed = target.with_name(f".{target.name}.new-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        os.rename(spare(target), claimed)
    except OSError:
        return None
    if not _own_folder(claimed, target.parent):
        _remove(claimed)
        return None
    return claimed


def _own_folder(path: Path, parent: Path) -> bool:
    try:
        status, beside = os.lstat(path), os.stat(parent)
    except OSError:
        return False
    owner = getattr(os, "getuid", lambda: status.st_uid)()
    return (
        stat.S_ISDIR(status.st_mode) and status.st_dev == beside.st_dev and status.st_uid == owner
    )


def _remove(path: Path) -> None:
    """A folder with all it holds; a link, or anything else, by itself."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def prune(folder: Path, keep: set[str]) -> None:
    """Remove whatever is directly in ``folder`` and not named in ``keep``: what the spare
    holds that this build does not make."""
    for entry in folder.iterdir():
        if entry.name not in keep:
            _remove(entry)


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
    if _own_folder(old, target.parent):
        try:
            os.rename(old, spare(target))
            return
        except OSError:  # another build's spare is there already
            pass
    _remove(old)  # a link that stood for the output is removed, never followed

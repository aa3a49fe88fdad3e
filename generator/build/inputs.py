"""Whether a build can be skipped: the fingerprint of everything a build reads, compared
with the last successful build into the same folder.

Everything that can change the output goes into the fingerprint: every file under
content/ and responses/, the people list, mkdocs.yml, the site templates, the generator's
own code, the Python it runs on and the version of every installed package (MkDocs, the
theme, Markdown and its extensions, the attachment readers), the build date, the site
address, and the git commit with any uncommitted change, and each source's modification
time (pages show dates from git, or from the file for one git does not know). The record
of the last build is kept in the user's cache folder, never in the project (a build never
changes the project) nor in the output, with a listing of the output as it was left, so
that a folder changed or emptied since is built again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import time
from datetime import date
from pathlib import Path

from generator.content.history import run_git
from generator.project import CONTENT, PEOPLE_FILE, RESPONSES, Project
from generator.usercache import cache_folder, installed_packages, project_key


def _record_file() -> Path:
    return cache_folder() / "last-builds.json"


GENERATOR = Path(__file__).resolve().parent.parent


def _files(top: Path) -> list[tuple[str, os.stat_result]]:
    """Every file under ``top`` (or ``top`` itself), with its status, in a stable order.
    Plain strings and os.scandir: a site of ten thousand files is listed in a tenth of
    the time pathlib takes."""
    try:
        status = os.stat(top)
    except OSError:
        return []
    if stat.S_ISREG(status.st_mode):
        return [(str(top), status)]
    found: list[tuple[str, os.stat_result]] = []
    folders = [str(top)] if stat.S_ISDIR(status.st_mode) else []
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(entry.path)
                elif entry.is_file(follow_symlinks=True):
                    found.append((entry.path, entry.stat()))
    return sorted(found, key=lambda item: item[0])


def fingerprint(project: Project, today: date, site_url: str | None) -> str | None:
    """The digest of everything a build reads, or None when something cannot be read:
    then the build runs in full, and its checks report the file that could not be read."""
    try:
        return _fingerprint(project, today, site_url)
    except OSError:
        return None


def _fingerprint(project: Project, today: date, site_url: str | None) -> str:
    digest = hashlib.sha256()
    digest.update(f"{today.isoformat()}\0{site_url or ''}\0".encode())
    digest.update(f"{installed_packages()}\0".encode())
    tops = [
        project.root / CONTENT,
        project.root / RESPONSES,
        project.root / PEOPLE_FILE,
        project.mkdocs_config,
        project.templates_dir,
        GENERATOR,
    ]
    hashes_file = _hashes_file(project)
    known = _known_hashes(hashes_file)
    seen: dict[str, list[int | str]] = {}
    for top in tops:
        for path, status in _files(top):
            digest.update(f"{path}\0{status.st_mtime_ns}\0".encode())
            digest.update(bytes.fromhex(_content_hash(path, status, known, seen)))
    if seen != known:
        _remember_hashes(hashes_file, seen)
    head = run_git(project.root, "rev-parse", "HEAD")
    dirty = run_git(project.root, "status", "--porcelain", "--", CONTENT, RESPONSES)
    for answer in (head, dirty):
        digest.update((answer if isinstance(answer, str) else answer.stdout).encode())
    return digest.hexdigest()


# Hashing every source again would make an unchanged build of a large register slow, so
# each file's hash is kept with the size, modification time and inode it had, as git's
# index does, and used again while all three are the same. A file changed within the
# same tick of the clock as it was hashed would keep all three: a hash taken less than
# two seconds after the file last changed is never used again.
_SETTLED_NS = 2_000_000_000


def _content_hash(
    path: str, status: os.stat_result, known: dict[str, list[int | str]], seen: dict
) -> str:
    stamp: list[int | str] = [status.st_size, status.st_mtime_ns, status.st_ino]
    entry = known.get(path)
    if entry is not None and entry[:3] == stamp:
        seen[path] = entry
        return str(entry[3])
    with open(path, "rb") as handle:
        value = hashlib.sha256(handle.read()).hexdigest()
    if time.time_ns() - status.st_mtime_ns > _SETTLED_NS:
        seen[path] = [*stamp, value]
    return value


def _hashes_file(project: Project) -> Path:
    return cache_folder() / "source-hashes" / f"{project_key(project.root)}.json"


def _known_hashes(path: Path) -> dict[str, list[int | str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _remember_hashes(path: Path, hashes: dict[str, list[int | str]]) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps(hashes), encoding="utf-8")
        os.replace(partial, path)


def listing(folder: Path) -> str:
    """The output as left: every file's name, size and modification time."""
    digest = hashlib.sha256()
    base = len(str(folder)) + 1
    for path, status in _files(folder):
        digest.update(f"{path[base:]}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _records() -> dict[str, dict[str, str]]:
    try:
        data = json.loads(_record_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def unchanged(target: Path, fingerprint_now: str | None) -> bool:
    if fingerprint_now is None:
        return False
    record = _records().get(str(target))
    return (
        isinstance(record, dict)
        and record.get("inputs") == fingerprint_now
        and target.is_dir()
        and record.get("output") == listing(target)
    )


def remember(target: Path, fingerprint_now: str | None) -> None:
    """Record a successful build; a cache folder that cannot be written to only means
    that the next build cannot be skipped."""
    if fingerprint_now is None:
        return
    records = {k: v for k, v in _records().items() if Path(k).is_dir()}
    records[str(target)] = {"inputs": fingerprint_now, "output": listing(target)}
    path = _record_file()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(json.dumps(records, indent=2), encoding="utf-8")
        os.replace(partial, path)

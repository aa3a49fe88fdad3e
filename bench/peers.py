"""The tools a user would otherwise pick, on the same pages, for bench/run.py.

- MkDocs + mkdocs-material + mkdocs-static-i18n: one bilingual build with the default
  navigation (every page listed), as a plain MkDocs project of the same files would be.
- Zensical, mkdocs-material's successor, which reads mkdocs.yml but runs no MkDocs
  plugins: one build per language, the two side by side (as opcc-site builds them).

The peers are installed into a virtual environment of their own in the user's cache
folder (made on first use), so that they never touch the project's own packages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

PEER_PACKAGES = ["mkdocs==1.6.1", "mkdocs-material==9.8.1", "mkdocs-static-i18n", "zensical"]


def peer_python() -> Path:
    """The Python of the peers' own environment, made and filled on first use."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    home = cache / "opcc-site" / "bench-peers"
    python = home / "bin" / "python"
    if not python.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(home)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES],
            check=True,
            stdout=sys.stderr,
        )
    return python


def versions(python: Path) -> str:
    out = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=freeze"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    names = ("mkdocs=", "mkdocs-material=", "mkdocs-static-i18n=", "zensical=")
    return ", ".join(line for line in out.splitlines() if line.lower().startswith(names))


def _copy_pages(
    register: Path, docs: Path, langs: tuple[str, ...], drop_suffix: bool = False
) -> None:
    """Every Markdown page of the register, as written, keeping its folders; with
    ``drop_suffix``, named without the language (``x.md`` for ``x.en.md``)."""
    for area in ("responses", "content"):
        for source in sorted((register / area).rglob("*.md")):
            if not source.name.endswith(tuple(f".{lang}.md" for lang in langs)):
                continue
            target = docs / area / source.relative_to(register / area)
            if drop_suffix:
                target = target.with_name(source.name[: -len(".xx.md")] + ".md")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    home = {"en": "# Election information\n", "cy": "# Gwybodaeth am yr etholiad\n"}
    for lang in langs:
        name = "index.md" if drop_suffix else f"index.{lang}.md"
        (docs / name).write_text(home[lang], encoding="utf-8")


def mkdocs_i18n_project(register: Path, target: Path) -> Path:
    """A plain bilingual MkDocs project of the register's pages; returns its mkdocs.yml."""
    if target.exists():
        shutil.rmtree(target)
    _copy_pages(register, target / "docs", ("en", "cy"))
    config = target / "mkdocs.yml"
    config.write_text(
        "site_name: Election information\n"
        "theme:\n  name: material\n  font: false\n"
        "plugins:\n"
        "  - search\n"
        "  - i18n:\n"
        "      docs_structure: suffix\n"
        "      languages:\n"
        "        - {locale: en, default: true, name: English, build: true}\n"
        "        - {locale: cy, name: Cymraeg, build: true}\n",
        encoding="utf-8",
    )
    return config


def zensical_projects(register: Path, target: Path) -> list[Path]:
    """One Zensical project per language (Zensical runs no i18n plugin)."""
    if target.exists():
        shutil.rmtree(target)
    configs = []
    for lang in ("en", "cy"):
        folder = target / lang
        _copy_pages(register, folder / "docs", (lang,), drop_suffix=True)
        config = folder / "mkdocs.yml"
        config.write_text(
            f"site_name: Election information ({lang})\n"
            f"theme:\n  name: material\n  language: {lang}\n  font: false\n",
            encoding="utf-8",
        )
        configs.append(config)
    return configs


def mkdocs_command(python: Path, config: Path) -> list[str]:
    return [
        str(python),
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(config),
        "-d",
        str(config.parent / "site"),
    ]


def zensical_command(python: Path, configs: list[Path]) -> list[str]:
    """Both languages' builds, side by side, as one command."""
    zensical = python.parent / "zensical"
    runs = [
        f"(cd '{c.parent}' && '{zensical}' build --clean -f '{c}' >/dev/null) & p{i}=$!"
        for i, c in enumerate(configs)
    ]
    waits = " && ".join(f"wait $p{i}" for i in range(len(configs)))
    return ["sh", "-c", "; ".join([*runs, waits])]

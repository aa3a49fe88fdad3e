"""The site engine: everything specific to MkDocs and mkdocs-material lives here.

Each language is a separate MkDocs build with its own configuration, which inherits the
project's mkdocs.yml. The two builds run side by side, one per core. Moving to another
engine that reads mkdocs.yml (such as Zensical) means changing this module only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.build import search_index
from generator.render.pages import LanguageTree
from generator.render.security import CONTENT_SECURITY_POLICY


@dataclass(frozen=True)
class EngineResult:
    lang: str
    ok: bool
    log: str


def read_site_url(base_config: Path) -> str | None:
    """site_url from mkdocs.yml, read without running any of its !tags."""

    class _Lenient(yaml.SafeLoader):
        pass

    _Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
    with base_config.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_Lenient) or {}
    value = data.get("site_url") if isinstance(data, dict) else None
    return checked_site_url(value) if value else None


def checked_site_url(value: object) -> str:
    """The site's address, ending in "/"; an error unless it is an http(s) address."""
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise ValueError(f"site_url must be an address starting https://, not {value!r}")
    return value if value.endswith("/") else value + "/"


def write_config(
    tree: LanguageTree,
    base_config: Path,
    overrides_dir: Path,
    docs_dir: Path,
    site_dir: Path,
    site_url: str | None,
) -> Path:
    search: dict[str, Any] = {"lang": "en"}
    if tree.lang == "cy":
        # No Welsh stemmer exists for the theme's search; the English one would mangle
        # Welsh words, so Welsh is indexed and searched as written.
        search["pipeline"] = ["trimmer"]
    config: dict[str, Any] = {
        "INHERIT": str(base_config),
        "site_name": tree.site_name,
        "site_description": tree.site_description,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "theme": {"language": tree.lang, "custom_dir": str(overrides_dir)},
        "nav": tree.nav,
        "plugins": [{"search": search}],
        "extra": {"opcc": tree.strings, "csp": CONTENT_SECURITY_POLICY},
        "use_directory_urls": True,
    }
    if site_url:
        config["site_url"] = f"{site_url}{tree.lang}/"
    path = docs_dir.parent / f"mkdocs.{tree.lang}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _run_mkdocs(lang: str, config: Path) -> EngineResult:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore")
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return EngineResult(lang, process.returncode == 0, process.stdout + process.stderr)


def build_languages(configs: dict[str, Path]) -> list[EngineResult]:
    with ThreadPoolExecutor(max_workers=len(configs)) as pool:
        return list(pool.map(lambda item: _run_mkdocs(*item), configs.items()))


def finish_language(lang: str, site_dir: Path) -> None:
    """What the theme's own build leaves undone: Welsh search that knows mutations; no
    source maps, which serve the theme's developers, not readers; and none of the 64
    search language files that the site never loads."""
    index = site_dir / "search" / "search_index.json"
    if lang == "cy" and index.is_file():
        search_index.expand(index)
    for source_map in (site_dir / "assets").rglob("*.map"):
        source_map.unlink()
    # The search worker loads lunr's language files only for languages other than
    # English; both sites search with lang "en" (write_config), so none is ever loaded.
    shutil.rmtree(site_dir / "assets" / "javascripts" / "lunr", ignore_errors=True)

"""The Jinja2 environment over site_templates/."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape


def make_env(templates_dir: Path) -> Environment:
    # Values are escaped (a title with "<" stays text); Markdown bodies are passed as
    # Markup by the caller. StrictUndefined turns a misspelt variable into an error.
    return Environment(
        loader=FileSystemLoader(templates_dir),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )

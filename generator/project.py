"""Where a project's parts live, relative to its root folder (``--root``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The repository that holds this package; its site_templates/ and mkdocs.yml are used
# when a project folder does not carry its own (as in tests that make a project in a
# temporary folder).
TOOL_HOME = Path(__file__).resolve().parent.parent

CONTENT = "content"
RESPONSES = "responses"
ELECTION_FILE = "content/election.yml"
PEOPLE_FILE = ".private/people.txt"
PUBLIC_FACTS_FILE = "content/public-facts.yml"


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / CONTENT

    @property
    def responses_dir(self) -> Path:
        return self.root / RESPONSES

    def _own_or_tool(self, name: str) -> Path:
        own = self.root / name
        return own if own.exists() else TOOL_HOME / name

    @property
    def templates_dir(self) -> Path:
        return self._own_or_tool("site_templates")

    @property
    def mkdocs_config(self) -> Path:
        return self._own_or_tool("mkdocs.yml")

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

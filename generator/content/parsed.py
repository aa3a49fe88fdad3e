"""A source file whose fields have passed the schema."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from generator.content.profile import TextProfile
from generator.content.schema import DocumentFrontmatter, ResponseFrontmatter
from generator.content.sources import SourceFile


@dataclass(frozen=True)
class ParsedFile:
    source: SourceFile
    fields: ResponseFrontmatter | DocumentFrontmatter
    profile: TextProfile | None = None  # made once it has passed the schema

    @functools.cached_property
    def field_lines(self) -> dict[str, int]:
        """The line of each field by its dotted path ("related.0" for a list item)."""
        return {".".join(map(str, key)): line for key, line in self.source.meta.lines.items()}

    @property
    def path(self) -> str:
        return self.source.path

    def line(self, key: str) -> int:
        """The line of a field, or of the opening '---' when the field is absent."""
        return self.source.meta.lines.get((key,), 1)

    @property
    def is_response(self) -> bool:
        return isinstance(self.fields, ResponseFrontmatter)

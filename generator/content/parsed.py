"""A source file whose fields have passed the schema."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.schema import DocumentFrontmatter, ResponseFrontmatter
from generator.content.sources import SourceFile


@dataclass(frozen=True)
class ParsedFile:
    source: SourceFile
    fields: ResponseFrontmatter | DocumentFrontmatter

    @property
    def path(self) -> str:
        return self.source.path

    def line(self, key: str) -> int:
        """The line of a field, or of the opening '---' when the field is absent."""
        return self.source.meta.lines.get((key,), 1)

    @property
    def is_response(self) -> bool:
        return isinstance(self.fields, ResponseFrontmatter)

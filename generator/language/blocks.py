"""The blocks of a Markdown body (paragraphs, list items, headings, table rows), with
their lines, and the plain text a reader sees in each: enough Markdown for the twin and
language checks, without rendering."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["paragraph", "heading", "item", "row", "quote"]

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_HEADING = re.compile(r"^ {0,3}#{1,6}\s+")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_ROW = re.compile(r"^\s*\|")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")
# attr_list's way of giving a block its language: {: lang="en" } on the line after it.
_LANG_ATTRIBUTE = re.compile(r"\{:?[^}]*\blang=[\"']?(?P<lang>[a-z]{2,3})[\"']?[^}]*\}\s*$")


@dataclass(frozen=True)
class Block:
    kind: Kind
    line: int  # of the file
    text: str  # as written
    lang: str | None  # a language given with {: lang="xx" }, if any

    @property
    def plain(self) -> str:
        return plain(self.text)


@functools.lru_cache(maxsize=4096)  # the language and the twin checks read each body
def blocks(body: str, first_line: int) -> tuple[Block, ...]:
    found: list[Block] = []
    lines = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), body).split("\n")
    in_fence = False
    current: list[str] = []
    start = 0
    kind: Kind = "paragraph"

    def close() -> None:
        nonlocal current
        if current:
            text = "\n".join(current)
            match = _LANG_ATTRIBUTE.search(text)
            found.append(Block(kind, first_line + start, text, match["lang"] if match else None))
        current = []

    for index, line in enumerate(lines):
        if _FENCE.match(line):
            close()
            in_fence = not in_fence
            continue
        if in_fence or not line.strip() or _REFERENCE.match(line) or _TABLE_RULE.match(line):
            close()
            continue
        new_kind: Kind | None = None
        if _HEADING.match(line):
            new_kind = "heading"
        elif _ITEM.match(line):
            new_kind = "item"
        elif _ROW.match(line):
            new_kind = "row"
        elif line.lstrip().startswith(">"):
            new_kind = "quote" if not current or kind != "quote" else None
        if new_kind is not None or kind in ("heading", "row"):
            close()
            kind = new_kind or "paragraph"
            start = index
        elif not current:
            kind = "paragraph"
            start = index
        current.append(line)
    close()
    return tuple(found)


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_MARKUP = re.compile(r"[*_`#>|]|\{:[^}]*\}|<[^>]+>")


def plain(text: str) -> str:
    """The words a reader sees: link text without its address, no Markdown marks."""
    text = _LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    text = _ITEM.sub("", text)
    return _MARKUP.sub(" ", text)

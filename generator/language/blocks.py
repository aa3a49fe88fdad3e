"""The blocks of a Markdown body (paragraphs, list items, headings, table rows), with
their lines, and the plain text a reader sees in each: enough Markdown for the twin and
language checks, without rendering."""

from __future__ import annotations

import functools
import re
from typing import Literal, NamedTuple

Kind = Literal["paragraph", "heading", "item", "row", "quote"]

_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# attr_list's way of giving a block its language: {: lang="en" } on the line after it.
_LANG_ATTRIBUTE = re.compile(r"\{:?[^}]*\blang=[\"']?(?P<lang>[a-z]{2,3})[\"']?[^}]*\}\s*$")


class Block(NamedTuple):
    # A named tuple rather than a frozen dataclass: a check makes hundreds of thousands.
    kind: Kind
    line: int  # of the file
    text: str  # as written
    lang: str | None  # a language given with {: lang="xx" }, if any

    @property
    def plain(self) -> str:
        return plain(self.text)


# What a line starts, decided by one match: the first group that matches names it.
_LINE = re.compile(
    r"(?P<fence> {0,3}(?:```|~~~))"
    r"|(?P<heading> {0,3}#{1,6}\s)"
    r"|(?P<rule>\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$)"
    r"|(?P<item>\s*(?:[-*+]|\d+[.)])\s)"
    r"|(?P<row>\s*\|)"
    r"|(?P<quote>\s*>)"
    r"|(?P<reference> {0,3}\[[^\]]+\]:\s*\S)"
)


@functools.lru_cache(maxsize=4096)  # the language and the twin checks read each body
def blocks(body: str, first_line: int) -> tuple[Block, ...]:
    found: list[Block] = []
    if "<!--" in body:
        body = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), body)
    in_fence = False
    current: list[str] = []
    start = 0
    kind: Kind = "paragraph"

    def close() -> None:
        text = "\n".join(current)
        match = _LANG_ATTRIBUTE.search(text) if "lang=" in text else None
        found.append(Block(kind, first_line + start, text, match["lang"] if match else None))
        current.clear()

    for index, line in enumerate(body.split("\n")):
        # No line that starts with a letter starts anything but a paragraph's line: most
        # lines are spared the pattern.
        match = None if line[:1].isalpha() else _LINE.match(line)
        starts = match.lastgroup if match else None
        if starts == "fence":
            if current:
                close()
            in_fence = not in_fence
            continue
        if in_fence or not line.strip() or starts in ("reference", "rule"):
            if current:
                close()
            continue
        new_kind: Kind | None = None
        if starts in ("heading", "item", "row"):
            new_kind = starts  # type: ignore[assignment]
        elif starts == "quote":
            new_kind = "quote" if not current or kind != "quote" else None
        if new_kind is not None or kind in ("heading", "row"):
            if current:
                close()
            kind = new_kind or "paragraph"
            start = index
        elif not current:
            kind = "paragraph"
            start = index
        current.append(line)
    if current:
        close()
    return tuple(found)


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_MARKUP = re.compile(r"[*_`#>|]|\{:[^}]*\}|<[^>]+>")
_MARKS = "*_`#>|{<"  # what every _MARKUP match starts with


def plain(text: str) -> str:
    """The words a reader sees: link text without its address, no Markdown marks."""
    # Each pattern is tried only where it can match: most blocks have no link or address.
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "http" in text or "www." in text or "@" in text:
        text = _URL.sub(" ", text)
    text = _ITEM.sub("", text)
    if any(mark in text for mark in _MARKS):
        text = _MARKUP.sub(" ", text)
    return text

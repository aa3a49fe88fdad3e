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
    # A check makes hundreds of thousands of blocks: each is made by tuple.__new__ here,
    # which is what Block(...) does, without the Python-level call around it.
    make = tuple.__new__

    for index, line in enumerate(body.split("\n")):
        # Most lines start with a letter (a paragraph's) or a bar (a table row's, unless
        # it is the row of dashes under the header): those are spared the pattern.
        first = line[:1]
        if first.isalpha():
            starts = None
        elif first == "|" and "---" not in line:
            starts = "row"
        else:
            match = _LINE.match(line)
            starts = match.lastgroup if match else None
        if starts == "fence":
            in_fence = not in_fence
        elif not (in_fence or starts in ("reference", "rule") or not line.strip()):
            if starts in ("heading", "item", "row"):
                new_kind: Kind | None = starts  # type: ignore[assignment]
            elif starts == "quote":
                new_kind = "quote" if not current or kind != "quote" else None
            else:
                new_kind = None
            if new_kind is not None or kind in ("heading", "row"):
                if current:
                    found.append(make(Block, _closed(kind, first_line + start, current)))
                    current = []
                kind = new_kind or "paragraph"
                start = index
            elif not current:
                kind = "paragraph"
                start = index
            current.append(line)
            continue
        if current:  # a fence, a blank line, a rule or a link reference ends the block
            found.append(make(Block, _closed(kind, first_line + start, current)))
            current = []
    if current:
        found.append(make(Block, _closed(kind, first_line + start, current)))
    return tuple(found)


def _closed(kind: Kind, line: int, lines: list[str]) -> tuple[Kind, int, str, str | None]:
    text = lines[0] if len(lines) == 1 else "\n".join(lines)
    match = _LANG_ATTRIBUTE.search(text) if "lang=" in text else None
    return kind, line, text, match["lang"] if match else None


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

"""H: markup that could run code in a reader's browser, in a body or a field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic
from generator.rules.registry import file_check, rule
from generator.util import unescape

if TYPE_CHECKING:  # the schema imports this module for H002
    from generator.content.parsed import ParsedFile

UNSAFE_HTML = rule(
    "H001",
    "unsafe-html",
    "the text contains {what}, which is never published",
    "remove it; write the text in plain Markdown (links as [text](https://...))",
    "Markdown passes raw HTML through to the page; scripts, frames and event handlers would "
    "run in every reader's browser.",
)
MARKUP_IN_FIELD = rule(
    "H002",
    "markup-in-field",
    "'{field}' contains markup ({what}); a field is plain text",
    "remove the {what} from the value",
    "Titles, summaries and election facts are placed in every page's header, menu and "
    "footer, where markup would be live.",
)

_ELEMENT = re.compile(
    r"<\s*(script|iframe|object|embed|style|form|base|meta|link|svg|math)\b", re.I
)
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_HANDLER = re.compile(r"[\s/\"']on([a-z]+)\s*=", re.I)
_ATTRIBUTE_URL = re.compile(
    r"\b(?:href|src|action|formaction|xlink:href)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I
)
_MARKDOWN_URL = re.compile(r"\]\(\s*<?([^)>]*)|^ {0,3}\[[^\]]+\]:\s*<?(\S+)", re.M)
_BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.I)


def _scheme(url: str) -> str | None:
    """The dangerous scheme of a URL as a browser reads it (entities decoded, blanks gone)."""
    cleaned = re.sub(r"[\x00-\x20]", "", unescape(url.strip("\"'")))
    match = _BAD_SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def unsafe_parts(text: str) -> Iterator[tuple[int, str]]:
    """(offset, description) of every part of ``text`` that could run code."""
    # Each pattern is run only where it can match: most texts hold no tag and no link.
    if "<" in text:
        for match in _ELEMENT.finditer(text):
            yield match.start(), f"a <{match.group(1).lower()}> element"
        for tag in _TAG.finditer(text):
            handler = _HANDLER.search(tag.group())
            if handler:
                yield tag.start(), f"an event handler attribute (on{handler.group(1).lower()})"
            for attribute in _ATTRIBUTE_URL.finditer(tag.group()):
                scheme = _scheme(attribute.group(1))
                if scheme:
                    yield tag.start(), f"a '{scheme}:' address"
    if "](" in text or "]:" in text:
        for link in _MARKDOWN_URL.finditer(text):
            scheme = _scheme(link.group(1) or link.group(2) or "")
            if scheme:
                yield link.start(), f"a '{scheme}:' address"


@file_check
def no_unsafe_html(parsed: ParsedFile) -> Iterator[Diagnostic]:
    body = parsed.source.body
    for offset, what in unsafe_parts(body):
        line = parsed.source.body_line + body.count("\n", 0, offset)
        yield UNSAFE_HTML.at(parsed.path, line, what=what)


def markup_in_field(value: str) -> str | None:
    """What makes a one-line field unsafe or not plain text, or None."""
    if "<" in value or ">" in value:
        return "an HTML tag or angle bracket"
    if "](" in value or re.search(r"\b(javascript|vbscript|data):", value, re.I):
        return "a link"
    return None

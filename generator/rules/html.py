"""H: raw HTML in a document that could run code in a reader's browser."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.parsed import ParsedFile
from generator.diagnostics import Diagnostic
from generator.rules.registry import file_check, rule

UNSAFE_HTML = rule(
    "H001",
    "unsafe-html",
    "the text contains {what}, which is never published",
    "remove it; write the text in plain Markdown (links as [text](address))",
    "Markdown passes raw HTML through to the page; scripts, frames and event handlers would "
    "run in every reader's browser.",
)

_UNSAFE = [
    (
        re.compile(r"<\s*(script|iframe|object|embed|style|form|base|meta|link)\b", re.I),
        "a <{0}> element",
    ),
    (re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.I), "an event handler attribute ({0})"),
    (re.compile(r"\b(javascript|vbscript|data)\s*:", re.I), "a '{0}:' address"),
]


@file_check
def no_unsafe_html(parsed: ParsedFile) -> Iterator[Diagnostic]:
    body = parsed.source.body
    for pattern, what in _UNSAFE:
        for match in pattern.finditer(body):
            if what.startswith("a '") and not _in_link_or_tag(body, match.start()):
                continue
            line = parsed.source.body_line + body.count("\n", 0, match.start())
            yield UNSAFE_HTML.at(parsed.path, line, what=what.format(match.group(1).lower()))


def _in_link_or_tag(text: str, pos: int) -> bool:
    """Whether a 'scheme:' sits where it would be followed: in (...) or an attribute."""
    before = text[max(0, pos - 3) : pos].rstrip()
    return before.endswith(("(", "<", '"', "'", "="))

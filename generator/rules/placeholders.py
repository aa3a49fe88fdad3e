"""W004: no placeholder is published: no "TODO", no "Welsh to follow"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.parsed import ParsedFile
from generator.diagnostics import Diagnostic
from generator.rules.registry import file_check, rule
from generator.util import lowered

PLACEHOLDER = rule(
    "W004",
    "placeholder",
    "'{found}' is a placeholder, and this document is ready to publish",
    "write the missing text, or set 'status: draft' until it is written",
    "The Welsh Language Standards allow no 'translation to follow': both languages are "
    "published complete, at the same time.",
)

_PLACEHOLDER = re.compile(
    r"\b(?:TODO|TBC|TBD|FIXME|XXX+)\b"
    r"|lorem ipsum"
    r"|\b(?:welsh|english|translation)(?:\s+(?:version|text|translation))?\s+to\s+follow\b"
    r"|\bto\s+be\s+translated\b"
    r"|\bi['\u2019]w\s+gyfieithu\b"
    r"|\bcyfieithiad\s+i\s+ddilyn\b"
    r"|\b(?:fersiwn|testun)\s+(?:cymraeg|saesneg)\s+i\s+ddilyn\b"
    r"|\[(?:translate|cyfieithu)\]",
    re.I,
)


# Each placeholder contains one of these; a text with none of them is passed at once.
# "fieithu" is in both "i'w gyfieithu" and "[cyfieithu]".
_CLUES = ("todo", "tbc", "tbd", "fixme", "xxx", "lorem", "translat", "fieithu", "ddilyn")
# "follow" only as "to follow": "following" is in one text in ten, and the full pattern
# is slow to run over a whole text.
_TO_FOLLOW = re.compile(r"to\s+follow")


@file_check
def no_placeholders(parsed: ParsedFile) -> Iterator[Diagnostic]:
    if parsed.fields.status != "ready":
        return
    source = parsed.source
    lower = lowered(source.text)  # the privacy scan's, most often
    if not any(clue in lower for clue in _CLUES) and not (
        "follow" in lower and _TO_FOLLOW.search(lower)
    ):
        return
    for key in ("title", "summary"):
        value = source.meta.data.get(key) if isinstance(source.meta.data, dict) else None
        match = _PLACEHOLDER.search(value) if isinstance(value, str) else None
        if match:
            yield PLACEHOLDER.at(source.path, parsed.line(key), found=match.group())
    body = source.body
    for match in _PLACEHOLDER.finditer(body):
        line = source.body_line + body.count("\n", 0, match.start())
        yield PLACEHOLDER.at(source.path, line, found=match.group())

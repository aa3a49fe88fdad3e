"""Links written in a document's body: found with their position, resolved to sources.

Staff link to another document by its source file in the same language
(``[budget](briefing-pack/budget.en.md)``) and to an attachment by its file name, both
relative to the file they write in; rendering rewrites these to the published address.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_INLINE = re.compile(r"\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<target>[^\s>]+)>?")
_HTML = re.compile(r"\b(?:href|src)\s*=\s*[\"'](?P<target>[^\"']+)[\"']", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


@dataclass(frozen=True)
class Link:
    target: str  # as written, without any #fragment or ?query
    suffix: str  # the #fragment or ?query as written, kept when the link is rewritten
    start: int  # offset of the target in the body
    end: int
    line_offset: int  # lines from the start of the body


def is_local(target: str) -> bool:
    return bool(target) and not target.startswith(("#", "/")) and not _SCHEME.match(target)


def find_links(body: str) -> Iterator[Link]:
    """Local link targets, outside fenced code blocks."""
    if "]" not in body and "=" not in body:  # every link pattern needs one (below)
        return
    offset = 0
    fenced = False
    for number, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        # Every link pattern needs a "]" (Markdown) or an "=" (HTML); most lines have
        # neither, and trying three patterns on each was most of a check's link work.
        elif not fenced and ("]" in line or "=" in line):
            for pattern in (_INLINE, _REFERENCE, _HTML):
                for match in pattern.finditer(line):
                    written = match.group("target")
                    if not is_local(written):
                        continue
                    cut = min(
                        (i for i in (written.find("#"), written.find("?")) if i >= 0),
                        default=len(written),
                    )
                    yield Link(
                        target=written[:cut],
                        suffix=written[cut:],
                        start=offset + match.start("target"),
                        end=offset + match.start("target") + cut,
                        line_offset=number,
                    )
        offset += len(line) + 1


def resolve(source: str, target: str) -> str:
    """The project path a relative link in ``source`` points at."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))

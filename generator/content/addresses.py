"""Where each source is published, relative to a language's site root.

Both languages use the same addresses (/en/X/ and /cy/X/), so the twin of any page is
found by swapping the language folder. Response pages are addressed by reference, so a
response keeps its address wherever its files sit under responses/.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from generator.project import CONTENT

REGISTER = "register"

# Pages the site generates itself; a source file may not publish at these addresses.
GENERATED_PAGES = {
    "register/index.md": "register",
    "register/statistics.md": "statistics",
    "timetable.md": "timetable",
    "briefing-pack/index.md": "briefing",
    "briefing-sessions/index.md": "session",
    "meetings/index.md": "meeting",
}
SECTION_INDEX = {kind: address for address, kind in GENERATED_PAGES.items()}

_LANG_SUFFIX = re.compile(r"\.(en|cy)(?=\.[^.]+$)")


def document_address(doc_id: str) -> str:
    return f"{doc_id}.md"


def response_address(reference: str) -> str:
    return f"{REGISTER}/{reference.lower()}.md"


def attachment_address(source: str) -> str:
    """content/X → X; responses/X → register/X; a language ending is dropped."""
    area, _, inner = source.partition("/")
    inner = _LANG_SUFFIX.sub("", inner)
    return inner if area == CONTENT else f"{REGISTER}/{inner}"


def attachment_langs(source: str) -> tuple[str, ...]:
    """A file named NAME.en.pdf or NAME.cy.pdf belongs to one language; others to both."""
    match = _LANG_SUFFIX.search(source.rsplit("/", 1)[-1])
    return (match.group(1),) if match else ("en", "cy")


def relative(from_address: str, to_address: str) -> str:
    """A link from one page's Markdown file to another file, both given as addresses."""
    start = PurePosixPath(from_address).parent
    target = PurePosixPath(to_address)
    up = len(start.parts)
    common = 0
    while common < min(up, len(target.parts) - 1) and start.parts[common] == target.parts[common]:
        common += 1
    return "/".join([".."] * (up - common) + list(target.parts[common:]))


def url_of(address: str) -> str:
    """The directory URL MkDocs gives a Markdown file: briefing-pack/budget.md → .../budget/."""
    if not address.endswith(".md"):
        return address
    stem = address[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"

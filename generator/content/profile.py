"""What the site-wide rules need to know of one language version, worked out once.

The rules that compare files (the twins' figures and shape, links between documents,
attachments that are linked) read each text's profile instead of the text itself. A
profile depends only on its file, so it is made with the file's other per-file work:
in parallel, and kept in the per-file cache (content/cache.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.content.links import Link, find_links
from generator.language.blocks import blocks

# Digits with thousands separators and decimals: 1,250 and 1250 are the same figure.
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)")
_IMAGE = re.compile(r"!\[[^\]]*\]\(")
_ADDRESS = re.compile(r"\]\([^)]*\)|https?://\S+")


@dataclass(frozen=True)
class TextProfile:
    # Plain dicts rather than Counters: they are read from the cache many thousands at a
    # time, and a dict loads several times faster.
    links: tuple[Link, ...]  # local link targets in the body
    figures: dict[str, int]  # every figure in the title and body, by how often
    shape: dict[str, int]  # headings, paragraphs, list items, rows, links, images...

    @classmethod
    def of(cls, title: str, body: str, body_line: int) -> TextProfile:
        # Apart, in the order read (a copy of the whole body costs more).
        counted = figures(title)
        counted.update(figures(body))
        return cls(tuple(find_links(body)), dict(counted), dict(shape(body, body_line)))


def figures(text: str) -> Counter[str]:
    # Web addresses carry digits of their own; the addresses are compared as links.
    if "](" in text or "http" in text:
        text = _ADDRESS.sub("]", text)
    found = NUMBER.findall(text)
    return Counter([figure.replace(",", "") for figure in found] if "," in text else found)


def shape(body: str, body_line: int) -> Counter[str]:
    counted = Counter([block.kind for block in blocks(body, body_line)])
    if "](" in body:  # every link and image has it; most bodies have none
        for target in _LINK.findall(body):
            is_page = target.endswith(".md") or target.startswith(("http", "mailto:", "#"))
            counted["link" if is_page else "attachment"] += 1
    counted["image"] = len(_IMAGE.findall(body)) if "](" in body else 0
    return counted

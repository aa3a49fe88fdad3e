"""W002, W003: the two versions say the same things: the same figures, the same shape.

A budget figure mistyped in translation, a paragraph or table row left out, a link or
attachment missing from one version: each would tell Welsh and English readers
different facts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from generator.content.model import Site, Text
from generator.content.profile import NUMBER
from generator.diagnostics import Diagnostic
from generator.rules.registry import rule, site_check

FIGURES_DIFFER = rule(
    "W002",
    "figures-differ",
    "the figures differ from the English version ({other_path}): {difference}",
    "compare the two versions and correct the figure that was mistyped or left out; write "
    "figures in digits in both languages",
    "Both languages must publish the same facts; a figure changed in translation "
    "misinforms one group of readers.",
)
STRUCTURE_DIFFERS = rule(
    "W003",
    "structure-differs",
    "this version has {difference} than the English version ({other_path})",
    "compare the two versions: something was left out of one of them or added to one only",
    "A heading, list item, table row, link or attachment in one language only means the "
    "other language's readers are told less.",
)


def _shown(counter: Counter[str], limit: int = 5) -> str:
    items = sorted(counter.elements(), key=lambda x: (len(x), x))
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


_NAMES = {
    "heading": ("heading", "headings"),
    "paragraph": ("paragraph", "paragraphs"),
    "item": ("list item", "list items"),
    "row": ("table row", "table rows"),
    "quote": ("quotation", "quotations"),
    "link": ("link", "links"),
    "attachment": ("link to an attachment", "links to attachments"),
    "image": ("image", "images"),
}


@site_check
def twins_match(site: Site) -> Iterator[Diagnostic]:
    for item in (*site.responses, *site.documents):
        english, welsh = item.texts["en"], item.texts["cy"]
        en_figures, cy_figures = english.profile.figures, welsh.profile.figures
        if en_figures != cy_figures:
            only_en = Counter(en_figures) - Counter(cy_figures)
            only_cy = Counter(cy_figures) - Counter(en_figures)
            parts = []
            if only_en:
                parts.append(f"only in English: {_shown(only_en)}")
            if only_cy:
                parts.append(f"only here: {_shown(only_cy)}")
            line = _line_of(welsh, next(iter(only_cy), None))
            yield FIGURES_DIFFER.at(
                welsh.source, line, difference="; ".join(parts), other_path=english.source
            )
        en_shape, cy_shape = english.profile.shape, welsh.profile.shape
        differences = []
        for kind, (one, many) in _NAMES.items():
            if kind == "paragraph":
                continue  # a sentence may be split differently in translation
            here, there = cy_shape.get(kind, 0), en_shape.get(kind, 0)
            if here != there:
                more = "more" if here > there else "fewer"
                differences.append(
                    f"{abs(here - there)} {more} {one if abs(here - there) == 1 else many}"
                )
        if differences:
            yield STRUCTURE_DIFFERS.at(
                welsh.source,
                0,
                difference=", ".join(differences),
                other_path=english.source,
            )


def _line_of(text: Text, figure: str | None) -> int:
    if figure is None:
        return text.body_line
    for match in NUMBER.finditer(text.body):
        if match.group().replace(",", "") == figure:
            return text.body_line + text.body.count("\n", 0, match.start())
    return text.body_line

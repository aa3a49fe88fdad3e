"""M: redaction markers, one per language, in the same number in both twins.

A Welsh version translated from the unredacted English original is the classic way a
Welsh page leaks what the English page hid; the count of markers gives it away.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.content.model import LANGS, Site, Text
from generator.diagnostics import Diagnostic
from generator.redaction.markers import MARKERS, PATTERNS, count
from generator.rules.registry import rule, site_check
from generator.rules.twins import LANGUAGE_NAMES

WRONG_MARKER = rule(
    "M001",
    "wrong-redaction-marker",
    "{marker} is the {other} redaction marker; this is the {language} version",
    "write {own} where something was removed from the {language} text",
    "Each language has one marker so that readers and the twin check can rely on it.",
)
MARKER_COUNT = rule(
    "M002",
    "redaction-markers-differ",
    "this {language} version has {count} redaction marker{plural} ({own}) but the "
    "{other} version ({other_path}) has {other_count}",
    "compare the two versions: remove from each what was removed from the other, and mark "
    "the same places with {own} and {other_marker}",
    "A translation made from the unredacted original publishes in one language what the "
    "other language hid.",
)


def _where(text: Text, offset: int) -> int:
    return text.body_line + text.body.count("\n", 0, offset)


@site_check
def markers_match(site: Site) -> Iterator[Diagnostic]:
    for item in (*site.responses, *site.documents):
        counts = {}
        for lang in LANGS:
            text = item.texts[lang]
            other = "cy" if lang == "en" else "en"
            for match in PATTERNS[other].finditer(text.body):
                yield WRONG_MARKER.at(
                    text.source,
                    _where(text, match.start()),
                    marker=MARKERS[other],
                    other=LANGUAGE_NAMES[other],
                    language=LANGUAGE_NAMES[lang],
                    own=MARKERS[lang],
                )
            counts[lang] = count(f"{text.title}\n{text.summary or ''}\n{text.body}", lang)
        if counts["en"] != counts["cy"]:
            welsh = item.texts["cy"]
            yield MARKER_COUNT.at(
                welsh.source,
                0,
                language="Welsh",
                count=counts["cy"],
                plural="s" if counts["cy"] != 1 else "",
                own=MARKERS["cy"],
                other="English",
                other_path=item.texts["en"].source,
                other_count=counts["en"],
                other_marker=MARKERS["en"],
            )

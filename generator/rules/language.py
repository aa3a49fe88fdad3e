"""W001: each version is written in its own language, paragraph by paragraph."""

from __future__ import annotations

from collections.abc import Iterator

from generator.content.parsed import ParsedFile
from generator.diagnostics import Diagnostic
from generator.language.blocks import blocks
from generator.language.identify import MIN_WORDS, identify
from generator.rules.registry import file_check, rule
from generator.rules.twins import LANGUAGE_NAMES

WRONG_LANGUAGE = rule(
    "W001",
    "paragraph-in-other-language",
    "this paragraph of the {language} version reads as {other}",
    "translate it; if it is a deliberate quotation (a candidate's own words), put "
    '{{: lang="{code}" }} on the line after it, which also tells screen readers',
    "The Welsh Language Standards require every page in full in Welsh; an English "
    "paragraph in a Welsh page gives Welsh readers less than English readers.",
)


@file_check
def paragraphs_in_own_language(parsed: ParsedFile) -> Iterator[Diagnostic]:
    source = parsed.source
    other = "cy" if source.lang == "en" else "en"
    for block in blocks(source.body, source.body_line):
        if block.lang is not None or block.kind in ("row", "heading"):
            continue  # marked as another language; a table row or heading is too short
        if block.text.count(" ") < MIN_WORDS - 1:
            continue
        if identify(block.plain) == other:
            yield WRONG_LANGUAGE.at(
                source.path,
                block.line,
                language=LANGUAGE_NAMES[source.lang],
                other=LANGUAGE_NAMES[other],
                code=other,
            )

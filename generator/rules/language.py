"""W001: each version is written in its own language, paragraph by paragraph."""

from __future__ import annotations

from collections.abc import Iterator

from generator.content.parsed import ParsedFile
from generator.diagnostics import Diagnostic
from generator.language.blocks import Block, blocks
from generator.language.identify import MIN_WORDS, identify, listed_words
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
    judged = [
        block
        for block in blocks(source.body, source.body_line)
        # Not one marked as another language; a table row or heading is too short.
        if block.lang is None
        and block.kind not in ("row", "heading")
        and block.text.count(" ") >= MIN_WORDS - 1
    ]
    # identify judges a block as the other language only if it holds two of that
    # language's words: blocks with fewer in all of them together have no such block,
    # and counting them at once is quicker than reading each.
    if not judged or listed_words(_words_of(judged), other) < 2:
        return
    for block in judged:
        if identify(block.plain) == other:
            yield WRONG_LANGUAGE.at(
                source.path,
                block.line,
                language=LANGUAGE_NAMES[source.lang],
                other=LANGUAGE_NAMES[other],
                code=other,
            )


def _words_of(judged: list[Block]) -> str:
    """Text holding every word that identify reads in the blocks (in ``block.plain``),
    if not more: quicker than each block's plain text, where that adds no word.
    plain() puts a space for what it drops, or drops a list item's mark at the start,
    which leaves no word the block as written lacks; but it keeps a link's text and
    drops its address ('y[n](x)' reads 'yn') and cuts a web address from the word
    before it ('ynhttp://…' reads 'yn'), so those blocks are read in plain."""
    return " ".join(
        block.plain
        if "](" in block.text or "http" in block.text or "www." in block.text
        else block.text
        for block in judged
    )

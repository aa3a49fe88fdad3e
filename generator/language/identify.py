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

import itertools
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

# Splitting by a translation table on the bytes is several times quicker than _WORD, and
# gives the same words: an ASCII letter is kept, any other ASCII character cuts, and
# the rare piece with an apostrophe (made 0xFF, which no UTF-8 text holds) or a
# character beyond ASCII is cut by _WORD itself.
_CUT = bytes(
    b if chr(b).isalpha() else 0xFF if b == ord("'") else 32 if b < 128 else b for b in range(256)
)
_ENGLISH_BYTES = frozenset(word.encode() for word in ENGLISH if word.isalpha() and word.isascii())
_WELSH_BYTES = frozenset(word.encode() for word in WELSH if word.isalpha() and word.isascii())


def _split(text: str) -> tuple[list[bytes], int, list[str]]:
    """The words of ``text``, in lower case: every piece cut by the table as bytes, how
    many of those are odd (with an apostrophe or a letter beyond ASCII: these are no
    word of _ENGLISH_BYTES or _WELSH_BYTES), and the words in the odd pieces as text."""
    lower = text.lower().replace("\u2019", "'")
    pieces = lower.encode("utf-8", "surrogatepass").translate(_CUT).split()
    odd = list(itertools.filterfalse(bytes.isascii, pieces))
    if not odd:
        return pieces, 0, []
    joined = b" ".join(odd).replace(b"\xff", b"'").decode("utf-8", "surrogatepass")
    return pieces, len(odd), _WORD.findall(joined)


def identify(text: str) -> Verdict:
    """'en' or 'cy' when the text is clearly one of them; 'unknown' when it is too short
    or mixed."""
    if text.count(" ") < MIN_WORDS - 1:  # cheaply too short, before splitting into words
        return "unknown"
    pieces, odd_pieces, odd = _split(text)
    if len(pieces) - odd_pieces + len(odd) < MIN_WORDS:
        return "unknown"
    english = sum(map(_ENGLISH_BYTES.__contains__, pieces)) + sum(map(ENGLISH.__contains__, odd))
    welsh = sum(map(_WELSH_BYTES.__contains__, pieces)) + sum(map(WELSH.__contains__, odd))
    if english >= 2 and english > 2 * welsh:
        return "en"
    if welsh >= 2 and welsh > 2 * english:
        return "cy"
    return "unknown"


def listed_words(text: str, lang: str) -> int:
    """How many words of ``lang``'s list ("en" or "cy") ``text`` holds, each counted as
    identify counts it: identify judges a text as ``lang`` only if it holds two."""
    pieces, _, odd = _split(text)
    listed, listed_bytes = (ENGLISH, _ENGLISH_BYTES) if lang == "en" else (WELSH, _WELSH_BYTES)
    return sum(map(listed_bytes.__contains__, pieces)) + sum(map(listed.__contains__, odd))

"""The reading of a text with HTML in it that the redaction scan searches as well as the
text itself: as a browser shows it, line for line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.redaction.markup import as_read, piece_by_piece, quickly


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Beth<!-- -->an Morgan", "Bethan Morgan"),
        ("Beth<ins>an</ins> <x-name>Morgan</x-name>", "Bethan Morgan"),
        ("Bethan&#32;Mor&#x67;an &amp; co", "Bethan Morgan & co"),
        ("<p>Bethan</p><p>Morgan</p>", " Bethan  Morgan "),
        ("Bethan<br/>Morgan<img src='x'>", "Bethan Morgan "),
        ("Beth<!--\nnote\n-->an Morgan\nnext", "Bethan Morgan\n\n\nnext"),
        ("Beth<span\nclass='x'>an</span> Morgan", "Bethan Morgan\n"),
        ("Beth<!-- never closed\nMorgan", "Beth\n"),
        ("Line&#10;break", "Line break"),
        # Every form of comment a browser hides.
        ("Beth<!-->an Morgan", "Bethan Morgan"),
        ("Beth<!--->an Morgan", "Bethan Morgan"),
        ("Beth<!-- x --!>an Morgan", "Bethan Morgan"),
        ("Beth<!x>an <?php ?>Mor</ 1>gan", "Bethan Morgan"),
        # A quoted '>' does not end a tag; scripts, styles and templates show nothing.
        ('Beth<span title=">">an Morgan', "Bethan Morgan"),
        ("Beth<span title='a<b'>an Morgan", "Bethan Morgan"),
        ("Beth<template><p>x</p></template>an <script>x()</script>Morgan", "Bethan Morgan"),
        ("Beth<STYLE>\np {}\n</STYLE>an Morgan", "Bethan Morgan\n\n"),
        ('Beth<script>x</script foo>an <a.b>Mor</a.b><i"x">gan', "Bethan Morgan"),
        # A reference to a number past the last character, too long for Python to read.
        ("Beth&#" + "1" * 5000 + ";an", "Beth\ufffdan"),
        ("R&D, 3 < 4, a<b", "R&D, 3 < 4, a<b"),
        # An element to a browser (Markdown's autolink is found in the text as written).
        ("Mail <bethan@example.com>", "Mail "),
    ],
)
def test_read_as_a_browser_shows_it(text: str, read: str) -> None:
    assert as_read(text) == read
    assert as_read(text).count("\n") == text.count("\n")


@pytest.mark.parametrize(
    "text",
    [
        "<p>Contact <strong>Beth</strong>an &amp; <a href='x?a=1&amp;b=2'>Morgan</a></p>",
        "<ul>\n<li>One</li>\n<li>T<em>w</em>o&#10;</li>\n</ul>\n<BR>Three<Img src=x>",
        "a < b && c > d, <x-y z>w</x-y>, &copy 2024",
        "<p title='<b>\n'>Beth</p>an <i\n>Morgan</i>",
        # Markup whose removal could make new markup, read one piece at a time.
        "x <b <br>Beth&#97;n Morgan> y",
        "Beth&<i>#97;n Morgan",
    ],
)
def test_texts_read_the_quick_way_read_as_the_thorough_way_does(text: str) -> None:
    """A text of tags and references only is read with plain substitutions, any other
    (a comment, a script, a tag over two lines) one piece of markup at a time: a comment
    added at the end, which changes nothing on the page, must change nothing here."""
    assert as_read(text + "<!-- -->") == as_read(text)


PIECES = [
    "<",
    ">",
    "</",
    "<b",
    "<br>",
    "<i>",
    "</i>",
    "<p ",
    "&",
    "&#",
    "97;",
    "&amp;",
    "#",
    "'",
    '"',
    "=",
    " ",
    "\n",
    "Beth",
    "an",
    "x",
    "<!--",
    "-->",
    "<script>",
    "</script>",
]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16))
def test_the_quick_reading_is_the_thorough_one_wherever_it_is_taken(pieces: list[str]) -> None:
    text = "".join(pieces)
    quick = quickly(text)
    if quick is not None:
        assert quick == piece_by_piece(text)
    assert as_read(text).count("\n") == text.count("\n")

"""The reading of a text with HTML in it that the redaction scan searches as well as the
text itself: as a browser shows it, line for line."""

from __future__ import annotations

import pytest

from generator.redaction.markup import as_read


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
        ("R&D, 3 < 4, <bethan@example.com>", "R&D, 3 < 4, <bethan@example.com>"),
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
    ],
)
def test_texts_read_the_quick_way_read_as_the_thorough_way_does(text: str) -> None:
    """A text of tags and references only is read with plain substitutions, any other
    (a comment, a script, a tag over two lines) one piece of markup at a time: a comment
    added at the end, which changes nothing on the page, must change nothing here."""
    assert as_read(text + "<!-- -->") == as_read(text)
